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

export const THEME_CHOICES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

/** The biggest first tail a log pane may ask for, as a `?tail=` link may. */
export const MAX_LOG_TAIL = 1_000_000

/** What the user chose on the Settings page (the schema, for main, is in settings.ts). */
export interface Settings {
  /** Light, dark, or whatever the system shows (`prefers-color-scheme`). */
  theme: ThemeChoice
  notifications: {
    /** Off: no notification of any kind. */
    enabled: boolean
    /** A container that exits on its own: not one the user stopped or killed. */
    containerDied: boolean
    /** A container whose healthcheck turns it unhealthy. */
    containerUnhealthy: boolean
    /** A build, pull, push or compose action that ends while its page is not in view. */
    tasks: boolean
  }
  logs: {
    /** How many past lines a log pane shows first: `docker logs --tail`. */
    tail: 'all' | number
    timestamps: boolean
    wrap: boolean
  }
  terminal: { fontSize: number }
  /** Confirmations the user may skip: true asks first, as Berth does by default. Never ones that lose data. */
  confirm: {
    /** "Make this the CLI's default" on the Engines page (`docker context use`): undone with one more click. */
    makeCliDefault: boolean
  }
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  notifications: { enabled: true, containerDied: true, containerUnhealthy: true, tasks: true },
  logs: { tail: 1000, timestamps: false, wrap: false },
  terminal: { fontSize: 13 },
  confirm: { makeCliDefault: true },
}
