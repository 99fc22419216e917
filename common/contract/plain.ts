// The contract's values that need no schema: the page imports them from here, so opening it loads
// neither zod nor the contract's schemas (those are for main, which validates every call).
import type { ContainerState } from './containers'

/** Up, as `docker stop` and `docker rm` see it: running, restarting or paused. The engine refuses to start these. */
export const isUp = (state: ContainerState): boolean => state === 'running' || state === 'restarting' || state === 'paused'

/** The labels Compose puts on every container it makes (v1, v2 and podman-compose alike). */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
} as const

export const COMPOSE_PROJECT_LABEL = COMPOSE_LABELS.project

/** How many finished actions the activity history keeps: the oldest go first. */
export const ACTIVITY_KEEP = 500
/** The longest CLI line the activity history keeps (a run line with many -e and -v flags is long, but not this long). */
export const ACTIVITY_CLI_MAX = 16_384
/** The longest failure sentence it keeps. */
export const ACTIVITY_MESSAGE_MAX = 4_096
