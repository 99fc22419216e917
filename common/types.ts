// Plain data that crosses the bridge. No dockerode or electron types here: the renderer imports this file.

export type ErrorCode =
  | 'not-found'
  | 'in-use'
  | 'conflict'
  | 'unauthorized'
  | 'engine-unreachable'
  | 'invalid-input'
  | 'internal'

export interface BerthError {
  code: ErrorCode
  /** A sentence the user can act on. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BerthError }

export type EngineSource = 'DOCKER_HOST' | 'context' | 'default'

/** The engine behind the Docker API: Docker's own, Podman's compatible service, or another. */
export interface EngineProduct {
  kind: 'docker' | 'podman' | 'other'
  /** As the window names it: "Docker Engine", "Podman". */
  name: string
  version: string
}

export interface EngineStatus {
  state: 'connecting' | 'connected' | 'unreachable'
  /** Where the engine is, as the user would write it: unix:///var/run/docker.sock, tcp://…, ssh://… */
  host: string
  source: EngineSource
  /** Name of the docker context in use, when the endpoint came from one. */
  context?: string
  /** Engine version, once connected. */
  version?: string
  /** The engine's API version (1.41 for Docker 20.10), once connected: some CLI flags need a newer one. */
  apiVersion?: string
  /** Which engine it is (Docker Engine 20.10.24, Podman 4.3.1), once connected. */
  product?: EngineProduct
  /** Why the engine cannot be reached, when it cannot. */
  message?: string
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

/** Up, as `docker stop` and `docker rm` see it: running, restarting or paused. The engine refuses to start these. */
export const isUp = (state: ContainerState): boolean => state === 'running' || state === 'restarting' || state === 'paused'

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
}

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

export type * from './log-types'
export type * from './registry-types'
