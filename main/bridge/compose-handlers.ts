// The compose domain: the user's compose CLI on a file, and containers saved as a compose file.
import type { Engine } from '../engine'
import type { Handlers } from './router'
import { composeFile, previewCompose } from '../engine/compose/save/save'

type ComposeHandlers = Handlers['compose']

/** Running the compose CLI on a file, and reading and validating the file. */
function composeCliHandlers(engine: Engine): Pick<ComposeHandlers, never> {
  void engine
  return {}
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

export function createComposeHandlers(engine: Engine, host: ComposeSaveHost = {}): ComposeHandlers {
  return { ...composeCliHandlers(engine), ...composeSaveHandlers(engine, host) }
}
