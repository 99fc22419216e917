// The system domain: `docker system df`. Each prune is a call of the domain it prunes.
import type { Engine } from '../engine'
import { diskUsage } from '../engine/system/disk-usage'
import type { Handlers } from './router'

export function createSystemHandlers(engine: Engine): Handlers['system'] {
  return {
    df: () => diskUsage(engine.docker),
  }
}
