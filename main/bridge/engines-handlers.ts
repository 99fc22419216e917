// The engines domain: the list of engines, switching the one Berth shows, and the docker contexts
// added, removed or made the CLI's default, all through the one Engines the host made.
import type { Engines } from '../engine/engines/engines'
import type { Handlers } from './router'

/** What the host gives the engines domain. */
export interface EnginesHost {
  /** The desktop window's file dialog for a TLS file; browser mode has none (the page types the path). */
  pickEngineFile?(title: string): Promise<string | null>
}

export function createEnginesHandlers(engines: Engines, host: EnginesHost): Handlers['engines'] {
  return {
    list: () => engines.list(),
    use: ({ id }) => engines.use(id),
    makeCliDefault: ({ name }) => engines.makeCliDefault(name),
    add: (input) => engines.add(input),
    remove: ({ name }) => engines.remove(name),
    acceptHostKey: async ({ host, fingerprint }) => {
      await engines.acceptHostKey(host, fingerprint)
      return null
    },
    pickFile: async ({ title }) => (host.pickEngineFile ? host.pickEngineFile(title) : null),
  }
}
