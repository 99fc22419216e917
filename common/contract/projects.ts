// The projects domain: containers that carry com.docker.compose.project, whatever tool made them
// (Compose v1 and v2, podman-compose), taken as one: start, stop, restart and remove them all
// (`docker compose -p app stop`), their services' networks and volumes, and their logs merged.
import { z } from 'zod'
import { call, event } from './spec'
import { projectName, streamId } from './shared'
import type { LogLines, LogStreamPhase } from './logs'

export { COMPOSE_LABELS } from './plain'

/** A container's place in its compose project, read from its labels; none of it changes by itself. */
export interface ComposeLabels {
  project: string
  /** Empty when the label is missing (a container labelled by hand). */
  service: string
  /** com.docker.compose.container-number: app-web-2 is 2. */
  number?: number
  workingDir?: string
  /** com.docker.compose.project.config_files, split on its commas. */
  configFiles?: string[]
}

/** Seconds the engine waits for a graceful stop before it kills, like `docker compose stop -t`. */
const stopTimeout = z.number().int().min(0).max(3600)

/** What a group action did: the containers it acted on, by name. */
export interface ProjectActionResult {
  containers: string[]
}

/** One service of a project, with what `docker compose ps` and the compose file would say of it. */
export interface ServiceDetail {
  service: string
  /** Networks its containers are on (`app_default`), sorted. */
  networks: string[]
  /** Its mounts as `-v` words: `data:/var/lib/data`, `/host/dir:/app`, sorted. */
  volumes: string[]
}

/** A merged stream's batch: lines of several containers, each tagged with where it came from. */
export interface ProjectLogBatch extends LogLines {
  stream: string
  /** 1, 2, 3, … per stream; the page acknowledges each one so main can send more. */
  seq: number
  /** The containers these lines came from. */
  sources: Array<{ id: string; container: string; service: string }>
  /** `source[i]` indexes `sources` for `lines[i]`. */
  source: number[]
}

/** One container of a merged stream: following, waiting for a restart, removed… */
export interface ProjectLogState {
  stream: string
  container: string
  service: string
  phase: LogStreamPhase
  message?: string
}

const logStream = streamId('a log stream name')
const project = z.strictObject({ project: projectName })

export const projects = {
  calls: {
    /** `docker compose -p app start`: every container of the project. */
    start: call<ProjectActionResult>()(project),
    /** `docker compose -p app stop`. */
    stop: call<ProjectActionResult>()(z.strictObject({ project: projectName, timeout: stopTimeout.optional() })),
    /** `docker compose -p app restart`. */
    restart: call<ProjectActionResult>()(z.strictObject({ project: projectName, timeout: stopTimeout.optional() })),
    /** `docker compose -p app rm -s -f`: stops and removes every container (networks and volumes stay). */
    remove: call<ProjectActionResult>()(project),
    /** Each service's networks and volumes (`docker inspect` of its containers). */
    services: call<ServiceDetail[]>()(project),
    /** `docker compose -p app logs -f --tail N`: every container's log, merged, and those that join. */
    openLogs: call<void>()(
      z.strictObject({ stream: logStream, project: projectName, tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]) }),
    ),
    ackLogs: call<void>()(z.strictObject({ stream: logStream, seq: z.number().int().min(1) })),
    closeLogs: call<void>()(z.strictObject({ stream: logStream })),
  },
  events: {
    lines: event<ProjectLogBatch>(),
    state: event<ProjectLogState>(),
  },
}
