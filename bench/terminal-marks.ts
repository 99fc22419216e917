// Marks inside main for `npm run bench:terminal`: the browser mode runs in the benchmark's own
// process, so its WebSocket and the terminal session can be timed where a keystroke passes:
//   message in  — the page's call reaches the bridge's WebSocket (ws has parsed the frame);
//   write       — the session writes the key to the engine connection;
//   engine data — the engine's echo is read from that connection;
//   echo out    — the echo leaves as a binary frame (ws.send).
// Timing only: the product's code is wrapped, never changed, and only while `recording` is on.
import { WebSocket } from 'ws'
import { TerminalSession } from '@main/engine/terminal/session'

export interface MainLegs {
  /** message in → write: the bridge's dispatch (parse, validation, the handler). */
  dispatch: number
  /** write → engine data: the engine's round trip. */
  engine: number
  /** engine data → echo out: the session's flush and the frame's encoding. */
  out: number
  /** message in → echo out: all of main. */
  main: number
}

interface Key {
  in: number
  write: number
  data: number
  out: number
}

/** A key typed into a flood, inside main: written to the engine, its echo read back, and sent on. */
export interface FloodKey {
  engine: number
  /** Bytes read from the engine between the key's write and its echo: what the engine held ahead of it. */
  ahead: number
  out: number
}

export function markMain(): { start(): void; stop(): MainLegs[]; watch(byte: number): void; watched(): FloodKey | null } {
  let recording = false
  let watching = -1
  let flood: { write: number; data?: number; out?: number; ahead: number } | null = null
  let lastIn = 0
  let current: Partial<Key> | null = null
  const keys: Key[] = []

  const ws = WebSocket.prototype as unknown as { emit(event: string, ...args: unknown[]): boolean; send(data: unknown, ...rest: unknown[]): void }
  const emit = ws.emit
  ws.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (recording && event === 'message') lastIn = performance.now()
    return emit.call(this, event, ...args)
  }
  const send = ws.send
  ws.send = function (this: unknown, data: unknown, ...rest: unknown[]) {
    if (flood?.data && !flood.out && data instanceof Uint8Array && data.includes(watching)) flood.out = performance.now()
    if (recording && current?.data && typeof data !== 'string') {
      keys.push({ ...(current as Key), out: performance.now() })
      current = null
    }
    send.call(this, data, ...rest)
  }
  const session = TerminalSession.prototype as unknown as { write(data: Uint8Array): void; take(chunk: Buffer): void }
  const write = session.write
  session.write = function (this: unknown, data: Uint8Array) {
    if (recording) current = { in: lastIn, write: performance.now() }
    if (watching >= 0 && !flood && data.includes(watching)) flood = { write: performance.now(), ahead: 0 }
    write.call(this, data)
  }
  const take = session.take
  session.take = function (this: unknown, chunk: Buffer) {
    if (recording && current?.write && !current.data) current.data = performance.now()
    if (flood && !flood.data) {
      const at = chunk.indexOf(watching)
      if (at >= 0) flood.data = performance.now()
      flood.ahead += at >= 0 ? at : chunk.length
    }
    take.call(this, chunk)
  }

  return {
    start() {
      recording = true
      keys.length = 0
    },
    watch(byte) {
      watching = byte
      flood = null
    },
    watched() {
      const f = flood
      watching = -1
      flood = null
      return f?.data && f.out ? { engine: f.data - f.write, ahead: f.ahead, out: f.out - f.data } : null
    },
    stop() {
      recording = false
      return keys.map((k) => ({ dispatch: k.write - k.in, engine: k.data - k.write, out: k.out - k.data, main: k.out - k.in }))
    },
  }
}
