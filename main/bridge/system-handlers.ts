// The system domain: `docker system df`, and `docker builder prune` (the build cache has no domain of its own). Each prune is a call of the domain it prunes.
import type { Engine } from '../engine'
import { diskUsage } from '../engine/system/disk-usage'
import { pruneBuildCache } from '../engine/system/build-cache'
import type { Handlers } from './router'

export function createSystemHandlers(engine: Engine): Handlers['system'] {
  return {
    df: () => diskUsage(engine.docker),
    pruneBuildCache: () => pruneBuildCache(engine.docker),
  }
}
