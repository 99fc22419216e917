// The system domain: what the prunes report, `docker system df` and `docker builder prune`.
import { call } from './spec'
import { noInput } from './shared'

export interface PruneResult {
  removed: string[]
  /** Listed in the preview but kept: they came into use (or changed, or went) since. */
  kept: Array<{ id: string; reason: string }>
}

export interface DiskUsageRow {
  kind: 'images' | 'containers' | 'volumes' | 'build-cache'
  total: number
  active: number
  size: number
  reclaimable: number
}

/** `docker system df`. */
export interface DiskUsage {
  rows: DiskUsageRow[]
}

/** What `docker builder prune -a -f` removed. */
export interface BuildCachePruneResult {
  removed: number
  spaceReclaimed: number
}

export const system = {
  calls: {
    df: call<DiskUsage>()(noInput),
    /** Every build cache record no build is using: the reclaimable space `df` counts. */
    pruneBuildCache: call<BuildCachePruneResult>()(noInput),
  },
  events: {},
}
