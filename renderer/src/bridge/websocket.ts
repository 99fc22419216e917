// The browser mode's side of the bridge. The token arrives in the URL fragment once; it is kept in
// sessionStorage so a reload works, and removed from the address bar so it is not shared by accident.
import type { Transport } from '@common/client'
import type { Result } from '@common/contract/shared'
import { bytesField, decodeFrame, encodeFrame } from '@common/binary-frame'

export type LinkState = 'open' | 'closed' | 'refused'

export const TOKEN_KEY = 'berth.token'

/**
 * The token may arrive alone (`#token=…`, the link `npm run web` prints) or after a route
 * (`#/containers/web/logs?popout=1&token=…`); only the token leaves the address bar, the route stays.
 */
function takeToken(location: Location, storage: Storage): string {
  const hash = location.hash.slice(1)
  const split = hash.startsWith('/') ? hash.indexOf('?') : 0
  const path = split < 0 ? hash : hash.slice(0, split)
  const query = new URLSearchParams(split < 0 ? '' : hash.slice(split + (hash.startsWith('/') ? 1 : 0)))
  const fromHash = query.get('token')
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash)
    query.delete('token')
    const rest = query.toString()
    history.replaceState(null, '', `${location.pathname}${location.search}#${path || '/'}${rest ? `?${rest}` : ''}`)
    return fromHash
  }
  return storage.getItem(TOKEN_KEY) ?? ''
}

const lost: Result<never> = {
  ok: false,
  error: { code: 'engine-unreachable', message: 'Lost the connection to Berth. Is `npm run web` still running?' },
}

/** Tries to open a socket before the page takes a failure for a refusal (about 1.5 s in all). */
const OPEN_TRIES = 4

export function createWebSocketTransport(location: Location, storage: Storage): Transport & {
  onState(listener: (state: LinkState) => void): () => void
} {
  const token = takeToken(location, storage)
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge?token=${encodeURIComponent(token)}`
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const stateListeners = new Set<(state: LinkState) => void>()
  const queue: Array<string | Uint8Array> = []
  let nextId = 1
  let socket: WebSocket
  let retry = 0
  /** Tries in a row that closed before the socket opened. */
  let failedOpens = 0

  /** The link's state so far: the bridge opens before the app has loaded (early.ts), so a listener that comes later is told it at once. */
  let linkState: LinkState | null = null
  const setState = (state: LinkState) => {
    linkState = state
    stateListeners.forEach((l) => l(state))
  }

  const open = () => {
    socket = new WebSocket(url)
    // Terminal output arrives as binary frames: its bytes stay bytes.
    socket.binaryType = 'arraybuffer'
    let openedNow = false
    socket.onopen = () => {
      openedNow = true
      retry = 0
      failedOpens = 0
      setState('open')
      for (const message of queue.splice(0)) socket.send(message)
    }
    socket.onmessage = (message) => {
      type Message = { id?: number; result?: Result<unknown>; channel?: string; payload?: unknown }
      const data = (message.data instanceof ArrayBuffer ? decodeFrame(new Uint8Array(message.data), 'payload') : JSON.parse(String(message.data))) as Message | null
      if (!data) return
      if (typeof data.id === 'number' && data.result) {
        pending.get(data.id)?.(data.result)
        pending.delete(data.id)
      } else if (data.channel) {
        listeners.get(data.channel)?.forEach((l) => l(data.payload))
      }
    }
    socket.onclose = () => {
      // Closed before it opened: refused (a wrong or old token: `npm run web` was restarted), nobody
      // listening, or cut on its way (Chromium cuts connections when the host's network changes, as
      // an engine starting a container does). The page cannot tell which: a few quick tries can.
      // Nothing was sent on this socket, so calls wait in the queue for the next.
      if (!openedNow && ++failedOpens < OPEN_TRIES) {
        setTimeout(open, 250 * failedOpens)
        return
      }
      for (const resolve of pending.values()) resolve(lost)
      pending.clear()
      if (!openedNow) {
        // Refused every time: a retry cannot help; the banner asks for the new link.
        setState('refused')
        return
      }
      setState('closed')
      const delay = Math.min(250 * 2 ** retry++, 5000)
      setTimeout(open, delay)
    }
  }
  open()

  return {
    invoke(channel, input) {
      const id = nextId++
      const field = bytesField(input)
      const message = field ? encodeFrame({ id, channel, input }, 'input', field) : JSON.stringify({ id, channel, input })
      return new Promise((resolve) => {
        pending.set(id, resolve)
        if (socket.readyState === WebSocket.OPEN) socket.send(message)
        else queue.push(message)
      })
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
    onState(listener) {
      stateListeners.add(listener)
      if (linkState) listener(linkState)
      return () => stateListeners.delete(listener)
    },
  }
}
