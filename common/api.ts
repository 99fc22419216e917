// The bridge contract: every call (name, input schema, result type) and every event (name, payload
// type), written once. Main serves it, preload and the browser client expose it as `window.berth`,
// and the renderer's types come from it. Channel names are derived in contract.ts, never typed by hand.
import { z } from 'zod'
import type { ListChange, ListSnapshot } from './live-list'
import { call, event, type CallSpec, type ContractSpec, type EventSpec } from './contract'
import type { ContainerSummary, EngineStatus, ImageSummary, Result } from './types'
import type { LogBatch, LogStreamInfo, LogStreamState, OlderLogLines } from './log-types'
import type { DirectoryListing, FileEntry, TextFile, VolumeDetail, VolumePrunePreview, VolumePruneResult, VolumeSummary } from './volume-types'
import { containerRef, imageRef, fileLocation, hostCopyIn, smallUpload, volumeLabels, volumeName } from './file-schemas'
import { insideContainerCalls, insideImageCalls, statsDomain, systemDomain } from './inside-api'
import { recreateInput, runInput, type RecreateResult, type RunResult, type SpecFromContainer } from './run-spec'
import type { TerminalInfo, TerminalOutput, TerminalState } from './terminal-types'
import { openAttach, openExec, openStartAttached, terminalAck, terminalClose, terminalInput, terminalResize } from './terminal-schemas'
import type { LoginResult, LoginStorageInfo, RegistryLogin, TagResult, TransferProgress, TransferResult } from './registry-types'
import type { BuildOutputEvent, BuildProgressEvent, BuildResult, BuildStepsEvent, ContextInfo, PathCompletion } from './build-types'
import { buildOperation, buildStart, contextQuery, pathQuery } from './build-schemas'

export type * from './types'
export { isUp } from './types'
export type * from './volume-types'
export type * from './live-list'
export type * from './inside-types'
export type * from './terminal-types'

/** Seconds the engine waits for a graceful stop before it kills, like `docker stop -t`. */
const stopTimeout = z.number().int().min(0).max(3600)

const noInput = z.strictObject({})

/** A log stream's name, chosen by the page that opens it and only meaningful to that page. */
const logStream = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a log stream name')

/** A registry as `docker login` takes it: host[:port], optionally with a scheme; empty means Docker Hub. */
const registryAddress = z.string().max(255).regex(/^[A-Za-z0-9.:/[\]_-]*$/, 'is not a registry address')

/** An image reference as the user typed it; main explains what is wrong with a bad one. */
const typedReference = z.string().min(1).max(512)

/**
 * A place in the app, as the page's router writes it: `/containers/web/logs`, `/images/app%3A1?popout=1`.
 * Main puts it after `#` of its own page URL, so it can never name another page or scheme.
 */
export const appRoute = z
  .string()
  .max(1024)
  .regex(/^\/(containers|images|volumes|registries|build)(\/(?!\.\.?(\/|\?|$))[A-Za-z0-9%._~:@!$&'()*+,;=-]+)*(\?[A-Za-z0-9%._~=&-]*)?$/, 'is not a place in Berth')

/** A pull or push, named by the page that starts it. */
const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not an operation id')

export const api = {
  engine: {
    calls: {
      status: call<EngineStatus>()(noInput),
    },
    events: {
      status: event<EngineStatus>(),
    },
  },
  containers: {
    calls: {
      /** The list as Berth keeps it from the engine's events (`docker ps -a`), with its version. */
      list: call<ListSnapshot<ContainerSummary>>()(noInput),
      start: call<void>()(z.strictObject({ id: containerRef })),
      stop: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
      restart: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
      remove: call<void>()(z.strictObject({ id: containerRef, force: z.boolean().optional() })),
      ...insideContainerCalls,
      /** `docker run`: create (pulling a missing image first), then start unless attached; the engine's settings are the CLI's. */
      run: call<RunResult>()(runInput),
      /** The run spec a container was made with, for "Run again…" and "Edit…". */
      runSpec: call<SpecFromContainer>()(z.strictObject({ id: containerRef })),
      /** Edit: stop, rename aside, create under the same name, start, then remove the old one; a failure restores it. */
      recreate: call<RecreateResult>()(recreateInput),
    },
    events: {
      /** What changed in the list after a burst of engine events: only the rows that changed. */
      changed: event<ListChange<ContainerSummary>>(),
    },
  },
  images: {
    calls: {
      list: call<ListSnapshot<ImageSummary>>()(noInput),
      remove: call<void>()(z.strictObject({ reference: imageRef })),
      ...insideImageCalls,
    },
    events: {
      changed: event<ListChange<ImageSummary>>(),
    },
  },
  logs: {
    calls: {
      /** Like `docker logs [-f] --tail N --timestamps`; the page names the stream, so no batch can outrun the answer. */
      open: call<LogStreamInfo>()(
        z.strictObject({
          stream: logStream,
          id: containerRef,
          tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]),
          follow: z.boolean(),
        }),
      ),
      /** The page has taken batch `seq`: main may send more (credit-based back-pressure). */
      ack: call<void>()(z.strictObject({ stream: logStream, seq: z.number().int().min(1) })),
      close: call<void>()(z.strictObject({ stream: logStream })),
      /** Up to `count` lines written before `before`, the engine time of the oldest line the page holds. */
      older: call<OlderLogLines>()(
        z.strictObject({
          stream: logStream,
          before: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/, 'is not an engine time'),
          skip: z.number().int().min(0).max(10_000_000),
          count: z.number().int().min(1).max(10_000),
          /** Lines the page holds at the time `before`, its oldest included: an engine with coarse times repeats them. */
          sameTime: z.number().int().min(1).max(10_000_000).optional(),
        }),
      ),
    },
    events: {
      lines: event<LogBatch>(),
      state: event<LogStreamState>(),
    },
  },
  window: {
    calls: {
      /** Opens a route of the app in a window of its own; false where the host has no windows (browser mode opens a tab). */
      popOut: call<{ opened: boolean }>()(z.strictObject({ route: appRoute })),
    },
    events: {},
  },
  registry: {
    calls: {
      /** `docker login`: checked by the engine first; the password stays in main and never comes back. */
      login: call<LoginResult>()(
        z.strictObject({ registry: registryAddress, username: z.string().min(1).max(255), password: z.string().min(1).max(4096) }),
      ),
      logout: call<{ registry: string; removed: boolean }>()(z.strictObject({ registry: registryAddress })),
      /** Registries with a login and their usernames; never a secret. */
      logins: call<RegistryLogin[]>()(noInput),
      /** Where a login to this registry would be kept (a helper, encrypted, or this session only). */
      storage: call<LoginStorageInfo>()(z.strictObject({ registry: registryAddress })),
      tag: call<TagResult>()(z.strictObject({ source: imageRef, target: typedReference })),
      /** The page names the operation, so progress events can be matched before the answer arrives. */
      pull: call<TransferResult>()(z.strictObject({ reference: typedReference, operation: transferId })),
      push: call<TransferResult>()(z.strictObject({ reference: typedReference, operation: transferId })),
      cancel: call<{ cancelled: boolean }>()(z.strictObject({ operation: transferId })),
    },
    events: {
      /** Per-layer and overall progress of a pull or push, sent to the page that started it. */
      progress: event<TransferProgress>(),
    },
  },
  volumes: {
    calls: {
      list: call<ListSnapshot<VolumeSummary>>()(noInput),
      inspect: call<VolumeDetail>()(z.strictObject({ name: volumeName })),
      create: call<VolumeDetail>()(z.strictObject({ name: volumeName, labels: volumeLabels.optional() })),
      /** Refused (in-use) while any container uses it, naming them. */
      remove: call<void>()(z.strictObject({ name: volumeName })),
      /** What a prune would remove now, for the confirmation. */
      prunePreview: call<VolumePrunePreview>()(noInput),
      /** Removes the confirmed volumes that are still unused; never more than the user saw. */
      prune: call<VolumePruneResult>()(z.strictObject({ names: z.array(volumeName).max(10_000) })),
    },
    events: {
      changed: event<ListChange<VolumeSummary>>(),
    },
  },
  stats: statsDomain,
  system: systemDomain,
  /** `docker build`: a folder on the machine Berth runs on, built by the engine; named by the page that starts it. */
  builds: {
    calls: {
      /** Answers when the build ends (built, failed or cancelled); steps and output come as events meanwhile. */
      start: call<BuildResult>()(buildStart),
      cancel: call<{ cancelled: boolean }>()(z.strictObject({ operation: buildOperation })),
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
  },
  /** Files in a volume or a container (running or stopped), through the engine's archive API. */
  files: {
    calls: {
      list: call<DirectoryListing>()(fileLocation),
      stat: call<FileEntry>()(fileLocation),
      /** A small text file, as text; bigger or binary files are refused with a reason. */
      read: call<TextFile>()(fileLocation),
      /** A small file dropped on a folder; big ones stream over the browser mode's HTTP route. */
      upload: call<void>()(smallUpload),
      /** Desktop window: files and folders dropped from this machine, streamed in from their paths (any size). */
      copyIn: call<void>()(hostCopyIn),
      /** Desktop window: copies the item to a temp folder and starts an OS drag of it onto the desktop. */
      dragOut: call<{ path: string }>()(fileLocation),
    },
    events: {},
  },
  /** Terminals: attach to a container's main process (`docker attach`, `docker start -a -i`) or exec in it. */
  terminal: {
    calls: {
      /** The page names the session, so output can be matched before the answer arrives. */
      attach: call<TerminalInfo>()(openAttach),
      /** `docker start -a -i`: attached (and waiting for the exit code) before the container starts. */
      startAttached: call<TerminalInfo>()(openStartAttached),
      /** `docker exec -it`: bash when present, else sh, or the given command, as the given user. */
      exec: call<TerminalInfo>()(openExec),
      /** Keystrokes and pastes, as bytes. */
      input: call<void>()(terminalInput),
      resize: call<void>()(terminalResize),
      /** The page has drawn this many bytes of output in all: main may read more (back-pressure). */
      ack: call<void>()(terminalAck),
      close: call<void>()(terminalClose),
    },
    events: {
      /** Output bytes, to the page that opened the session only. */
      output: event<TerminalOutput>(),
      state: event<TerminalState>(),
    },
  },
} as const satisfies ContractSpec

export type Api = typeof api
export type Domain = keyof Api
export type CallName<D extends Domain> = keyof Api[D]['calls'] & string
export type EventName<D extends Domain> = keyof Api[D]['events'] & string

type SpecOf<D extends Domain, C extends CallName<D>> = Api[D]['calls'][C]
export type CallInput<D extends Domain, C extends CallName<D>> =
  SpecOf<D, C> extends CallSpec<infer I, unknown> ? z.output<I> : never
export type CallOutput<D extends Domain, C extends CallName<D>> =
  SpecOf<D, C> extends CallSpec<z.ZodType, infer O> ? O : never
export type EventPayload<D extends Domain, E extends EventName<D>> =
  Api[D]['events'][E] extends EventSpec<infer P> ? P : never

type CallFunction<S> =
  S extends CallSpec<infer I, infer O>
    ? Record<string, never> extends z.input<I>
      ? (input?: z.input<I>) => Promise<Result<O>>
      : (input: z.input<I>) => Promise<Result<O>>
    : never

type Subscribe<S> = S extends EventSpec<infer P> ? (listener: (payload: P) => void) => () => void : never

export type DomainApi<D extends Domain> = {
  [C in CallName<D>]: CallFunction<Api[D]['calls'][C]>
} & {
  [E in EventName<D> as `on${Capitalize<E>}`]: Subscribe<Api[D]['events'][E]>
}

/** What the page sees as `window.berth`. */
export type BerthApi = { [D in Domain]: DomainApi<D> }
