// `window.berth` for tests of a store's own logic: the real contract client (common/client.ts) over a
// transport the test drives, so it says what main answers and which events arrive, and reads which
// calls the store made. Where the behaviour depends on what the engine does, tests use the real bridge
// instead (test/bridge/). Import this before any store: the renderer's bridge reads window.berth once,
// when it loads.
import { createClient } from '@common/client'
import type { CallInput, CallName, CallOutput, Domain, EventName, EventPayload } from '@common/api'
import { callChannel, eventChannel } from '@common/contract/spec'
import type { Result } from '@common/contract/shared'

type Answer = (input: unknown) => Result<unknown> | Promise<Result<unknown>>

const answers = new Map<string, Answer>()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const made: { channel: string; input: unknown }[] = []

const berth = createClient({
  invoke: async (channel, input) => {
    made.push({ channel, input })
    // Calls the test did not answer (acks, closes, input) succeed, as they do when main is there.
    return (answers.get(channel) ?? (() => ({ ok: true, value: null })))(input)
  },
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
})

// The page's globals the stores reach: the bridge, the timers, and the next frame (the next turn of
// the event loop here). The desktop-only parts are absent, as in browser mode.
const page = globalThis as unknown as { window?: Record<string, unknown>; requestAnimationFrame?: (draw: (now: number) => void) => void }
page.window = { berth, setTimeout, clearTimeout }
page.requestAnimationFrame = (draw) => void setImmediate(() => draw(performance.now()))

export const bridge = {
  /** How main answers `domain.name` from now on. */
  answer<D extends Domain, C extends CallName<D>>(
    domain: D,
    name: C,
    how: (input: CallInput<D, C>) => Result<CallOutput<D, C>> | Promise<Result<CallOutput<D, C>>>,
  ): void {
    answers.set(callChannel(domain, name), how as Answer)
  },
  /** The inputs of the calls made to `domain.name`, oldest first. */
  calls<D extends Domain, C extends CallName<D>>(domain: D, name: C): CallInput<D, C>[] {
    const channel = callChannel(domain, name)
    return made.filter((c) => c.channel === channel).map((c) => c.input as CallInput<D, C>)
  },
  /** Main sends an event to this page. */
  emit<D extends Domain, E extends EventName<D>>(domain: D, event: E, payload: EventPayload<D, E>): void {
    for (const listener of [...(listeners.get(eventChannel(domain, event)) ?? [])]) listener(payload)
  },
  /** How many listeners the page has on this event now. */
  listening<D extends Domain, E extends EventName<D>>(domain: D, event: E): number {
    return listeners.get(eventChannel(domain, event))?.size ?? 0
  },
  /** Forgets the answers, the calls made and the stores that listened: each test starts with a new Pinia. */
  reset(): void {
    answers.clear()
    listeners.clear()
    made.length = 0
  },
}

/** A promise the test settles by hand, for an answer that is still on its way. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets every settled promise run its callbacks (and Vue's pre-flush watchers). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
