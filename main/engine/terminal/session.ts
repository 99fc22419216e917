// One terminal session over a hijacked engine connection: bytes in, bytes out, resize, and what
// became of the process when the stream ends.
//
// Back-pressure is by credit, in bytes: the page acknowledges what xterm has drawn. While more than
// `highWater` bytes are sent but not drawn, the engine socket is paused, so TCP holds the rest in
// the engine (and the process blocks on its TTY). `cat` of a huge file never grows memory in main.
import type { Duplex } from 'node:stream'
import { FrameDemuxer } from '../logs/demux'
import { TERMINAL_FLOW, type TerminalPhase } from '@common/contract/terminal'

export interface TerminalEnd {
  phase: TerminalPhase
  code?: number | null
  message?: string
}

export interface SessionSink {
  output(data: Buffer): void
  ended(end: TerminalEnd): void
}

export interface SessionOptions {
  tty: boolean
  /** Unacknowledged bytes at which reading from the engine stops. */
  highWater?: number
  /** Unacknowledged bytes at which it starts again. */
  lowWater?: number
  /** Largest piece sent to the page at once; chunks that arrive together are joined up to this. */
  maxChunk?: number
}

export class TerminalSession {
  private socket: Duplex | null = null
  private demuxer: FrameDemuxer | null
  private readonly highWater: number
  private readonly lowWater: number
  private readonly maxChunk: number
  private queue: Buffer[] = []
  private queued = 0
  private flushing = false
  private sent = 0
  private acked = 0
  private paused = false
  private closed = false
  private endedOnce = false

  constructor(
    private readonly options: SessionOptions,
    private readonly sink: SessionSink,
    /** What became of the process once its stream ended: exited, detached, engine lost… */
    private readonly outcome: () => Promise<TerminalEnd>,
  ) {
    this.highWater = options.highWater ?? TERMINAL_FLOW.highWater
    this.lowWater = options.lowWater ?? TERMINAL_FLOW.lowWater
    this.maxChunk = options.maxChunk ?? 256 * 1024
    // Without a TTY the engine multiplexes stdout and stderr in frames; the terminal shows both.
    this.demuxer = options.tty ? null : new FrameDemuxer((_stream, payload) => this.take(payload))
  }

  /** Starts reading the engine's hijacked connection. */
  connect(socket: Duplex): void {
    if (this.closed) {
      socket.destroy()
      return
    }
    this.socket = socket
    socket.on('data', (chunk: Buffer) => (this.demuxer ? this.demuxer.push(chunk) : this.take(chunk)))
    const finish = () => void this.finish()
    socket.on('end', finish)
    socket.on('close', finish)
    socket.on('error', finish)
  }

  write(data: Uint8Array): void {
    if (this.socket && !this.socket.destroyed && this.socket.writable) this.socket.write(data)
  }

  /** Ends the engine connection once what was written has gone, as the engine ends it: the outcome follows. */
  hangUp(): void {
    const socket = this.socket
    if (!socket || socket.destroyed) return
    socket.end(() => socket.destroy())
  }

  /** The page has drawn `bytes` bytes in all. */
  ack(bytes: number): void {
    if (bytes > this.acked && bytes <= this.sent) this.acked = bytes
    if (this.paused && this.sent - this.acked <= this.lowWater) {
      this.paused = false
      this.socket?.resume()
    }
  }

  /** Bytes sent to the page and not yet drawn. */
  get unacknowledged(): number {
    return this.sent - this.acked
  }

  get isPaused(): boolean {
    return this.paused
  }

  get isClosed(): boolean {
    return this.closed
  }

  /**
   * The page closed the session: the connection goes, no state follows. `farewell` is written first
   * (an exec shell's hang-up: the engine does not end an exec process when its client goes).
   */
  close(farewell?: Uint8Array): void {
    this.closed = true
    this.queue = []
    this.queued = 0
    const socket = this.socket
    this.socket = null
    if (!socket) return
    if (farewell && socket.writable && !socket.destroyed) {
      socket.end(farewell)
      // Long enough for the bytes to reach the engine; a connection never closes later than this.
      setTimeout(() => socket.destroy(), 200).unref()
      if (socket.isPaused()) socket.resume()
    } else socket.destroy()
  }

  private take(chunk: Buffer): void {
    if (this.closed) return
    this.queue.push(chunk)
    this.queued += chunk.length
    // The chunks of one read go out as one piece: fewer messages, and a keystroke's echo leaves in
    // the same turn it arrived in (a later tick would add its wait to every echo).
    if (!this.flushing) {
      this.flushing = true
      queueMicrotask(() => this.flush())
    }
    if (this.sent + this.queued - this.acked > this.highWater && !this.paused && this.socket) {
      this.paused = true
      this.socket.pause()
    }
  }

  private flush(): void {
    this.flushing = false
    while (this.queued && !this.closed) {
      const joined = this.queue.length === 1 ? (this.queue[0] as Buffer) : Buffer.concat(this.queue, this.queued)
      const piece = joined.length > this.maxChunk ? joined.subarray(0, this.maxChunk) : joined
      const rest = joined.subarray(piece.length)
      this.queue = rest.length ? [rest] : []
      this.queued = rest.length
      this.sent += piece.length
      this.sink.output(piece)
    }
  }

  private async finish(): Promise<void> {
    if (this.endedOnce) return
    this.endedOnce = true
    this.flush()
    if (this.closed) return
    this.socket = null
    let end: TerminalEnd
    try {
      end = await this.outcome()
    } catch {
      end = { phase: 'exited', code: null }
    }
    if (!this.closed) this.sink.ended(end)
  }
}
