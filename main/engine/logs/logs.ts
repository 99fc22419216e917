// `docker logs -f` for one pane: reads the engine's log stream, cuts it into lines and hands them
// on in batches, at most one per ~16 ms (an animation frame) or sooner when a batch is full.
//
// Back-pressure is by credit: at most `window` batches may be unacknowledged by the page. When the
// page falls behind, lines wait in `pending`; past a high-water mark the engine response is paused,
// so TCP holds the rest in the engine, which reads its own log file lazily. Nothing is dropped and
// memory in main stays bounded (a few batches), whatever the container writes. Dropping lines with
// a "skipped" note was the alternative; pausing costs the container nothing, since it writes to
// the engine's log file either way, and keeps the download and the benchmark honest.
import type Dockerode from 'dockerode'
import { LogLineParser, type FrameStream } from './demux'
import { engineSince, engineSinceMs, openLogResponse, watchContainer, type ContainerChange, type EngineStream } from './source'
import { toEngineError } from '../errors'
import type { LogLineKind, LogLines, LogStreamPhase } from '../../../common/log-types'

export interface LogSink {
  lines(batch: LogLines & { seq: number }): void
  state(phase: LogStreamPhase, message?: string): void
}

export interface FollowOptions {
  follow: boolean
  tail: number | 'all'
  /** How long a line may wait for company before it is sent. */
  batchMs?: number
  maxBatchLines?: number
  /** Characters per batch, so a container writing megabyte lines cannot make a batch huge. */
  maxBatchChars?: number
  /** Batches in flight before sending (and then reading) stops until the page acknowledges. */
  window?: number
}

const TERMINAL = new Set<LogStreamPhase>(['ended', 'removed', 'failed'])

export class LogFollower {
  tty = false
  name = ''
  private readonly batchMs: number
  private readonly maxBatchLines: number
  private readonly maxBatchChars: number
  private pendingChars = 0
  private readonly window: number
  private pending: LogLines = { lines: [], kinds: '', times: [] }
  private source: EngineStream | null = null
  private paused = false
  private seq = 0
  private acked = 0
  private timer: NodeJS.Timeout | null = null
  private closed = false
  private unwatch: (() => void) | null = null
  /** Newest engine time seen: a stream reopened after a restart starts here and skips what was already shown. */
  private lastTime = ''
  private skipThrough = ''
  private openedAt = Date.now()
  /** Announced once the lines before it have been sent. */
  private finalPhase: { phase: LogStreamPhase; message?: string } | null = null
  private resuming = false

  constructor(
    private readonly docker: Dockerode,
    readonly containerId: string,
    private readonly options: FollowOptions,
    private readonly sink: LogSink,
  ) {
    this.batchMs = options.batchMs ?? 16
    this.maxBatchLines = options.maxBatchLines ?? 5000
    this.maxBatchChars = options.maxBatchChars ?? 1_000_000
    // In flight at most window × maxBatchChars (~8 M characters); enough that the ack round trip never idles the stream.
    this.window = options.window ?? 8
  }

  /** Resolves once the engine answered; rejects with not-found and the like. */
  async start(): Promise<{ name: string; tty: boolean }> {
    try {
      const info = await this.docker.getContainer(this.containerId).inspect()
      this.tty = Boolean(info.Config.Tty)
      this.name = info.Name.replace(/^\//, '')
    } catch (err) {
      throw toEngineError(err, { kind: 'container', ref: this.containerId })
    }
    this.openedAt = Date.now()
    await this.connect(this.options.tail)
    return { name: this.name, tty: this.tty }
  }

  /** The page has taken batch `seq` (and every one before it). */
  ack(seq: number): void {
    if (seq > this.acked && seq <= this.seq) this.acked = seq
    this.flush()
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.unwatch?.()
    this.unwatch = null
    this.source?.destroy()
    this.source = null
    this.pending = { lines: [], kinds: '', times: [] }
    this.pendingChars = 0
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Lines waiting in main for credit: bounded by the high-water mark plus one chunk's worth. */
  get pendingLines(): number {
    return this.pending.lines.length
  }

  private async connect(tail: number | 'all', since?: string): Promise<void> {
    const stream = await openLogResponse(this.docker, this.containerId, { follow: this.options.follow, tail, since })
    if (this.closed) return stream.destroy()
    this.source = stream
    this.paused = false
    const parser = new LogLineParser({ tty: this.tty, timestamps: true }, (text, kind, time) => this.add(text, kind, time))
    let done = false
    const finish = () => {
      if (done) return
      done = true
      parser.end()
      if (this.source === stream) this.source = null
      void this.sourceEnded()
    }
    stream.on('data', (chunk: Buffer) => parser.push(chunk))
    stream.on('end', finish)
    stream.on('close', finish)
    stream.on('error', finish)
    if (this.options.follow) this.sink.state('following')
  }

  private add(text: string, kind: FrameStream | 'm', time: string): void {
    if (this.closed) return
    if (kind !== 'm') {
      if (this.skipThrough) {
        if (time && time <= this.skipThrough) return
        this.skipThrough = ''
      }
      if (time) this.lastTime = time
    }
    const p = this.pending
    p.lines.push(text)
    p.kinds += kind satisfies LogLineKind
    p.times.push(time)
    this.pendingChars += text.length
    if (p.lines.length >= this.maxBatchLines || this.pendingChars >= this.maxBatchChars) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.batchMs)
    const backlog = this.pending.lines.length >= this.maxBatchLines * 2 || this.pendingChars >= this.maxBatchChars * 2
    if (backlog && this.source && !this.paused) {
      this.paused = true
      this.source.pause()
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    while (this.pending.lines.length && this.seq - this.acked < this.window && !this.closed) {
      const p = this.pending
      const n = this.batchSize()
      const batch = n === p.lines.length ? p : { lines: p.lines.slice(0, n), kinds: p.kinds.slice(0, n), times: p.times.slice(0, n) }
      this.pending = n === p.lines.length ? { lines: [], kinds: '', times: [] } : { lines: p.lines.slice(n), kinds: p.kinds.slice(n), times: p.times.slice(n) }
      this.sink.lines({ seq: ++this.seq, ...batch })
    }
    if (this.paused && this.pending.lines.length < this.maxBatchLines && this.pendingChars < this.maxBatchChars && this.source) {
      this.paused = false
      this.source.resume()
    }
    if (!this.pending.lines.length && this.finalPhase && !this.closed) {
      const { phase, message } = this.finalPhase
      this.finalPhase = null
      this.sink.state(phase, message)
      if (TERMINAL.has(phase)) this.close()
    }
  }

  /** Lines of the next batch: up to the line and character limits, and at least one. */
  private batchSize(): number {
    const lines = this.pending.lines
    const most = Math.min(lines.length, this.maxBatchLines)
    let chars = 0
    for (let i = 0; i < most; i++) {
      chars += (lines[i] as string).length
      if (chars >= this.maxBatchChars) {
        this.pendingChars -= chars
        return i + 1
      }
    }
    this.pendingChars -= chars
    return most
  }

  /** Sends `phase` once every line read before it has gone out. */
  private announce(phase: LogStreamPhase, message?: string): void {
    this.finalPhase = { phase, ...(message ? { message } : {}) }
    this.flush()
  }

  private async sourceEnded(): Promise<void> {
    if (this.closed) return
    if (!this.options.follow) return this.announce('ended')
    // A followed stream ends when the container stops or is removed; find out which, and wait for a start.
    try {
      this.unwatch ??= await watchContainer(this.docker, this.containerId, (change) => void this.changed(change))
      if (this.closed) return this.unwatch()
      const info = await this.docker.getContainer(this.containerId).inspect()
      // A start event may have arrived meanwhile and reopened the stream already.
      if (this.closed || this.source || this.resuming) return
      const code = info.State.ExitCode
      this.add(`Container stopped${info.State.Running ? '' : ` (exit code ${code})`}`, 'm', '')
      if (info.State.Running) await this.changed('start')
      else this.announce('waiting')
    } catch (err) {
      const error = toEngineError(err, { kind: 'container', ref: this.containerId })
      if (error.code === 'not-found') await this.changed('destroy')
      else this.announce('failed', error.message)
    }
  }

  private async changed(change: ContainerChange): Promise<void> {
    if (this.closed || this.resuming || this.source) return
    this.unwatch?.()
    this.unwatch = null
    if (change === 'lost') {
      return this.announce('failed', 'The Docker engine stopped answering. Open the logs again once it is back.')
    }
    if (change === 'destroy') {
      this.add('Container removed', 'm', '')
      return this.announce('removed')
    }
    this.resuming = true
    try {
      this.add('Container started', 'm', '')
      this.skipThrough = this.lastTime
      await this.connect('all', this.lastTime ? engineSince(this.lastTime) : engineSinceMs(this.openedAt))
    } catch (err) {
      this.announce('failed', toEngineError(err, { kind: 'container', ref: this.containerId }).message)
    } finally {
      this.resuming = false
    }
  }
}

export { openLogConnections } from './source'
