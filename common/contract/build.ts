// The builds domain: `docker build` of a folder on the machine Berth runs on, named by the page that
// starts it. Main explains a bad tag or name in words; the schemas only bound sizes and shapes so
// nothing huge or odd reaches it.
import { z } from 'zod'
import { call, event } from './spec'
import { noInput, operationId } from './shared'

/** An ARG name: the CLI takes any word; Berth keeps to what a Dockerfile can refer to. */
export const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/
/** A stage name as `FROM … AS name` allows. */
export const TARGET_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/

/** A path on the machine Berth runs on. */
export const hostPath = z.string().min(1).max(4096)

const dockerfilePath = z.string().max(1024)

export const buildRequest = z.strictObject({
  folder: hostPath,
  dockerfile: dockerfilePath.optional(),
  tags: z.array(z.string().min(1).max(512)).max(20),
  buildArgs: z.array(z.strictObject({ name: z.string().min(1).max(128), value: z.string().max(65_536) })).max(100),
  target: z.string().max(128).optional(),
  noCache: z.boolean().optional(),
  pull: z.boolean().optional(),
  builder: z.enum(['buildkit', 'classic']),
  network: z.enum(['none', 'host']).optional(),
})

export const buildStart = z.strictObject({ operation: operationId, request: buildRequest })
export const contextQuery = z.strictObject({ folder: hostPath, dockerfile: dockerfilePath.optional() })
export const pathQuery = z.strictObject({ path: z.string().max(4096) })

/** What the first pass over a build context found, before anything is sent. */
export interface ContextInfo {
  /** The folder, absolute. */
  root: string
  /** The Dockerfile, relative to the folder. */
  dockerfile: string
  /** Bytes of file contents that will be sent. */
  size: number
  /**
   * Bytes of the tar archive that carries them (headers, padding, end blocks): what is actually sent,
   * and what the docker CLI's "Sending build context to Docker daemon" counts.
   */
  archiveSize: number
  /** Files and symlinks that will be sent. */
  files: number
  /** Folders whose listing was read: ignored folders are not. */
  directoriesRead: number
  /** Folders left out by .dockerignore without being read (at most 50 named). */
  ignoredDirectories: string[]
  /** Things that are not files, folders or links (pipes, sockets, devices), left out (at most 50 named). */
  skipped: string[]
}

export interface ContextProgress {
  sentBytes: number
  totalBytes: number
  done: boolean
}

export type Builder = 'buildkit' | 'classic'

export interface BuildArg {
  name: string
  value: string
}

/** What `docker build` takes, as the page sends it. */
export interface BuildRequest {
  /** The folder on the machine Berth runs on. */
  folder: string
  /** `-f`, relative to the folder; Dockerfile when absent. */
  dockerfile?: string
  /** `-t`, zero or more. */
  tags: string[]
  buildArgs: BuildArg[]
  target?: string
  noCache?: boolean
  pull?: boolean
  builder: Builder
  /** `--network` for RUN steps; the engine's default when absent. */
  network?: 'none' | 'host'
}

export type StepState = 'waiting' | 'running' | 'cached' | 'done' | 'failed'

/** One Dockerfile instruction as the builder ran it. */
export interface BuildStep {
  /** The step's id in this build: the order the builder first named it (output lines refer to it). */
  id: number
  /** The instruction as the builder names it: `RUN npm ci`. */
  instruction: string
  /** `2/5` (BuildKit adds the stage: `build 2/5`), as the CLI prints it. */
  position: string
  state: StepState
  durationMs?: number
  /** How many output lines this step wrote (the lines themselves come as output events). */
  lines: number
  error?: string
}

export interface BuildOutputLine {
  /** The step that wrote it; absent for the builder's own lines. */
  step?: number
  text: string
}

export interface BuildStepsEvent {
  operation: string
  steps: BuildStep[]
}

export interface BuildOutputEvent {
  operation: string
  lines: BuildOutputLine[]
}

export interface BuildProgressEvent {
  operation: string
  phase: 'scanning' | 'sending' | 'building' | 'finished'
  context?: ContextInfo
  sent?: ContextProgress
}

export type ContextChangeKind = 'added' | 'modified' | 'removed'

export interface ContextChange {
  path: string
  change: ContextChangeKind
}

/** A Dockerfile that copies the dependency manifest first, installs, then copies the rest. */
export interface ReorderAdvice {
  /** The broad copy (`COPY . .`) that comes before the install. */
  copyInstruction: string
  installInstruction: string
  /** The manifest files the install needs (package.json, package-lock.json, …). */
  manifests: string[]
  dockerfile: string
}

export interface CacheAdvice {
  /** False the first time this Dockerfile is built by Berth: nothing to compare with. */
  comparedWithLastBuild: boolean
  /** The first step that ran instead of coming from the cache, and how many steps ran after it. */
  firstMiss?: { step: number; instruction: string; rerun: number }
  /** Context files changed since the last build of this Dockerfile (at most 50 named). */
  changes: ContextChange[]
  changeCount: number
  reorder?: ReorderAdvice
}

export interface BuildFailure {
  /** The cause and, where there is one, the fix, as a sentence; the engine's own words stay on the failed step. */
  message: string
  step?: number
  engineGone?: boolean
  /** A change to the request that fixes it, which the page can offer as one click: `--network=none` for RUN. */
  fix?: 'network-none'
}

export interface BuildResult {
  operation: string
  builder: Builder
  /** sha256:… of the built image; absent when the build failed or was cancelled. */
  imageId?: string
  tags: string[]
  steps: BuildStep[]
  cancelled: boolean
  /** Why the build failed, with the failed step when one did. */
  failure?: BuildFailure
  durationMs: number
  advice?: CacheAdvice
  /** Said when the build went differently from what was asked (BuildKit asked, classic used). */
  note?: string
}

/** A typed path's completions: folders only. */
export interface PathCompletion {
  /** The folder the completions are in. */
  folder: string
  folders: string[]
}
export const builds = {
  calls: {
    /** Answers when the build ends (built, failed or cancelled); steps and output come as events meanwhile. */
    start: call<BuildResult>()(buildStart),
    cancel: call<{ cancelled: boolean }>()(z.strictObject({ operation: operationId })),
    /** The context's size and file count, before building (nothing is read but folder listings). */
    contextInfo: call<ContextInfo>()(contextQuery),
    /** Folders that complete a typed path on the machine Berth runs on (browser mode has no folder dialog). */
    complete: call<PathCompletion>()(pathQuery),
    /** The desktop window's folder dialog; `available: false` where there is none. */
    pickFolder: call<{ available: boolean; folder: string | null }>()(noInput),
  },
  events: {
    progress: event<BuildProgressEvent>(),
    steps: event<BuildStepsEvent>(),
    output: event<BuildOutputEvent>(),
  },
}
