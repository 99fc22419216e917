// Looking inside (inspect, history, diff, stats), pruning and disk usage, in engine terms. Stats
// streams belong to the page that opened them, under names it chose, and close when it goes.
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import { imageHistory, inspectImage } from '../engine/images/history'
import { inspectContainer } from '../engine/containers/inspect'
import { containerChanges } from '../engine/containers/changes'
import { StatsFollower } from '../engine/stats/follower'
import { previewContainerPrune, previewImagePrune, pruneContainers, pruneImages } from '../engine/system/prune'
import { diskUsage } from '../engine/system/disk-usage'
import type { Handlers } from './router'
import { pageStreams } from './page-streams'

/** A Stats tab and a pop-out or two; more is a page that forgets to close. */
const MAX_STATS_PER_PAGE = 8

type InsideHandlers = {
  images: Pick<Handlers['images'], 'inspect' | 'history' | 'prunePreview' | 'prune'>
  containers: Pick<Handlers['containers'], 'inspect' | 'changes' | 'prunePreview' | 'prune'>
  stats: Handlers['stats']
  system: Handlers['system']
}

export function createInsideHandlers(engine: Engine): InsideHandlers {
  const docker = () => engine.docker
  const streamsOf = pageStreams<StatsFollower>((follower) => follower.close())

  return {
    images: {
      inspect: ({ reference }) => inspectImage(docker(), reference),
      history: ({ reference }) => imageHistory(docker(), reference),
      prunePreview: ({ all }) => previewImagePrune(docker(), all),
      prune: ({ ids, all }) => pruneImages(docker(), ids, all),
    },
    containers: {
      inspect: ({ id }) => inspectContainer(docker(), id),
      changes: ({ id }) => containerChanges(docker(), id),
      prunePreview: () => previewContainerPrune(docker()),
      prune: ({ ids }) => pruneContainers(docker(), ids),
    },
    stats: {
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
    },
    system: {
      df: () => diskUsage(docker()),
    },
  }
}
