// One session's output on its way into xterm, as xterm's flow-control guide has it: bytes are written
// with callbacks, and what xterm has parsed is acknowledged to main, which reads from the engine only
// while little is unacknowledged (TERMINAL_FLOW). So a flood pauses the process instead of growing
// this page's memory, and a key typed into it is echoed after a screenful, not after megabytes.
//
// When output outruns the screen, what arrived during a frame goes to xterm together, once per
// animation frame, and only while xterm has finished the last: xterm parses every byte (the
// scrollback stays whole) and draws the screen once a frame, and the page keeps its frames. A piece
// arriving while nothing is being written (a keystroke's echo) is written at once.
import { TERMINAL_FLOW } from '@common/contract/terminal'

/** Draws bytes; calls `done` once xterm has parsed them (xterm's write callback). */
export type Writer = (data: Uint8Array, done: () => void) => void

/** xterm parses one write in one go: slices this big keep each task short, whatever the load. */
const WRITE_SLICE = 16 * 1024
/** xterm's time goes by lines more than by bytes (each scrolls the screen): a slice ends after this many. */
const SLICE_LINES = 64
/** A piece this small, arriving while xterm is idle, is an echo or a prompt: written without waiting for a frame. */
const AT_ONCE = 4 * 1024

export class OutputFlow {
  private writer: Writer | null = null
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private writing = 0
  /** A frame is asked for: what arrives until then goes with it. */
  private framed = false
  private parsed = 0
  private acked = 0
  /** Which stream the slices being parsed belong to: an old stream's must not count for a new one. */
  private stream = 0

  constructor(private readonly ack: (bytes: number) => void) {}

  /** The view's xterm, or null while there is none: output waits for it. */
  connect(writer: Writer | null): void {
    this.writer = writer
    this.schedule()
  }

  /** A new stream counts its bytes from zero; what the old one still had to draw goes. */
  restart(): void {
    this.pending = []
    this.pendingBytes = 0
    this.parsed = this.acked = 0
    this.writing = 0
    this.stream++
  }

  take(data: Uint8Array): void {
    this.pending.push(data)
    this.pendingBytes += data.length
    if (this.writer && !this.writing && !this.framed && this.pendingBytes <= AT_ONCE) this.feed()
    else this.schedule()
  }

  /** The session closed: nothing more is written (a frame asked for finds no writer). */
  stop(): void {
    this.writer = null
    this.pending = []
    this.pendingBytes = 0
  }

  private schedule(): void {
    if (this.framed || !this.writer || !this.pendingBytes) return
    this.framed = true
    requestAnimationFrame(() => {
      this.framed = false
      // xterm is still parsing the last frame's: its callbacks schedule the next.
      if (!this.writing) this.feed()
    })
  }

  private feed(): void {
    const writer = this.writer
    if (!writer) return
    const data = this.pending.length === 1 ? (this.pending[0] as Uint8Array) : join(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    for (let at = 0; at < data.length; ) {
      const end = sliceEnd(data, at)
      const slice = data.subarray(at, end)
      at = end
      const stream = this.stream
      this.writing++
      writer(slice, () => stream === this.stream && this.parsedSlice(slice.length))
    }
  }

  private parsedSlice(length: number): void {
    this.writing--
    this.parsed += length
    if (this.parsed - this.acked >= TERMINAL_FLOW.ackEvery) {
      this.acked = this.parsed
      this.ack(this.parsed)
    }
    if (!this.writing) this.schedule()
  }
}

/** Where the slice from `at` ends: WRITE_SLICE bytes on, or just after its SLICE_LINES-th line feed, whichever comes first. */
function sliceEnd(data: Uint8Array, at: number): number {
  const limit = Math.min(data.length, at + WRITE_SLICE)
  let from = at
  for (let lines = 0; lines < SLICE_LINES; lines++) {
    const feed = data.indexOf(0x0a, from)
    if (feed < 0 || feed >= limit) return limit
    from = feed + 1
  }
  return from
}

function join(pieces: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length)
  let at = 0
  for (const piece of pieces) {
    joined.set(piece, at)
    at += piece.length
  }
  return joined
}
