// `window.berth` for a test or a benchmark under Node: the real contract client over the browser
// mode's WebSocket, with the same framing as the page (JSON, and binary frames for bytes).
import WebSocket from 'ws'
import { createClient } from '@common/client'
import { bytesField, decodeFrame, encodeFrame } from '@common/binary-frame'
import type { BerthApi } from '@common/api'
import type { Result } from '@common/contract/shared'

export interface WsClient {
  berth: BerthApi
  /** Bytes received in binary frames, and JSON events by channel, so a test can tell how output travelled. */
  counts: { binaryFrames: number; jsonEvents: Map<string, number> }
  close(): void
}

/** Where a browser mode's bridge listens, and what its gate wants. */
export interface BridgeAddress {
  port: number
  token: string
  origin: string
}

/** A WebSocket to the bridge as the page opens one; each part can be changed to test the gate. */
export function bridgeSocket(mode: BridgeAddress, opts: { token?: string; origin?: string; host?: string; path?: string } = {}): WebSocket {
  const url = `ws://127.0.0.1:${mode.port}${opts.path ?? '/bridge'}?token=${opts.token ?? mode.token}`
  return new WebSocket(url, { origin: opts.origin ?? mode.origin, headers: opts.host ? { Host: opts.host } : {} })
}

/** The bridge's WebSocket, once open. */
export async function openBridgeSocket(mode: BridgeAddress): Promise<WebSocket> {
  const ws = bridgeSocket(mode)
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done())
    ws.once('error', fail)
  })
  return ws
}

let rawId = 1_000_000

/** Sends a call whose input is JSON text as given (so "__proto__" or a 1 MB key travel exactly as written); resolves with its answer. */
export function sendRaw<T = unknown>(ws: WebSocket, channel: string, inputJson: string): Promise<T> {
  const id = rawId++
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: T }
      if (message.id !== id || !message.result) return
      ws.off('message', onMessage)
      done(message.result)
    }
    ws.on('message', onMessage)
    ws.send(`{"id":${id},"channel":${JSON.stringify(channel)},"input":${inputJson}}`)
  })
}

export async function connectClient(mode: BridgeAddress): Promise<WsClient> {
  const ws = await openBridgeSocket(mode)
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const counts = { binaryFrames: 0, jsonEvents: new Map<string, number>() }
  let nextId = 1
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) counts.binaryFrames++
    const message = (isBinary ? decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.length), 'payload') : JSON.parse(data.toString())) as {
      id?: number
      result?: Result<unknown>
      channel?: string
      payload?: unknown
    }
    if (typeof message.id === 'number' && message.result) {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else if (message.channel) {
      if (!isBinary) counts.jsonEvents.set(message.channel, (counts.jsonEvents.get(message.channel) ?? 0) + 1)
      listeners.get(message.channel)?.forEach((l) => l(message.payload))
    }
  })
  const berth = createClient({
    invoke(channel, input) {
      const id = nextId++
      const field = bytesField(input)
      return new Promise((resolve) => {
        pending.set(id, resolve)
        ws.send(field ? encodeFrame({ id, channel, input }, 'input', field) : JSON.stringify({ id, channel, input }))
      })
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
  })
  return { berth, counts, close: () => ws.close() }
}
