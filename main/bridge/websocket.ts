// The browser mode's transport: the same router over a WebSocket. Only a page that was given the
// per-launch token, served from our own origin, reaching us by a loopback name, gets an answer.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventChannel } from '@common/contract/spec'
import { bytesField, decodeFrame, encodeFrame } from '@common/binary-frame'
import type { Bridge, Caller } from './index'

export const BRIDGE_PATH = '/bridge'
const MAX_MESSAGE_BYTES = 1024 * 1024

export interface Gate {
  token: string
  /** Host headers we answer to, e.g. 127.0.0.1:5174 and localhost:5174 (refuses DNS rebinding). */
  hosts: string[]
  /** The one Origin a page of ours has. */
  origins: string[]
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Why an upgrade is refused, or null when it may proceed. */
export function refusal(request: IncomingMessage, gate: Gate): string | null {
  if (!gate.hosts.includes(request.headers.host ?? '')) return 'wrong host'
  if (!gate.origins.includes(request.headers.origin ?? '')) return 'wrong origin'
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname !== BRIDGE_PATH) return 'wrong path'
  if (!sameSecret(url.searchParams.get('token') ?? '', gate.token)) return 'wrong token'
  return null
}

interface Request {
  id: number
  channel: string
  input: unknown
}

function parseRequest(data: Buffer, isBinary: boolean): Request | null {
  try {
    // A binary frame carries a call whose input holds bytes (terminal input).
    const message = (isBinary ? decodeFrame(data, 'input') : JSON.parse(data.toString())) as Partial<Request> | null
    if (!message) return null
    if (typeof message.id !== 'number' || typeof message.channel !== 'string') return null
    return { id: message.id, channel: message.channel, input: message.input }
  } catch {
    return null
  }
}

export function serveOverWebSocket(bridge: Bridge, server: Server, gate: Gate): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const why = refusal(request, gate)
    if (why) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws))
  }

  const attach = (ws: WebSocket) => {
    const cleanups: Array<() => void> = []
    const send = (message: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
    }
    const caller: Caller = {
      send: (domain, event, payload) => {
        const channel = eventChannel(domain, event)
        const field = bytesField(payload)
        // Bytes (terminal output) as a binary frame: no JSON numbers, no base64.
        if (field) {
          if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ channel, payload }, 'payload', field), { binary: true })
        } else send({ channel, payload })
      },
      onClose: (cleanup) => cleanups.push(cleanup),
    }
    const unsubscribe = bridge.hub.subscribe((channel, payload) => send({ channel, payload }))
    ws.on('message', async (data, isBinary) => {
      const request = parseRequest(Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]), isBinary)
      if (!request) {
        send({ id: null, result: { ok: false, error: { code: 'invalid-input', message: 'Berth refused a malformed message.' } } })
        return
      }
      send({ id: request.id, result: await bridge.router.dispatch(request.channel, request.input, caller) })
    })
    // An oversized or malformed frame: ws closes the connection (1009/1002); the server must not crash.
    ws.on('error', () => ws.terminate())
    ws.on('close', () => {
      unsubscribe()
      cleanups.forEach((c) => c())
    })
  }

  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    for (const ws of wss.clients) ws.terminate()
    wss.close()
  }
}
