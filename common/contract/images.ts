// The images domain: the list (`docker images`), remove, and looking inside one
// (`docker image inspect`, `docker history`, `docker image prune`). Tag, pull and push are in registry.ts.
import { z } from 'zod'
import type { ListChange, ListSnapshot } from '../live-list'
import { call, event } from './spec'
import { imageRef, noInput } from './shared'
import type { PruneResult } from './system'

export interface ImageSummary {
  id: string
  /** 12 hex characters, as `docker images` shows. */
  shortId: string
  /** "<none>" when untagged. */
  repository: string
  tag: string
  /** What `docker rmi` should be given for this row: repo:tag when tagged, else the id. */
  reference: string
  size: number
  /** Milliseconds since the epoch. */
  created: number
  /** Containers (running or not) created from this image. */
  containers: number
  /** The first few of their names (`containers` counts them all), as `docker ps -a` shows them: why `docker rmi` would refuse. */
  usedBy: string[]
}
/** `docker image inspect`, the parts a person reads, plus the whole answer as JSON text. */
export interface ImageDetail {
  id: string
  repoTags: string[]
  repoDigests: string[]
  os: string
  architecture: string
  variant?: string
  /** Bytes of all its layers (shared ones included). */
  size: number
  /** ISO time. */
  created: string
  author: string
  entrypoint: string[] | null
  cmd: string[] | null
  workdir: string
  user: string
  exposedPorts: string[]
  env: string[]
  volumes: string[]
  labels: Record<string, string>
  /** RootFS layer digests (diff ids), base first. */
  layers: string[]
  /** The engine's answer, pretty-printed. Shown as text, never as HTML. */
  raw: string
}

/** One step of `docker history`, base first. */
export interface HistoryStep {
  /** The image id this step produced, or `<missing>` when the step was built elsewhere (pulled) and only its layer is here. */
  id: string
  /** Seconds since the epoch. */
  created: number
  createdBy: string
  /** Bytes this step added (0 for a step that only changed settings). */
  size: number
  comment: string
  tags: string[]
  /** The RootFS layer this step made, when it made one. */
  layer?: string
  /** Other local images (their names, or short ids) that hold this layer with everything under it: stored once. */
  sharedWith: string[]
}

export interface ImageHistory {
  steps: HistoryStep[]
  /** Bytes of this image's layers that other local images also hold (`docker system df -v` SHARED SIZE). */
  sharedSize: number
  /** Bytes only this image holds (UNIQUE SIZE): what removing it frees. */
  uniqueSize: number
  totalSize: number
}
export interface ImagePruneCandidate {
  id: string
  /** Its names (empty for a dangling image). */
  tags: string[]
  size: number
  /** Bytes no other image holds. */
  uniqueSize: number
  created: number
}

export interface ImagePrunePreview {
  all: boolean
  images: ImagePruneCandidate[]
  /** Bytes the prune frees at least: layers held only by these images. */
  space: number
}
const imageId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'is not a full image id')

export const images = {
  calls: {
    list: call<ListSnapshot<ImageSummary>>()(noInput),
    remove: call<void>()(z.strictObject({ reference: imageRef })),
    /** `docker image inspect`. */
    inspect: call<ImageDetail>()(z.strictObject({ reference: imageRef })),
    /** `docker history --no-trunc`, base first, with the layers other local images share. */
    history: call<ImageHistory>()(z.strictObject({ reference: imageRef })),
    /** What `docker image prune` (`-a`: every unused image) would remove now, and the space it frees. */
    prunePreview: call<ImagePrunePreview>()(z.strictObject({ all: z.boolean() })),
    /** Removes only these (from the preview), keeping any that came into use or were tagged since. */
    prune: call<PruneResult>()(z.strictObject({ ids: z.array(imageId).max(10_000), all: z.boolean() })),
  },
  events: {
    changed: event<ListChange<ImageSummary>>(),
  },
}
