// One table from the contract: for every call, its schema and its handler. Both transports dispatch
// through it, so validation and error shape are the same over IPC and over the WebSocket.
import type { z } from 'zod'
import { api, type CallInput, type CallName, type CallOutput, type Domain, type EventName, type EventPayload } from '@common/api'
import { callChannel, eventChannel } from '@common/contract/spec'
import { toBerthError } from '../engine/errors'
import { describeIssues } from './invalid-input'
import type { Result } from '@common/contract/shared'

/** One connected page: a window over IPC or a browser tab over the WebSocket. */
export interface Caller {
  /** Sends an event to this page only (e.g. the lines of a log stream it opened). */
  send<D extends Domain, E extends EventName<D>>(domain: D, event: E, payload: EventPayload<D, E>): void
  /**
   * Runs when the page goes away, so streams it opened can be closed; or when Berth switches to
   * another engine, with the sentence the page is told (`ending`), as the streams of the old one close.
   */
  onClose(cleanup: (ending?: StreamEnding) => void): void
}

/** Why a page's stream closes while the page stays: Berth now shows another engine. */
export interface StreamEnding {
  message: string
}

export type Handlers = {
  [D in Domain]: { [C in CallName<D>]: (input: CallInput<D, C>, caller: Caller) => Promise<CallOutput<D, C>> }
}

type AnyHandler = (input: unknown, caller: Caller) => Promise<unknown>

export interface Router {
  channels: string[]
  dispatch(channel: string, input: unknown, caller: Caller): Promise<Result<unknown>>
}

export function createRouter(handlers: Handlers): Router {
  const table = new Map<string, { schema: z.ZodType; handler: AnyHandler }>()
  for (const [domain, spec] of Object.entries(api)) {
    const domainHandlers = handlers[domain as Domain] as Record<string, AnyHandler>
    for (const [name, call] of Object.entries(spec.calls)) {
      const handler = domainHandlers[name]
      if (!handler) throw new Error(`No handler for ${domain}.${name}`)
      table.set(callChannel(domain, name), { schema: call.input, handler })
    }
  }
  return {
    channels: [...table.keys()],
    async dispatch(channel, input, caller) {
      const entry = typeof channel === 'string' ? table.get(channel) : undefined
      if (!entry) {
        return { ok: false, error: { code: 'invalid-input', message: 'Berth refused the request: there is no such call.' } }
      }
      const parsed = entry.schema.safeParse(input)
      if (!parsed.success) return { ok: false, error: { code: 'invalid-input', message: describeIssues(parsed.error) } }
      try {
        return { ok: true, value: await entry.handler(parsed.data, caller) }
      } catch (err) {
        return { ok: false, error: toBerthError(err) }
      }
    },
  }
}

/** Events every page receives. */
export class EventHub {
  private readonly listeners = new Set<(channel: string, payload: unknown) => void>()

  emit<D extends Domain, E extends EventName<D>>(domain: D, event: E, payload: EventPayload<D, E>): void {
    const channel = eventChannel(domain, event)
    this.listeners.forEach((l) => l(channel, payload))
  }

  subscribe(listener: (channel: string, payload: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
