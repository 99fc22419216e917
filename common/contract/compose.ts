// The compose domain: running the user's compose CLI on a compose file (up, down, pull, build,
// restart), reading and validating that file, and saving containers as a compose file.
import { z } from 'zod'
import { call, event } from './spec'
import { containerRef, noInput, operationId, projectName } from './shared'
import { COMPOSE_COMMANDS, type ComposeCli, type ComposeEnv, type ComposeRunRequest } from '../compose/command'

// ── The compose CLI and its files ────────────────────────────────────────────────────────────────

export type { ComposeCli, ComposeCliName, ComposeCommand, ComposeEnv, ComposeRunRequest } from '../compose/command'

/** A path on the machine Berth runs on. */
const hostPath = z.string().min(1).max(4096)

export const composeRunRequest = z.strictObject({
  command: z.enum(COMPOSE_COMMANDS as [ComposeRunRequest['command'], ...ComposeRunRequest['command'][]]),
  project: projectName,
  files: z.array(hostPath).min(1).max(16),
  build: z.boolean().optional(),
  pull: z.boolean().optional(),
  removeVolumes: z.array(z.string().min(1).max(255)).max(200).optional(),
})

/** The compose CLI Berth would run, and how it reaches Berth's engine. */
export interface ComposeCliInfo {
  /** The first of the docker plugin, docker-compose, podman-compose that works; null when none does. */
  cli: ComposeCli | null
  /** How to get one (shown when there is none, or when the one found cannot reach this engine). */
  howToGet: string
  /** What the CLI is given to reach the engine the window shows; null when that is its default. */
  env: ComposeEnv | null
  /** Why this CLI cannot act on this engine (podman-compose on a Docker engine), or null. */
  unusable: string | null
  /** What differs on this engine, said in the window. */
  notes: string[]
}

/** A problem in a compose file, where it is. */
export interface ComposeIssue {
  file: string
  /** 1-based, as editors count. */
  line: number
  column: number
  /** services.web.ports[0], or '' for the file itself. */
  at: string
  message: string
}

export interface ComposeService {
  name: string
  image?: string
  /** The build context, as the file gives it. */
  build?: string
}

/** A named volume the file declares, and the engine's name for it in a project. */
export interface ComposeVolume {
  key: string
  /** `<project>_<key>`, the `name:` it gives, or the external volume's name. */
  name: string
  external: boolean
}

/** A project's compose files, read and validated against the Compose Specification. */
export interface ComposeFiles {
  /** The first file's folder: where the CLI runs, and what relative paths in the files mean. */
  workingDir: string
  files: { path: string; text: string }[]
  services: ComposeService[]
  volumes: ComposeVolume[]
  issues: ComposeIssue[]
  /** The project name Compose derives from the folder, or the file's `name:`. */
  defaultProject: string
}

export interface ComposeOutputLine {
  /** The service the line names, when it names one. */
  service?: string
  text: string
  stream: 'stdout' | 'stderr'
}

export interface ComposeOutputEvent {
  operation: string
  lines: ComposeOutputLine[]
}

export interface ComposeRunResult {
  operation: string
  /** The command line that ran, as shown. */
  line: string
  /** The CLI's exit code (of the step that failed, else of the last); null when it was cancelled or could not start. */
  exitCode: number | null
  cancelled: boolean
}

const cliCalls = {
  /** Which compose CLI Berth would run (found again with `refresh`, after installing one). */
  cli: call<ComposeCliInfo>()(z.strictObject({ refresh: z.boolean().optional() })),
  /** A folder (its compose.yaml, …) or a compose file, read and validated; nothing runs. */
  open: call<ComposeFiles>()(z.strictObject({ path: hostPath })),
  /** A project's files from its containers' labels (config_files, relative to working_dir). */
  readProject: call<ComposeFiles>()(
    z.strictObject({ project: z.string().min(1).max(255), workingDir: hostPath.optional(), configFiles: z.array(z.string().min(1).max(4096)).min(1).max(16) }),
  ),
  /** The exact command line a run would be (nothing runs). */
  line: call<{ line: string }>()(z.strictObject({ request: composeRunRequest })),
  /** Runs the CLI; answers when it exits. Its output comes as `output` events to this page. */
  run: call<ComposeRunResult>()(z.strictObject({ operation: operationId, request: composeRunRequest })),
  cancel: call<{ cancelled: boolean }>()(z.strictObject({ operation: operationId })),
  /** The desktop window's file dialog; `available: false` where there is none. */
  pickFile: call<{ available: boolean; path: string | null }>()(noInput),
}

const cliEvents = {
  output: event<ComposeOutputEvent>(),
}

// ── Saving containers as a compose file ──────────────────────────────────────────────────────────

/** Per flagged value: written as it is (`keep`), or as `${VARIABLE}` for a .env file (`variable`). */
export const SECRET_CHOICES = ['keep', 'variable'] as const
export type SecretChoice = (typeof SECRET_CHOICES)[number]

const secretChoices = z.array(z.strictObject({ id: z.string().min(1).max(600), choice: z.enum(SECRET_CHOICES) })).max(2000)

/** The containers to save (ids or names, each once), and the choice made for each flagged value so far. */
export const composeSaveInput = z.strictObject({
  containers: z.array(containerRef).min(1, 'needs at least one container: choose the ones to save').max(200),
  secrets: secretChoices,
})

/** An env value that looks like a secret: shown to the user, written only as they choose. */
export interface FlaggedSecret {
  /** `<service>.<KEY>`: what a choice names. */
  id: string
  service: string
  container: string
  key: string
  value: string
  /** The variable written instead (`${DB_PASSWORD}`) when the value is not kept. */
  variable: string
  /** Why it was flagged, as a sentence's end ("its name, DB_PASSWORD, says it is a secret"). */
  reason: string
}

export interface SavedService {
  container: string
  service: string
}

export interface ComposeSavePreview {
  /** The file as it would be written with the choices given; a value without a choice as its variable. */
  yaml: string
  services: SavedService[]
  secrets: FlaggedSecret[]
  /** What the file cannot say, or says differently from the containers (a service renamed, --rm, links…). */
  notes: string[]
  /** The .env lines the replaced values need (`DB_PASSWORD=`), empty when none. */
  envFile: string
}

export interface ComposeSaveResult {
  yaml: string
  envFile: string
  /** The name to save under. */
  filename: string
  /** Where the desktop window's save dialog wrote it; null in browser mode (the page downloads it) or when cancelled. */
  savedTo: string | null
  /** The user closed the save dialog without saving. */
  cancelled: boolean
}

const saveCalls = {
  /** The compose file these containers would be saved as, with what is flagged and what cannot be said. */
  savePreview: call<ComposeSavePreview>()(composeSaveInput),
  /** The file, with every flagged value chosen for: the desktop window saves it, browser mode downloads it. */
  saveFile: call<ComposeSaveResult>()(composeSaveInput),
}

export const compose = {
  calls: { ...cliCalls, ...saveCalls },
  events: { ...cliEvents },
}
