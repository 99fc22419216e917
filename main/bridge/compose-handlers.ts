// The compose domain: the user's compose CLI on a file, and containers saved as a compose file.
import type { Engine } from '../engine'
import type { Handlers } from './router'

type ComposeHandlers = Handlers['compose']

/** Running the compose CLI on a file, and reading and validating the file. */
function composeCliHandlers(engine: Engine): Pick<ComposeHandlers, never> {
  void engine
  return {}
}

/** Saving containers as a compose file. */
function composeSaveHandlers(engine: Engine): Pick<ComposeHandlers, never> {
  void engine
  return {}
}

export function createComposeHandlers(engine: Engine): ComposeHandlers {
  return { ...composeCliHandlers(engine), ...composeSaveHandlers(engine) }
}
