// The engine list as the page shows it: every context (as `docker context ls`), then the sockets
// found with no context, each with the reach Berth last saw, the CLI's default and Berth's own marked.
import type { EngineEntry, EngineList, EngineReach } from '@common/contract/engines'
import type { Contexts } from './contexts'
import { socketHost, type SocketCandidate } from './sockets'

export const contextId = (name: string): string => `context:${name}`
export const socketId = (path: string): string => `socket:${path}`

export interface ListState {
  contexts: Contexts
  /** Sockets with no context: the ones found answering, and the one in use if it is none of them. */
  sockets: SocketCandidate[]
  inUse: string
  reaches: ReadonlyMap<string, EngineReach>
  notice?: string | undefined
}

const CHECKING: EngineReach = { state: 'checking' }

export function buildList({ contexts, sockets, inUse, reaches, notice }: ListState): EngineList {
  const engines: EngineEntry[] = contexts.contexts.map((c) => {
    const id = contextId(c.name)
    const cliDefault = c.name === contexts.current
    return {
      id,
      name: c.name,
      kind: 'context',
      host: c.host,
      description: c.description,
      cliDefault,
      inUse: id === inUse,
      tls: c.tls,
      ...(cliDefault && contexts.pinnedBy ? { pinnedBy: contexts.pinnedBy } : {}),
      reach: reaches.get(id) ?? CHECKING,
    }
  })
  for (const s of sockets) {
    const id = socketId(s.path)
    engines.push({ id, name: s.name, kind: 'socket', host: socketHost(s.path), description: '', cliDefault: false, inUse: id === inUse, tls: [], reach: reaches.get(id) ?? CHECKING })
  }
  const shown = engines.find((e) => e.inUse)
  const cliFlags = !shown || shown.cliDefault ? [] : shown.kind === 'context' ? ['--context', shown.name] : ['-H', shown.host]
  return { engines, configDir: contexts.configDir, cliFlags, ...(notice ? { notice } : {}) }
}
