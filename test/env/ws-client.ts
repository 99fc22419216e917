// `window.berth` for a test or a benchmark under Node: the real contract client over the browser
// mode's WebSocket, with the same framing as the page (JSON, and binary frames for bytes).
import WebSocket from 'ws'
import { createClient } from '@common/client'
import { bytesField, decodeFrame, encodeFrame } from '@common/binary-frame'
import type { BerthApi } from '@common/api'
import type { Result } from '@common/contract/shared'

export interface WsClient {
  berth: BerthApi
  /** Bytes received in binary frames, and JSON messages, so a test can tell how output travelled. */
  counts: { binaryFrames: number; jsonEvents: number }
  close(): void
}

export async function connectClient(mode: { port: number; token: string; origin: string }): Promise<WsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${mode.port}/bridge?token=${mode.token}`, { origin: mode.origin })
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done())
    ws.once('error', fail)
  })
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const counts = { binaryFrames: 0, jsonEvents: 0 }
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
      if (!isBinary) counts.jsonEvents++
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
