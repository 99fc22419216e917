// Turns the bytes of a /containers/{id}/logs response into lines. A container started without -t
// answers in frames (8-byte header: stream type, 3 zero bytes, big-endian payload length); one
// frame can arrive split across chunks and one chunk can carry many frames. A -t container answers
// raw bytes. With timestamps on, the engine starts every log message with a fixed-width RFC 3339 time.
import { StringDecoder } from 'node:string_decoder'

export type FrameStream = 'o' | 'e'

const HEADER = 8

/** Splits the multiplexed stream into frames, whatever the chunking. */
export class FrameDemuxer {
  private parts: Buffer[] = []
  private buffered = 0

  constructor(private readonly onFrame: (stream: FrameStream, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.parts.push(chunk)
    this.buffered += chunk.length
    // Wait for the whole frame before joining, so a large frame in small chunks is copied once.
    if (this.buffered < this.needed()) return
    const data = this.parts.length === 1 ? chunk : Buffer.concat(this.parts, this.buffered)
    let offset = 0
    while (data.length - offset >= HEADER) {
      const size = data.readUInt32BE(offset + 4)
      const end = offset + HEADER + size
      if (end > data.length) break
      // 1 stdout, 2 stderr, 3 the engine's own error: shown with stderr.
      this.onFrame(data[offset] === 1 ? 'o' : 'e', data.subarray(offset + HEADER, end))
      offset = end
    }
    const rest = data.subarray(offset)
    this.parts = rest.length ? [rest] : []
    this.buffered = rest.length
  }

  /** Bytes of the frame now waiting: its header, then the whole frame once the header is in. */
  private needed(): number {
    if (this.buffered < HEADER) return HEADER
    const first = this.parts[0] as Buffer
    const header = first.length >= HEADER ? first : Buffer.concat(this.parts, this.buffered)
    return HEADER + header.readUInt32BE(4)
  }

  get pendingBytes(): number {
    return this.buffered
  }
}

/** `2026-01-02T03:04:05.123456789Z ` as the engine writes it (RFC3339NanoFixed plus a space). */
export const TIMESTAMP_WIDTH = 30
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z $/

export function startsWithTimestamp(text: string): boolean {
  return text.length > TIMESTAMP_WIDTH && TIMESTAMP.test(text.slice(0, TIMESTAMP_WIDTH + 1))
}

/** Podman writes plain RFC 3339 instead: seconds, maybe a fraction, `Z` or an offset (`…:07Z `, `…:07+01:00 `). */
const LOOSE_TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d) /
const LOOSE_MAX = 36

/** A leading time in any RFC 3339 form, as the fixed-width UTC time the rest of Berth compares; and its width with the space. */
export function looseTimestamp(head: string): { time: string; width: number } | null {
  const m = LOOSE_TIMESTAMP.exec(head)
  if (!m) return null
  const [whole, seconds, fraction = '', zone] = m as unknown as [string, string, string | undefined, string]
  const nanos = (fraction.slice(1) || '').padEnd(9, '0')
  if (zone === 'Z') return { time: `${seconds}.${nanos}Z`, width: whole.length }
  const utc = new Date(Date.parse(`${seconds}${zone}`)).toISOString().slice(0, 19)
  return { time: `${utc}.${nanos}Z`, width: whole.length }
}

/** A line longer than this is delivered in pieces, so a container that never writes a newline cannot grow memory. */
export const MAX_LINE_CHARS = 1_000_000

export type LineSink = (text: string, kind: FrameStream, time: string) => void

/** Collects one stream's text into lines; a message the engine split (over 16 KiB) is joined again. */
class LineAssembler {
  private decoder = new StringDecoder('utf8')
  private partial = ''
  private time = ''

  constructor(
    private readonly kind: FrameStream,
    private readonly sink: LineSink,
  ) {}

  /** A message: its time (or '') and its bytes, which may end mid-line. */
  message(time: string, body: Buffer): void {
    this.text(time, this.decoder.write(body))
  }

  text(time: string, text: string): void {
    if (!this.partial) this.time = time
    let start = 0
    let newline: number
    while ((newline = text.indexOf('\n', start)) >= 0) {
      let line = this.partial ? this.partial + text.slice(start, newline) : text.slice(start, newline)
      if (line.endsWith('\r')) line = line.slice(0, -1)
      this.sink(line, this.kind, this.time)
      this.partial = ''
      this.time = time
      start = newline + 1
    }
    if (start < text.length) this.partial += text.slice(start)
    while (this.partial.length >= MAX_LINE_CHARS) {
      this.sink(this.partial.slice(0, MAX_LINE_CHARS), this.kind, this.time)
      this.partial = this.partial.slice(MAX_LINE_CHARS)
    }
  }

  /** The stream was cut, to be read again from its last whole line: an unfinished line is dropped, not shown in part. */
  drop(): void {
    this.partial = ''
    this.decoder = new StringDecoder('utf8')
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    const rest = this.partial + this.decoder.end()
    this.partial = ''
    if (rest) this.sink(rest.endsWith('\r') ? rest.slice(0, -1) : rest, this.kind, this.time)
  }
}

/** Bytes of one logs response in, lines out: framed (non-TTY) or raw (TTY), with or without times. */
export class LogLineParser {
  private readonly demuxer: FrameDemuxer | null
  private readonly out: LineAssembler
  private readonly err: LineAssembler
  private raw = new StringDecoder('utf8')
  private rawPartial = ''

  constructor(
    private readonly options: { tty: boolean; timestamps: boolean },
    sink: LineSink,
  ) {
    this.out = new LineAssembler('o', sink)
    this.err = new LineAssembler('e', sink)
    this.demuxer = options.tty ? null : new FrameDemuxer((stream, payload) => this.frame(stream, payload))
  }

  push(chunk: Buffer): void {
    if (this.demuxer) this.demuxer.push(chunk)
    else this.rawText(this.raw.write(chunk))
  }

  /**
   * The stream was cut and will be read again from the last line taken (a followed stream, by its
   * time): a line it left unfinished is dropped here and comes whole then.
   */
  cut(): void {
    this.raw = new StringDecoder('utf8')
    this.rawPartial = ''
    this.out.drop()
    this.err.drop()
  }

  end(): void {
    if (!this.demuxer) this.rawText(this.raw.end() + (this.rawPartial ? '\n' : ''))
    this.out.end()
    this.err.end()
  }

  private frame(stream: FrameStream, payload: Buffer): void {
    const lines = stream === 'o' ? this.out : this.err
    if (this.options.timestamps && payload.length > TIMESTAMP_WIDTH && payload[TIMESTAMP_WIDTH] === 0x20) {
      lines.message(payload.toString('latin1', 0, TIMESTAMP_WIDTH), payload.subarray(TIMESTAMP_WIDTH + 1))
      return
    }
    const loose = this.options.timestamps ? looseTimestamp(payload.toString('latin1', 0, LOOSE_MAX)) : null
    if (loose) lines.message(loose.time, payload.subarray(loose.width))
    else lines.message('', payload)
  }

  /** A TTY stream has no frames: each line starts with its time, when times were asked for. */
  private rawText(text: string): void {
    if (!this.options.timestamps) return this.out.text('', text)
    let start = 0
    let newline: number
    while ((newline = text.indexOf('\n', start)) >= 0) {
      this.rawLine(this.rawPartial + text.slice(start, newline + 1))
      this.rawPartial = ''
      start = newline + 1
    }
    this.rawPartial += text.slice(start)
    if (this.rawPartial.length >= MAX_LINE_CHARS) {
      this.rawLine(this.rawPartial)
      this.rawPartial = ''
    }
  }

  private rawLine(line: string): void {
    if (startsWithTimestamp(line)) return this.out.text(line.slice(0, TIMESTAMP_WIDTH), line.slice(TIMESTAMP_WIDTH + 1))
    const loose = looseTimestamp(line.slice(0, LOOSE_MAX))
    if (loose) this.out.text(loose.time, joinedPieces(line.slice(loose.width), loose))
    else this.out.text('', line)
  }
}

/** An RFC 3339 time and its space, as Podman writes one, anywhere in a line. */
const PIECE_TIME = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d) /g
/** How long after a line's start its last piece may be logged (a split write is logged at once). */
const PIECE_WITHIN_MS = 5_000

/**
 * Podman logs a TTY write it read in parts as parts, and gives each its own time: `…:39Z two…:39Z \r\n`.
 * The times inside a line, of the same form as its first and within seconds after it, are those:
 * the line is joined again. A time the container wrote at the start of its line is its own.
 */
function joinedPieces(text: string, first: { time: string; width: number }): string {
  const start = Date.parse(first.time)
  return text.replace(PIECE_TIME, (match, _s, _f, _z, at: number) => {
    if (at === 0 || match.length !== first.width) return match
    const time = looseTimestamp(match)
    const after = time ? Date.parse(time.time) - start : -1
    return after >= 0 && after <= PIECE_WITHIN_MS ? '' : match
  })
}
