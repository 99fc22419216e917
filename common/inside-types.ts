// Looking inside images and containers: what `docker image inspect`, `docker history`,
// `docker container inspect`, `docker diff`, `docker stats`, the prunes and `docker system df` show,
// as plain data that crosses the bridge.

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

export type MountKind = 'volume' | 'anonymous-volume' | 'bind' | 'tmpfs' | 'npipe' | 'other'

export interface MountDetail {
  kind: MountKind
  /** The volume's name, for volumes. */
  name?: string
  source: string
  destination: string
  rw: boolean
  mode: string
}

export interface PortBinding {
  /** `80/tcp` */
  container: string
  /** `0.0.0.0:8080`, or empty when exposed but not published. */
  host: string[]
}

export interface NetworkDetail {
  name: string
  ipAddress: string
  gateway: string
  macAddress: string
}

/** `docker container inspect`, the parts a person reads, plus the whole answer as JSON text. */
export interface ContainerDetail {
  id: string
  name: string
  image: string
  imageId: string
  created: string
  state: {
    status: string
    running: boolean
    paused: boolean
    restarting: boolean
    oomKilled: boolean
    dead: boolean
    pid: number
    exitCode: number
    error: string
    startedAt: string
    finishedAt: string
  }
  restartCount: number
  restartPolicy: { name: string; maximumRetryCount: number }
  /** The command the container runs: entrypoint then arguments, as the engine ran it. */
  command: string[]
  entrypoint: string[]
  cmd: string[]
  workdir: string
  user: string
  env: string[]
  ports: PortBinding[]
  mounts: MountDetail[]
  networkMode: string
  networks: NetworkDetail[]
  labels: Record<string, string>
  raw: string
}

export type ChangeKind = 'added' | 'changed' | 'deleted'

/** One line of `docker diff`: a path in the container's writable layer. */
export interface PathChange {
  path: string
  kind: ChangeKind
}

/** One sample of `docker stats`, computed as the CLI computes it. */
export interface StatsSample {
  /** Milliseconds since the epoch, from the engine's `read`. */
  at: number
  cpuPercent: number
  /** Usage minus the inactive page cache, as `docker stats` shows it. */
  memoryBytes: number
  memoryLimitBytes: number
  memoryPercent: number
  networkRxBytes: number
  networkTxBytes: number
  blockReadBytes: number
  blockWriteBytes: number
  pids: number
}

/**
 * Where a stats stream is: `running` (samples coming), `stopped` (the container is not running; the
 * stream comes back when it starts), `waiting` (the engine went away; it comes back with it).
 */
export type StatsPhase = 'running' | 'stopped' | 'waiting' | 'removed'

export interface StatsState {
  stream: string
  phase: StatsPhase
  message?: string
}

export interface StatsBatch {
  stream: string
  sample: StatsSample
}

export interface ContainerPruneCandidate {
  id: string
  name: string
  image: string
  state: string
  /** Bytes of its writable layer. */
  size: number
}

export interface ContainerPrunePreview {
  containers: ContainerPruneCandidate[]
  /** Bytes the prune frees: the candidates' writable layers. */
  space: number
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
