// Whether what a page shows belongs to an engine Berth has switched away from. A page notes the
// switch count when it opens (and when it moves to another thing); once Berth switches, the page says
// so in a sentence instead of going blank or showing the old engine's things as if they were here.
import { computed, ref, watch, type ComputedRef } from 'vue'
import { useEnginesStore, type EngineSwitch } from './engines-store'

export interface SwitchedAway {
  /** The switch that left this page behind, or null while it shows the engine in view. */
  away: ComputedRef<EngineSwitch | null>
  /** The user asked to see the same thing on the engine now in view. */
  stay(): void
}

/** `key`: what the page shows (a container's name): moving to another thing starts afresh. */
export function useSwitchedAway(key: () => unknown = () => null): SwitchedAway {
  const engines = useEnginesStore()
  const openedAt = ref(engines.generation)
  watch(key, () => (openedAt.value = engines.generation))
  const away = computed(() => (engines.generation !== openedAt.value ? engines.lastSwitch : null))
  return { away, stay: () => (openedAt.value = engines.generation) }
}
