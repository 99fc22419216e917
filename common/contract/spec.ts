// How the contract is declared: calls and events, and the channel names derived from them.
// Nothing here names a particular call; the domains are in this folder, composed in common/api.ts.
import type { z } from 'zod'

export interface CallSpec<I extends z.ZodType, O> {
  readonly kind: 'call'
  readonly input: I
  /** Phantom: carries the result type, never set. */
  readonly output?: O
}

export interface EventSpec<P> {
  readonly kind: 'event'
  readonly payload?: P
}

export function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ kind: 'call', input })
}

export function event<P>(): EventSpec<P> {
  return { kind: 'event' }
}

export interface DomainSpec {
  calls: Record<string, CallSpec<z.ZodType, unknown>>
  events: Record<string, EventSpec<unknown>>
}

export type ContractSpec = Record<string, DomainSpec>

export const callChannel = (domain: string, name: string): string => `berth:call:${domain}.${name}`
export const eventChannel = (domain: string, name: string): string => `berth:event:${domain}.${name}`

/** `changed` → `onChanged` */
export const listenerName = (event: string): string => `on${event[0]?.toUpperCase() ?? ''}${event.slice(1)}`
