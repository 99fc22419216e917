// The contract's calls for looking inside images and containers, pruning and disk usage: spread into
// their domains in api.ts, so the contract stays one table.
import { z } from 'zod'
import { call, event } from './contract'
import { containerRef, imageRef } from './file-schemas'
import type {
  ContainerDetail,
  ContainerPrunePreview,
  DiskUsage,
  ImageDetail,
  ImageHistory,
  ImagePrunePreview,
  PathChange,
  PruneResult,
  StatsBatch,
  StatsState,
} from './inside-types'

const imageId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'is not a full image id')
const containerId = z.string().regex(/^[0-9a-f]{64}$/, 'is not a full container id')
const statsStream = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a stats stream name')

export const insideImageCalls = {
  /** `docker image inspect`. */
  inspect: call<ImageDetail>()(z.strictObject({ reference: imageRef })),
  /** `docker history --no-trunc`, base first, with the layers other local images share. */
  history: call<ImageHistory>()(z.strictObject({ reference: imageRef })),
  /** What `docker image prune` (`-a`: every unused image) would remove now, and the space it frees. */
  prunePreview: call<ImagePrunePreview>()(z.strictObject({ all: z.boolean() })),
  /** Removes only these (from the preview), keeping any that came into use or were tagged since. */
  prune: call<PruneResult>()(z.strictObject({ ids: z.array(imageId).max(10_000), all: z.boolean() })),
}

export const insideContainerCalls = {
  /** `docker container inspect`. */
  inspect: call<ContainerDetail>()(z.strictObject({ id: containerRef })),
  /** `docker diff`. */
  changes: call<PathChange[]>()(z.strictObject({ id: containerRef })),
  /** What `docker container prune` would remove now (every stopped container) and the space it frees. */
  prunePreview: call<ContainerPrunePreview>()(z.strictObject({})),
  /** Removes only these (from the preview), keeping any started since. */
  prune: call<PruneResult>()(z.strictObject({ ids: z.array(containerId).max(10_000) })),
}

/** `docker stats` for one container, streamed to the page that opened it while it stays open. */
export const statsDomain = {
  calls: {
    open: call<{ stream: string; containerId: string; running: boolean }>()(z.strictObject({ stream: statsStream, id: containerRef })),
    close: call<void>()(z.strictObject({ stream: statsStream })),
  },
  events: {
    sample: event<StatsBatch>(),
    state: event<StatsState>(),
  },
}

/** `docker system df`. */
export const systemDomain = {
  calls: {
    df: call<DiskUsage>()(z.strictObject({})),
  },
  events: {},
}
