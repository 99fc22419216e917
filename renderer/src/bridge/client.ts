// The browser mode's `window.berth`: the contract's shape over the WebSocket transport. Each property
// name becomes its channel as it is read (`containers.list` → berth:call:containers.list,
// `containers.onChanged` → berth:event:containers.changed, the names contract/spec.ts derives), so
// the page loads neither the contract's schemas nor zod to build it; main validates every call.
import type { BerthApi } from '@common/api'
import type { Transport } from '@common/client'
import { callChannel, eventChannel } from '@common/contract/spec'

/** `onChanged` → `changed`: the inverse of contract/spec.ts's listenerName. */
const eventOf = (listener: string): string | null =>
  /^on[A-Z]/.test(listener) ? `${listener[2]!.toLowerCase()}${listener.slice(3)}` : null

export function createLazyClient(transport: Transport): BerthApi {
  const domains = new Map<string, Record<string, unknown>>()
  const domainOf = (domain: string): Record<string, unknown> => {
    const group = new Proxy({} as Record<string, unknown>, {
      get(cache, name) {
        if (typeof name !== 'string') return undefined
        if (!(name in cache)) {
          const event = eventOf(name)
          cache[name] = event
            ? (listener: (payload: unknown) => void) => transport.subscribe(eventChannel(domain, event), listener)
            : (input: unknown = {}) => transport.invoke(callChannel(domain, name), input)
        }
        return cache[name]
      },
    })
    domains.set(domain, group)
    return group
  }
  return new Proxy({} as Record<string, unknown>, {
    get: (_, domain) => (typeof domain === 'string' ? (domains.get(domain) ?? domainOf(domain)) : undefined),
  }) as unknown as BerthApi
}
