import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth, onLinkState, type LinkState } from '../../bridge'
import type { EngineStatus } from '@common/contract/engine'

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus | null>(null)
  const link = ref<LinkState>('open')
  const reconnectedAt = ref(0)

  const connected = computed(() => link.value === 'open' && status.value?.state === 'connected')
  /**
   * Why actions that need the engine cannot run now, or null when they can: every such button is
   * disabled by `connected` and shows this as its title, rather than failing after a click.
   */
  const notConnected = computed(() => {
    if (connected.value) return null
    if (link.value !== 'open') return 'Berth’s own connection is down: this needs the Docker engine.'
    return status.value?.state === 'unreachable'
      ? 'The Docker engine is not reachable: this waits until Berth reconnects.'
      : 'Connecting to the Docker engine…'
  })

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

  return { status, link, connected, notConnected, reconnectedAt, start, load }
})
