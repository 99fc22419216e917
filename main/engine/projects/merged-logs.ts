// `docker compose logs -f` for one page: a LogFollower per container of the project (so each one's
// stream comes back after its restarts and the engine's, as a container's own pane does), joined by
// containers that appear later (a scale up, a recreate) as the live list says, all merged into one
// stream. Within a container lines keep their order; across containers, the lines that arrive
// together are merged by their engine time.
//
// Back-pressure stays per container: a merged batch is acknowledged by the page once, and that
// acknowledges every container batch it carried, so a container the page cannot keep up with is
// paused in the engine as its own pane would be.
import type Dockerode from 'dockerode'
import { LogFollower } from '../logs/logs'
import type { Revival } from '../revival'
import type { ContainerSummary } from '@common/contract/containers'
import type { LogLines, LogStreamPhase } from '@common/contract/logs'
import type { ProjectLogBatch, ProjectLogState } from '@common/contract/projects'

export interface MergedLogSink {
  lines(batch: Omit<ProjectLogBatch, 'stream'>): void
  state(state: Omit<ProjectLogState, 'stream'>): void
}

export interface MergedLogOptions {
  /** Existing lines to start with, per container that is there when the stream opens. */
  tail: number | 'all'
  revival?: Pick<Revival, 'watch'>
  /** How long batches from several containers may wait to be merged with each other. */
  mergeMs?: number
  /** Called once when the stream closes, however it does. */
  onClose?: () => void
}

interface Source {
  id: string
  container: string
  service: string
  follower: LogFollower
}

interface Arrived {
  source: Source
  seq: number
  lines: LogLines
}

export class MergedProjectLogs {
  private readonly sources = new Map<string, Source>()
  private queue: Arrived[] = []
  private timer: NodeJS.Timeout | null = null
  private seq = 0
  /** For each merged batch in flight, the last batch of each container it carried. */
  private readonly inFlight = new Map<number, Map<Source, number>>()
  private closed = false
  /** Until every container there at the start has answered, their first lines wait to be merged together. */
  private starting = true

  constructor(
    private readonly docker: Dockerode,
    readonly project: string,
    private readonly options: MergedLogOptions,
    private readonly sink: MergedLogSink,
  ) {}

  /** Opens a stream per container of the project in `list`; later containers come through `update`. */
  async start(list: readonly ContainerSummary[]): Promise<void> {
    const mine = list.filter((c) => c.compose?.project === this.project)
    await Promise.all(mine.map((c) => this.follow(c, this.options.tail)))
    this.starting = false
    this.schedule()
  }

  /** The live list after a burst of events: containers that joined the project get a stream from their first line. */
  update(list: readonly ContainerSummary[]): void {
    if (this.closed) return
    for (const c of list) if (c.compose?.project === this.project && !this.sources.has(c.id)) void this.follow(c, 'all')
  }

  /** Containers followed now, by name. */
  get containers(): string[] {
    return [...this.sources.values()].map((s) => s.container)
  }

  ack(seq: number): void {
    for (const [sent, carried] of [...this.inFlight]) {
      if (sent > seq) continue
      this.inFlight.delete(sent)
      for (const [source, last] of carried) source.follower.ack(last)
    }
  }

  close(): void {
    if (!this.closed) this.options.onClose?.()
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const source of this.sources.values()) source.follower.close()
    this.sources.clear()
    this.queue = []
    this.inFlight.clear()
  }

  get isClosed(): boolean {
    return this.closed
  }

  private async follow(c: ContainerSummary, tail: number | 'all'): Promise<void> {
    const service = c.compose?.service ?? ''
    const source: Source = { id: c.id, container: c.name, service, follower: undefined as unknown as LogFollower }
    source.follower = new LogFollower(this.docker, c.id, { follow: true, tail, revival: this.options.revival }, {
      lines: (batch) => this.arrive(source, batch),
      state: (phase, message) => this.said(source, phase, message),
    })
    this.sources.set(c.id, source)
    try {
      const { name } = await source.follower.start()
      source.container = name
    } catch {
      // Gone before its stream opened (removed in the same burst): nothing of it to show.
      source.follower.close()
      if (this.sources.get(c.id) === source) this.sources.delete(c.id)
    }
  }

  private said(source: Source, phase: LogStreamPhase, message?: string): void {
    if (this.closed) return
    // Its lines before this state go out first, so a "removed" never overtakes the container's last lines.
    if (!this.starting) this.flush()
    this.sink.state({ container: source.container, service: source.service, phase, ...(message ? { message } : {}) })
    if ((phase === 'removed' || phase === 'ended' || phase === 'failed') && this.sources.get(source.id) === source) this.sources.delete(source.id)
  }

  private arrive(source: Source, batch: LogLines & { seq: number }): void {
    if (this.closed) return
    this.queue.push({ source, seq: batch.seq, lines: batch })
    this.schedule()
  }

  private schedule(): void {
    if (this.starting || this.timer || !this.queue.length || this.closed) return
    this.timer = setTimeout(() => this.flush(), this.options.mergeMs ?? 16)
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.queue.length || this.closed) return
    const arrived = this.queue
    this.queue = []
    const carried = new Map<Source, number>()
    for (const a of arrived) carried.set(a.source, Math.max(carried.get(a.source) ?? 0, a.seq))
    const order = [...carried.keys()]
    const merged = mergeByTime(order.map((s) => joinLines(arrived.filter((a) => a.source === s).map((a) => a.lines))))
    const seq = ++this.seq
    this.inFlight.set(seq, carried)
    this.sink.lines({
      seq,
      lines: merged.lines,
      kinds: merged.kinds,
      times: merged.times,
      source: merged.source,
      sources: order.map((s) => ({ id: s.id, container: s.container, service: s.service })),
    })
  }
}

function joinLines(parts: LogLines[]): LogLines {
  if (parts.length === 1) return parts[0] as LogLines
  return { lines: parts.flatMap((p) => p.lines), kinds: parts.map((p) => p.kinds).join(''), times: parts.flatMap((p) => p.times) }
}

/**
 * Merges each source's lines (each already in its own order) by engine time, never reordering a
 * source's own lines: at each step the earliest of the sources' next lines goes, ties to the first
 * source. Berth's notes (no time) go with the line before them in their source.
 */
export function mergeByTime(sources: readonly LogLines[]): LogLines & { source: number[] } {
  const out: LogLines & { source: number[] } = { lines: [], kinds: '', times: [], source: [] }
  const next = sources.map(() => 0)
  const last = sources.map(() => '')
  const total = sources.reduce((n, s) => n + s.lines.length, 0)
  for (let taken = 0; taken < total; taken++) {
    let best = -1
    let bestTime = ''
    for (let s = 0; s < sources.length; s++) {
      const src = sources[s] as LogLines
      const i = next[s] as number
      if (i >= src.lines.length) continue
      const time = src.times[i] || (last[s] as string)
      if (best < 0 || time < bestTime) {
        best = s
        bestTime = time
      }
    }
    const src = sources[best] as LogLines
    const i = next[best] as number
    next[best] = i + 1
    if (src.times[i]) last[best] = src.times[i] as string
    out.lines.push(src.lines[i] as string)
    out.kinds += src.kinds[i] as string
    out.times.push(src.times[i] as string)
    out.source.push(best)
  }
  return out
}
