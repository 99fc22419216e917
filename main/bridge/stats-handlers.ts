// The stats domain: `docker stats` for one container. Its streams belong to the page that opened
// them, under names it chose, and close when it goes.
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import { StatsFollower } from '../engine/stats/follower'
import type { Handlers } from './router'
import { pageStreams } from './page-streams'

/** A Stats tab and a pop-out or two; more is a page that forgets to close. */
const MAX_STATS_PER_PAGE = 8

export function createStatsHandlers(engine: Engine): Handlers['stats'] {
  // Closed by a switch of engine, the stream says nothing more will come, and why.
  const streamsOf = pageStreams<StatsFollower>((follower, stream, caller, ending) => {
    follower.close()
    if (ending) caller.send('stats', 'state', { stream, phase: 'removed', message: ending.message })
  })

  return {
    open: async ({ stream, id }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
      if (streams.size >= MAX_STATS_PER_PAGE) {
        throw new EngineError('conflict', `This window already has ${MAX_STATS_PER_PAGE} stats streams open. Close some first.`)
      }
      const follower = new StatsFollower(engine, id, {
        sample: (sample) => caller.send('stats', 'sample', { stream, sample }),
        state: (phase, message) => caller.send('stats', 'state', { stream, phase, ...(message ? { message } : {}) }),
      })
      streams.set(stream, follower)
      try {
        return { stream, ...(await follower.start()) }
      } catch (err) {
        follower.close()
        if (streams.get(stream) === follower) streams.delete(stream)
        throw err
      }
    },
    close: async ({ stream }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
    },
  }
}
