// `docker stats` for the Stats tab: one stream per shown tab, opened when it mounts and closed when it
// goes, so the engine is not asked for every container's stats all the time. Main brings the stream
// back by itself after a restart of the container or the engine; the tab shows the phase it is in.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { berth } from '../../bridge'
import type { BerthError } from '@common/contract/shared'
import type { StatsPhase, StatsSample } from '@common/contract/stats'

/** Samples kept for the chart: about a minute at the engine's one a second. */
export const CHART_SAMPLES = 60

export interface StatsView {
  stream: string
  containerId: string
  phase: StatsPhase | 'opening'
  message?: string
  samples: StatsSample[]
  error?: BerthError
}

let counter = 0

export const useStatsStore = defineStore('stats', () => {
  const views = ref(new Map<string, StatsView>())
  let subscribed = false

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    berth.stats.onSample(({ stream, sample }) => {
      const view = views.value.get(stream)
      if (!view) return
      view.samples = [...view.samples.slice(-(CHART_SAMPLES - 1)), sample]
    })
    berth.stats.onState(({ stream, phase, message }) => {
      const view = views.value.get(stream)
      if (!view) return
      view.phase = phase
      view.message = message
    })
  }

  /** Opens a stream for this container; the returned name closes it. */
  async function open(containerId: string): Promise<string> {
    subscribe()
    const stream = `stats-${Date.now().toString(36)}-${counter++}`
    views.value.set(stream, { stream, containerId, phase: 'opening', samples: [] })
    const result = await berth.stats.open({ stream, id: containerId })
    const view = views.value.get(stream)
    // Closed while it was opening: the close reached main first and found nothing, so close it now.
    if (!view) void berth.stats.close({ stream })
    else {
      if (!result.ok) view.error = result.error
      else if (view.phase === 'opening') view.phase = result.value.running ? 'running' : 'stopped'
    }
    return stream
  }

  function close(stream: string): void {
    if (!views.value.delete(stream)) return
    void berth.stats.close({ stream })
  }

  const get = (stream: string | null): StatsView | undefined => (stream ? views.value.get(stream) : undefined)

  return { open, close, get }
})
