// The compose domain: the user's compose CLI on a file, and containers saved as a compose file.
import type { Engine } from '../engine'
import type { ComposeCli } from '@common/compose/command'
import { composeLine } from '@common/compose/command'
import type { ComposeCliInfo } from '@common/contract/compose'
import { composeEnv, runCompose } from '../engine/compose/cli'
import { findComposeCli, HOW_TO_GET_COMPOSE } from '../engine/compose/find-cli'
import { locateComposeFile, projectFilePaths, readComposeFiles } from '../engine/compose/project-file'
import { prepareRun } from '../engine/compose/prepare'
import { podmanNotes } from '../engine/compose/podman-notes'
import { EngineError } from '../engine/errors'
import type { Handlers } from './router'
import { composeFile, previewCompose } from '../engine/compose/save/save'
import { Transfers } from './registry-handlers'

type ComposeHandlers = Handlers['compose']
type CliCalls = 'cli' | 'open' | 'readProject' | 'line' | 'run' | 'cancel' | 'pickFile'

/** What the host gives the compose domain. */
export interface ComposeHost {
  /** The desktop window's file dialog for a compose file or folder; browser mode has none (the page types a path). */
  pickComposeFile?(): Promise<string | null>
  /** The environment the compose CLI is found in and runs with (tests give their own PATH); this process's by default. */
  composeEnv?: NodeJS.ProcessEnv
}

/** Running the compose CLI on a file, and reading and validating the file. */
function composeCliHandlers(engine: Engine, host: ComposeHost): Pick<ComposeHandlers, CliCalls> {
  const runs = new Transfers()
  const env = () => host.composeEnv ?? process.env
  // Found once, and again when the page asks (after the user installed one).
  let found: Promise<ComposeCli | null> | null = null
  const cli = (refresh = false) => {
    if (!found || refresh) found = findComposeCli(env())
    return found
  }
  const info = async (refresh = false): Promise<ComposeCliInfo> => {
    const c = await cli(refresh)
    const podman = engine.connection.status.product?.kind === 'podman'
    const unusable =
      c?.name === 'podman-compose' && !podman ? 'podman-compose runs podman, which cannot act on a Docker engine: install the docker Compose plugin or docker-compose.' : null
    return { cli: c, howToGet: HOW_TO_GET_COMPOSE, env: c ? composeEnv(c, engine.connection.endpoint) : null, unusable, notes: podman ? podmanNotes(c) : [] }
  }
  const usable = async (): Promise<ComposeCli> => {
    const { cli: c, unusable } = await info()
    if (!c) throw new EngineError('not-found', `No compose CLI was found on this machine. ${HOW_TO_GET_COMPOSE}`)
    if (unusable) throw new EngineError('invalid-input', unusable)
    return c
  }
  return {
    cli: ({ refresh }) => info(refresh),
    open: async ({ path }) => readComposeFiles([await locateComposeFile(path)]),
    readProject: async ({ workingDir, configFiles }) => readComposeFiles(projectFilePaths(workingDir, configFiles)),
    line: async ({ request }) => ({ line: composeLine(await usable(), request, composeEnv(await usable(), engine.connection.endpoint)) }),
    run: async ({ operation, request }, caller) => {
      const c = await usable()
      const files = await prepareRun(request)
      const controller = runs.begin(caller, operation)
      try {
        return await runCompose(request, operation, {
          cli: c,
          endpoint: engine.connection.endpoint,
          services: files.services.map((s) => s.name),
          cwd: files.workingDir,
          env: env(),
          signal: controller.signal,
          onLines: (lines) => caller.send('compose', 'output', { operation, lines }),
        })
      } finally {
        runs.end(caller, operation)
      }
    },
    cancel: async ({ operation }, caller) => ({ cancelled: runs.cancel(caller, operation) }),
    pickFile: async () => (host.pickComposeFile ? { available: true, path: await host.pickComposeFile() } : { available: false, path: null }),
  }
}

/** What the host gives "Save as compose". */
export interface ComposeSaveHost {
  /** The desktop window's save dialog, writing the file where the user says: its path, or null if cancelled. Browser mode has none (the page downloads the file). */
  saveComposeFile?(filename: string, text: string): Promise<string | null>
}

/** Saving containers as a compose file. */
function composeSaveHandlers(engine: Engine, host: ComposeSaveHost): Pick<ComposeHandlers, 'savePreview' | 'saveFile'> {
  return {
    savePreview: ({ containers, secrets }) => previewCompose(engine.docker, containers, secrets),
    saveFile: ({ containers, secrets }) => composeFile(engine.docker, containers, secrets, host.saveComposeFile),
  }
}

export function createComposeHandlers(engine: Engine, host: ComposeHost & ComposeSaveHost = {}): ComposeHandlers {
  return { ...composeCliHandlers(engine, host), ...composeSaveHandlers(engine, host) }
}
