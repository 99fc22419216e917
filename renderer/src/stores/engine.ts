import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth, onLinkState, type LinkState } from '../bridge'
import type { EngineStatus } from '../../../common/api'

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus | null>(null)
  const link = ref<LinkState>('open')
  const reconnectedAt = ref(0)

  const connected = computed(() => link.value === 'open' && status.value?.state === 'connected')

  async function load(): Promise<void> {
    const result = await berth.engine.status()
    if (result.ok) status.value = result.value
  }

  function start(): void {
    berth.engine.onStatus((next) => {
      status.value = next
    })
    onLinkState((state) => {
      const wasDown = link.value !== 'open'
      link.value = state
      // After the page's own link comes back, everything it missed must be reloaded.
      if (state === 'open' && wasDown) reconnectedAt.value = Date.now()
    })
    void load()
  }

  return { status, link, connected, reconnectedAt, start, load }
})
