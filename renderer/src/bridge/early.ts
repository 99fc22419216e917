// The bridge's first moments, before the app's code has loaded. index.html runs this small module
// ahead of the app (its own chunk: electron.vite.config.ts puts its script first), so the WebSocket's
// handshake and the containers list's request overlap with fetching and starting Vue, instead of
// following them. The list's answer goes to the containers store's first `list` call. In the Electron
// window (preload gave the page `window.berth`) it does nothing.
import type { Transport } from '@common/client'
import type { Result } from '@common/contract/shared'
import { callChannel, eventChannel } from '@common/contract/spec'
import { createWebSocketTransport } from './websocket'

/** The calls every window makes first (App.vue starts the containers list whatever the route), each with the event that keeps its answer fresh. */
const FIRST_CALLS = [{ call: callChannel('containers', 'list'), changes: eventChannel('containers', 'changed') }]

function openEarly(): ReturnType<typeof createWebSocketTransport> | null {
  if (window.berth) return null
  return createWebSocketTransport(window.location, window.sessionStorage)
}

export const earlyTransport = openEarly()

/**
 * The changes that come after an early answer and before the app watches for them (its code may take
 * seconds to load on a busy machine): without them, a container made meanwhile would stay off the list
 * until the next change. Kept from before the call is sent, so none falls between; each change names
 * the version it applies to, so the store skips those its answer already holds.
 */
const kept = new Map<string, { changes: unknown[]; stop: () => void }>()
const answers = new Map<string, Promise<Result<unknown>>>()
if (earlyTransport) {
  for (const { call, changes } of FIRST_CALLS) {
    const arrived: unknown[] = []
    kept.set(changes, { changes: arrived, stop: earlyTransport.subscribe(changes, (change) => arrived.push(change)) })
    answers.set(call, earlyTransport.invoke(call, {}))
  }
}

/**
 * The transport, with each first call answered once from what was asked early, and the first watcher
 * of its changes told those that came meanwhile, in order, before any newer one; any later call or
 * watcher goes through as usual.
 */
export function withEarlyAnswers(transport: Transport): Transport {
  return {
    ...transport,
    invoke(channel, input) {
      const early = answers.get(channel)
      const plain = input === undefined || (typeof input === 'object' && input !== null && Object.keys(input).length === 0)
      if (!early || !plain) return transport.invoke(channel, input)
      answers.delete(channel)
      return early
    },
    subscribe(channel, listener) {
      const early = kept.get(channel)
      if (!early) return transport.subscribe(channel, listener)
      kept.delete(channel)
      // Told after the watcher's own start has run (the store asks for its list right after it
      // subscribes, so the kept changes wait for that answer); a change arriving before then queues behind them.
      let queue: unknown[] | null = early.changes
      const off = transport.subscribe(channel, (change) => (queue ? queue.push(change) : listener(change)))
      early.stop()
      queueMicrotask(() => {
        const missed = queue ?? []
        queue = null
        missed.forEach(listener)
      })
      return off
    },
  }
}
