// The containers domain: the list (`docker ps -a`), start, stop, restart, remove, and looking inside
// one (`docker container inspect`, `docker diff`, `docker container prune`). Running one is in run.ts.
import { z } from 'zod'
import type { ListChange, ListSnapshot } from '../live-list'
import { call, event } from './spec'
import { containerRef, noInput } from './shared'
import type { PruneResult } from './system'
import { runCalls } from './run'
import type { ComposeLabels } from './projects'

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

export { isUp } from './plain'

export interface PublishedPort {
  hostIp?: string
  hostPort?: number
  containerPort: number
  protocol: string
}

export interface ContainerSummary {
  id: string
  name: string
  image: string
  imageId: string
  command: string
  state: ContainerState
  /** Exit code of an exited container, as `docker ps -a` shows it. */
  exitCode: number | null
  /**
   * The engine's status without its time span: "Up", "Up (healthy)", "Up (Paused)", "Exited (0)",
   * "Restarting (1)", "Created", "Dead". The span goes stale at once, so it is counted from `since`
   * (`statusWords`); keeping it out also keeps a row the same from one list to the next.
   */
  status: string
  /**
   * Milliseconds since the epoch: when an up container started, or when an exited or restarting one
   * stopped. Exact when Berth saw the engine's start or die event, else read back from `status`
   * (to the unit it shows). Null when the status carries no time (created, dead, removing).
   */
  since: number | null
  /** The healthcheck's word in the status, "healthy", "unhealthy" or "health: starting", if any. */
  health?: string
  ports: PublishedPort[]
  /** Milliseconds since the epoch. */
  created: number
  /**
   * The image reference the container was created from (`docker run ux/app:1`), set only when that
   * reference now names another image (rebuilt, re-pulled) or none: the container keeps its old build.
   * `image` then holds the short id of the image it runs, as `docker ps` shows.
   */
  olderBuildOf?: string
  /** Its compose project and service, when it carries Compose's labels (whatever tool made it). */
  compose?: ComposeLabels
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
  /**
   * What `-p` asked for this port (the host config), as it was written: `8080`, `127.0.0.1:8080`,
   * `127.0.0.1:` for any free port on that address; `-P` asks for any free port. Empty when nothing was asked.
   */
  asked: string[]
}

export interface NetworkDetail {
  name: string
  ipAddress: string
  gateway: string
  macAddress: string
  /** With its prefix length, as the network's own list shows it: `172.18.0.2/16`; empty while it has no address. */
  ipPrefix?: string
  /** `--network-alias` names on this network (the short id every container answers to left out). */
  aliases?: string[]
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
  /** Why what was asked (-p, -P) is not what the engine published, when they differ. */
  portsNote?: string
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
/** Seconds the engine waits for a graceful stop before it kills, like `docker stop -t`. */
const stopTimeout = z.number().int().min(0).max(3600)

const containerId = z.string().regex(/^[0-9a-f]{64}$/, 'is not a full container id')

/** A container that exited by itself, as the engine's `die` event told it. */
export interface ContainerExit {
  id: string
  name: string
  /** The process's exit code (137 when the kernel killed it for memory, say); null when the engine did not say. */
  exitCode: number | null
  /** Milliseconds since the epoch. */
  at: number
}

export interface ContainerHealthTurn {
  id: string
  name: string
  at: number
}

export const containers = {
  calls: {
    /** The list as Berth keeps it from the engine's events (`docker ps -a`), with its version. */
    list: call<ListSnapshot<ContainerSummary>>()(noInput),
    start: call<void>()(z.strictObject({ id: containerRef })),
    stop: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
    restart: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
    /** `volumes`: its anonymous volumes go too (`docker rm -v`); named volumes always stay. */
    remove: call<void>()(z.strictObject({ id: containerRef, force: z.boolean().optional(), volumes: z.boolean().optional() })),
    /** `docker container inspect`. */
    inspect: call<ContainerDetail>()(z.strictObject({ id: containerRef })),
    /** `docker diff`. */
    changes: call<PathChange[]>()(z.strictObject({ id: containerRef })),
    /** What `docker container prune` would remove now (every stopped container) and the space it frees. */
    prunePreview: call<ContainerPrunePreview>()(noInput),
    /** Removes only these (from the preview), keeping any started since. */
    prune: call<PruneResult>()(z.strictObject({ ids: z.array(containerId).max(10_000) })),
    ...runCalls,
  },
  events: {
    /** What changed in the list after a burst of engine events: only the rows that changed. */
    changed: event<ListChange<ContainerSummary>>(),
    /** A container exited on its own: no stop or kill from Berth or the CLI came before its `die`. */
    exited: event<ContainerExit>(),
    /** A container's healthcheck turned it unhealthy (`health_status: unhealthy`). */
    unhealthy: event<ContainerHealthTurn>(),
  },
}
