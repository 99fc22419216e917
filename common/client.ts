// Builds `window.berth` from the contract over any transport: Electron IPC in preload, a WebSocket
// in browser mode. Both get exactly the same object shape.
import { api, type BerthApi } from './api'
import { callChannel, eventChannel, listenerName } from './contract/spec'
import type { Result } from './contract/shared'

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

export function createClient(transport: Transport): BerthApi {
  const client: Record<string, Record<string, unknown>> = {}
  for (const [domain, spec] of Object.entries(api)) {
    const group: Record<string, unknown> = {}
    for (const name of Object.keys(spec.calls)) {
      const channel = callChannel(domain, name)
      group[name] = (input: unknown = {}) => transport.invoke(channel, input)
    }
    for (const name of Object.keys(spec.events)) {
      const channel = eventChannel(domain, name)
      group[listenerName(name)] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener)
    }
    client[domain] = group
  }
  return client as unknown as BerthApi
}
