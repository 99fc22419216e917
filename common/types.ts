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

export interface EngineStatus {
  state: 'connecting' | 'connected' | 'unreachable'
  /** Where the engine is, as the user would write it: unix:///var/run/docker.sock, tcp://…, ssh://… */
  host: string
  source: EngineSource
  /** Name of the docker context in use, when the endpoint came from one. */
  context?: string
  /** Engine version, once connected. */
  version?: string
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
  /** The engine's own words: "Up 3 minutes", "Exited (0) 2 hours ago". */
  status: string
  ports: PublishedPort[]
  /** Milliseconds since the epoch. */
  created: number
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
}

export type * from './log-types'
export type * from './registry-types'
