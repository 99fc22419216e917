// A list the engine keeps fresh: loaded once, then replaced by every `changed` event. Never polled.
import { ref, shallowRef, type Ref } from 'vue'
import type { Result } from '../../../common/api'

export function useLiveList<T>(
  fetch: () => Promise<Result<T[]>>,
  onChanged: (listener: (list: T[]) => void) => () => void,
): { list: Ref<T[]>; loaded: Ref<boolean>; load(): Promise<void>; start(): void } {
  // Shallow: every event replaces the whole list, its rows are never changed in place, so thousands
  // of rows need no deep proxies; only the list itself is tracked.
  const list = shallowRef<T[]>([])
  const loaded = ref(false)

  function set(next: T[]): void {
    list.value = next
    loaded.value = true
  }

  async function load(): Promise<void> {
    const result = await fetch()
    if (result.ok) set(result.value)
  }

  function start(): void {
    onChanged(set)
    void load()
  }

  return { list, loaded, load, start }
}
