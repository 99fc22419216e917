// The logs domain: each page owns the streams it opens, under names it chose. Another page cannot
// reach them, and all of them close when the page goes away (window closed, tab closed, reload).
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import { readOlderLines } from '../engine/logs/history'
import { LogFollower } from '../engine/logs/logs'
import type { Caller, Handlers } from './router'
import { pageStreams } from './page-streams'

/** A pane, its pop-outs and a download or two; more than this is a page that forgets to close. */
const MAX_STREAMS_PER_PAGE = 16

export function createLogHandlers(engine: Engine): Handlers['logs'] {
  const streamsOf = pageStreams<LogFollower>((follower, stream, caller, ending) => {
    follower.close()
    if (ending) caller.send('logs', 'state', { stream, phase: 'failed', message: ending.message })
  })

  const find = (caller: Caller, stream: string): LogFollower => {
    const follower = streamsOf(caller).get(stream)
    if (!follower || follower.isClosed) throw new EngineError('not-found', `The log stream "${stream}" is not open (it ended or was closed).`)
    return follower
  }

  return {
    open: async ({ stream, id, tail, follow }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
      if (streams.size >= MAX_STREAMS_PER_PAGE) {
        throw new EngineError('conflict', `This window already has ${MAX_STREAMS_PER_PAGE} log streams open. Close some panes first.`)
      }
      const follower = new LogFollower(engine.docker, id, { tail, follow, revival: engine.revival }, {
        lines: (batch) => caller.send('logs', 'lines', { stream, ...batch }),
        state: (phase, message) => {
          caller.send('logs', 'state', { stream, phase, ...(message ? { message } : {}) })
          if (phase === 'ended' || phase === 'removed' || phase === 'failed') {
            if (streams.get(stream) === follower) streams.delete(stream)
          }
        },
      })
      streams.set(stream, follower)
      try {
        const info = await follower.start()
        return { stream, ...info }
      } catch (err) {
        follower.close()
        if (streams.get(stream) === follower) streams.delete(stream)
        throw err
      }
    },
    ack: async ({ stream, seq }, caller) => {
      // A late ack for a stream that just ended is harmless: ignore it rather than report an error.
      streamsOf(caller).get(stream)?.ack(seq)
    },
    close: async ({ stream }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
    },
    older: async ({ stream, before, skip, count, sameTime }, caller) => {
      const follower = find(caller, stream)
      const pending = follower.pendingLines
      // Lines read but not yet sent are the page's too; when all it holds share one time, they count with it.
      const same = sameTime !== undefined && sameTime >= skip ? sameTime + pending : sameTime
      return readOlderLines(engine.docker, follower.containerId, { tty: follower.tty, before, skip: skip + pending, count, ...(same !== undefined ? { sameTime: same } : {}) })
    },
  }
}
