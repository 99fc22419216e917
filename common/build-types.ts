// Plain data about image builds (`docker build`) that crosses the bridge.

/** What the first pass over a build context found, before anything is sent. */
export interface ContextInfo {
  /** The folder, absolute. */
  root: string
  /** The Dockerfile, relative to the folder. */
  dockerfile: string
  /** Bytes of file contents that will be sent. */
  size: number
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

export type ChangeKind = 'added' | 'modified' | 'removed'

export interface ContextChange {
  path: string
  change: ChangeKind
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

export interface BuildResult {
  operation: string
  builder: Builder
  /** sha256:… of the built image; absent when the build failed or was cancelled. */
  imageId?: string
  tags: string[]
  steps: BuildStep[]
  cancelled: boolean
  /** Why the build failed, with the failed step when one did. */
  failure?: { message: string; step?: number; engineGone?: boolean }
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
