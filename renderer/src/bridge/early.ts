// The bridge's first moments, before the app's code has loaded. index.html runs this small module
// ahead of the app (its own chunk: electron.vite.config.ts puts its script first), so the WebSocket's
// handshake and the containers list's request overlap with fetching and starting Vue, instead of
// following them. The list's answer goes to the containers store's first `list` call. In the Electron
// window (preload gave the page `window.berth`) it does nothing.
import type { Transport } from '@common/client'
import type { Result } from '@common/contract/shared'
import { callChannel } from '@common/contract/spec'
import { createWebSocketTransport } from './websocket'

/** The calls every window makes first (App.vue starts the containers list whatever the route). */
const FIRST_CALLS = [callChannel('containers', 'list')]

function openEarly(): ReturnType<typeof createWebSocketTransport> | null {
  if (window.berth) return null
  return createWebSocketTransport(window.location, window.sessionStorage)
}

export const earlyTransport = openEarly()

const answers = new Map<string, Promise<Result<unknown>>>(earlyTransport ? FIRST_CALLS.map((c) => [c, earlyTransport.invoke(c, {})]) : [])

/** The transport, with each first call answered once from what was asked early; any later call goes out as usual. */
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
  }
}
