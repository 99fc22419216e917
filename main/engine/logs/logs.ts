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
import { engineSince, openLogResponse, type EngineStream } from './source'
import { fixedTime, markers, ResumePoint, secondOf } from './resume'
import { toEngineError } from '../errors'
import type { Revival } from '../revival'
import type { LogLineKind, LogLines, LogStreamPhase } from '@common/contract/logs'

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
  /** Tells a followed stream when its container starts again or the engine is back (the engine's one Revival). */
  revival?: Pick<Revival, 'watch'>
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
  private resume = new ResumePoint(Date.now())
  /** Announced once the lines before it have been sent. */
  private finalPhase: { phase: LogStreamPhase; message?: string } | null = null
  /** Looks at the container one after another, never two at once. */
  private checking: Promise<void> = Promise.resolve()
  /** The run being followed (its StartedAt), and the last run whose stop the pane has shown. */
  private run = ''
  /** The exit code of the last run, from its die event: a restart can be over before the stream looks. */
  private exitCode: number | undefined
  private stoppedShown = ''
  private engineLost = false
  private saidEngineDown = false
  private retriedRun = false
  /** The source is a finished stretch of the log being read to its end, not the live stream. */
  private draining = false

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
    let info: Dockerode.ContainerInspectInfo
    try {
      info = await this.docker.getContainer(this.containerId).inspect()
    } catch (err) {
      throw toEngineError(err, { kind: 'container', ref: this.containerId })
    }
    this.tty = Boolean(info.Config.Tty)
    this.name = info.Name.replace(/^\//, '')
    // The last run, running or not: its stop is shown once, and a start after it is a new run.
    this.run = fixedTime(info.State.StartedAt)
    this.resume = new ResumePoint(Date.now())
    if (this.options.follow && this.options.revival && !this.closed) {
      // By the full id: the name could be given to another container meanwhile.
      const lost = () => {
        this.engineLost = true
        this.check()
      }
      this.unwatch = this.options.revival.watch(info.Id, (reason) => (reason === 'engine-restarted' ? lost() : this.check()), {
        removed: () => this.check(),
        lost,
        died: (exitCode) => {
          this.exitCode = exitCode
          // Podman's stream reads on past the run's end, into the next run's first lines: it is cut
          // here, and the look that follows reads the rest of the run exactly to its end.
          if (this.source && !this.draining) this.source.destroy()
        },
      })
    }
    // A stopped container's log is read to its end, not followed: its start is heard from the events,
    // and Podman's follow stream of a stopped container can skip lines when the page reads slower.
    await this.connect(this.options.tail, undefined, info.State.Running)
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

  private async connect(tail: number | 'all', since?: string, running = true): Promise<void> {
    const stream = await openLogResponse(this.docker, this.containerId, { follow: this.options.follow && running, tail, since })
    if (this.closed) return stream.destroy()
    this.source = stream
    this.paused = false
    const parser = new LogLineParser({ tty: this.tty, timestamps: true }, (text, kind, time) => this.add(text, kind, time))
    let done = false
    const finish = () => {
      if (done) return
      done = true
      if (this.source === stream) this.source = null
      // A followed stream is read again from its last whole line (look), so a line it cut is not shown in part.
      if (this.options.follow) {
        parser.cut()
        this.check()
      } else {
        parser.end()
        this.announce('ended')
      }
    }
    stream.on('data', (chunk: Buffer) => parser.push(chunk))
    stream.on('end', finish)
    stream.on('close', finish)
    stream.on('error', finish)
    if (this.options.follow) {
      // A "waiting" not yet said is out of date now.
      this.finalPhase = null
      this.sink.state('following')
    }
  }

  private add(text: string, kind: FrameStream | 'm', time: string): void {
    if (this.closed) return
    if (kind !== 'm') {
      if (!this.resume.take(time)) return
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

  /**
   * `docker logs --since … --until …`: a finished stretch of the log, read to its end before anything
   * else is added, and paced by the page like the live stream.
   */
  private async drain(since: string, until: string): Promise<void> {
    const stream = await openLogResponse(this.docker, this.containerId, { follow: false, tail: 'all', since, until })
    if (this.closed) return stream.destroy()
    this.source = stream
    this.draining = true
    this.paused = false
    const parser = new LogLineParser({ tty: this.tty, timestamps: true }, (text, kind, time) => this.add(text, kind, time))
    await new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => parser.push(chunk))
      for (const end of ['end', 'close', 'error']) stream.on(end, () => resolve())
    })
    parser.end()
    this.draining = false
    if (this.source === stream) this.source = null
  }

  /** Sends `phase` once every line read before it has gone out. */
  private announce(phase: LogStreamPhase, message?: string): void {
    this.finalPhase = { phase, ...(message ? { message } : {}) }
    this.flush()
  }

  /** A cut stream, a start, a removal or the engine's return: look at the container and act, one look at a time. */
  private check(): void {
    if (this.closed || !this.options.follow) return
    this.checking = this.checking.then(() => this.look()).catch(() => {})
  }

  private async look(): Promise<void> {
    // An open stream is the current run's: it ends when that run stops (Podman's is cut at its death).
    if (this.closed || this.source) return
    let info: Dockerode.ContainerInspectInfo
    try {
      info = await this.docker.getContainer(this.containerId).inspect()
    } catch (err) {
      const error = toEngineError(err, { kind: 'container', ref: this.containerId })
      if (error.code === 'not-found') {
        this.add(markers.containerRemoved, 'm', '')
        return this.announce('removed')
      }
      if (error.code !== 'engine-unreachable') return this.announce('failed', error.message)
      this.engineLost = true
      if (!this.saidEngineDown) this.announce('waiting', ENGINE_DOWN)
      this.saidEngineDown = true
      return
    }
    if (this.closed) return
    const state = info.State
    const run = fixedTime(state.StartedAt)
    const running = state.Running && !state.Restarting
    const newRun = running && run !== this.run
    if (running && !newRun && !this.engineLost && !this.retriedRun) {
      // The stream ended while its run still looks alive: usually a stop under way. Look again shortly.
      this.retriedRun = true
      setTimeout(() => this.check(), 300)
      return
    }
    this.retriedRun = false
    // The run followed so far is over: stopped, or replaced by a new one.
    const ended = !running || newRun
    const notes: string[] = []
    // Once per run, whether Berth saw it stop or only found it started again.
    if (ended && this.run && this.stoppedShown !== this.run) {
      // Started again before this look: the engine's state holds the new run's, the die event the old one's.
      notes.push(markers.containerStopped(running ? this.exitCode : state.ExitCode))
      this.exitCode = undefined
      this.stoppedShown = this.run
    }
    if (this.engineLost) notes.push(markers.engineRestarted)
    else if (newRun) notes.push(markers.containerStarted)
    this.engineLost = this.saidEngineDown = false
    let noted = false
    const note = () => {
      if (!noted) notes.forEach((line) => this.add(line, 'm', ''))
      noted = true
    }
    try {
      // What the ended run wrote that its stream had not given (the stream was cut, by the engine's
      // restart or at the run's death) is read up to the moment it finished, and the notes go after
      // it. By the lines' own times that cannot be told where the engine writes whole seconds
      // (Podman) and the next run began within the second the last one finished; by `until` it can.
      const finished = ended ? fixedTime(state.FinishedAt) : ''
      if (finished) {
        // From the start of the second it finished in: whole-second times cannot say which run a line
        // shown there was, so that second is read again and what was shown of it is skipped.
        await this.drain(this.resume.reopen(secondOf(finished)), engineSince(finished)).catch((err: unknown) => {
          // A container being removed has no log to give (conflict): the removal's own event follows.
          if (toEngineError(err).code !== 'conflict') throw err
        })
      }
      if (this.closed) return
      note()
      if (!running) return this.announce('waiting')
      if (newRun) {
        // The new run from the moment the last one finished: its first lines can be timed before its
        // own start (Docker records StartedAt once the process already runs).
        this.run = run
        if (finished) this.resume = this.resume.nextRun(finished)
      }
      // A new run, or the same one after the engine's restart (Podman's go on under conmon): the
      // stream goes on from the last line shown.
      await this.connect('all', this.resume.reopen())
    } catch (err) {
      note()
      const error = toEngineError(err, { kind: 'container', ref: this.containerId })
      if (error.code === 'engine-unreachable' || error.code === 'not-found') return this.check()
      this.announce('failed', error.message)
    }
  }
}

/** What the pane says while the engine is away; its stream comes back by itself. */
const ENGINE_DOWN = 'The Docker engine stopped answering. The logs continue here by themselves once it is back.'

export { openLogConnections } from './source'
