// What the pane shows, without Vue: the ring of lines, the search matches and, when filtering (by
// query or by stdout/stderr), the list of lines that pass. Kept up to date one batch at a time, so
// a new batch costs its own size, never a rescan of 100k lines.
import type { LogLineKind, LogLines } from '@common/contract/logs'
import { stripAnsi } from './ansi'
import type { Matcher } from './query'
import { LogRing, lowerBound } from './ring'

export type StreamChoice = 'all' | 'o' | 'e'

export interface ViewRules {
  matcher: Matcher | null
  /** Show only matching lines (else matches are only highlighted). */
  filter: boolean
  stream: StreamChoice
  /** For a merged stream: whether lines from this source are shown (a service filter); all when absent. */
  showSource?: ((source: number) => boolean) | null
}

export class LogView {
  readonly ring: LogRing
  /** Absolute numbers of lines that match the query. */
  matches: number[] = []
  /** Absolute numbers of the lines shown, when some are hidden; null when every held line is shown. */
  shown: number[] | null = null
  /** Rows removed from the top of what is shown, ever (negative for rows added above): the list keeps its place. */
  shift = 0
  /** Engine lines held (Berth's notes excluded), when none was evicted: how far back "older" must look. */
  engineLines = 0
  evicted = false
  private rules: ViewRules = { matcher: null, filter: false, stream: 'all' }

  constructor(capacity: number) {
    this.ring = new LogRing(capacity)
  }

  get size(): number {
    return this.shown ? this.shown.length : this.ring.size
  }

  /** Absolute number of the row at `index`. */
  lineAt(index: number): number {
    return this.shown ? (this.shown[index] as number) : this.ring.first + index
  }

  /** Row index of line `n` (or of the next shown line after it). */
  indexOf(n: number): number {
    return this.shown ? lowerBound(this.shown, n) : n - this.ring.first
  }

  /** The oldest engine line held, for asking the engine what came before it. */
  oldestEngineLine(): number | null {
    for (let n = this.ring.first; n <= this.ring.last; n++) if (this.ring.kind(n) !== 'm') return n
    return null
  }

  /** Engine lines held from line `n` on that have its time (an engine with whole-second times repeats them). */
  sameTimeFrom(n: number): number {
    const time = this.ring.time(n)
    let same = 0
    for (let m = n; m <= this.ring.last; m++) {
      if (this.ring.kind(m) === 'm') continue
      if (this.ring.time(m) !== time) break
      same++
    }
    return same
  }

  setRules(rules: ViewRules): void {
    this.rules = rules
    this.matches = []
    this.shown = rules.stream !== 'all' || (rules.filter && rules.matcher) || rules.showSource ? [] : null
    for (let n = this.ring.first; n <= this.ring.last; n++) this.index(n)
  }

  /** `batch.source[i]`, when given, says where line i came from (a merged stream). */
  append(batch: LogLines & { source?: readonly number[] }): void {
    const ring = this.ring
    const firstBefore = ring.first
    for (let i = 0; i < batch.lines.length; i++) {
      const kind = batch.kinds[i] as LogLineKind
      const gone = ring.push(batch.lines[i] as string, kind, batch.times[i] as string, batch.source?.[i] ?? 0)
      if (gone) this.evicted = true
      if (kind !== 'm') this.engineLines++
      this.index(ring.last)
    }
    if (ring.first === firstBefore) return
    this.matches = dropBefore(this.matches, ring.first)
    if (this.shown) {
      const cut = lowerBound(this.shown, ring.first)
      if (cut) this.shown.splice(0, cut)
      this.shift += cut
    } else {
      this.shift += ring.first - firstBefore
    }
  }

  /** Older lines above the first; returns how many fitted. */
  prepend(older: LogLines): number {
    const sizeBefore = this.size
    const added = this.ring.prepend(older.lines, older.kinds, older.times)
    this.engineLines += added
    this.setRules(this.rules)
    this.shift -= this.size - sizeBefore
    return added
  }

  clear(): void {
    this.ring.clear()
    this.matches = []
    if (this.shown) this.shown = []
    this.engineLines = 0
  }

  private index(n: number): void {
    const { matcher, filter, stream, showSource } = this.rules
    // A hidden source's lines are neither shown nor counted by the search; its notes go with them.
    if (showSource && !showSource(this.ring.source(n))) return
    const kind = this.ring.kind(n)
    const matched = matcher !== null && kind !== 'm' && matcher.test(stripAnsi(this.ring.text(n)))
    if (matched) this.matches.push(n)
    if (!this.shown) return
    // Berth's notes (stopped, started) stay visible in every filter: they explain gaps.
    const streamOk = stream === 'all' || kind === stream || kind === 'm'
    if (streamOk && (!filter || !matcher || matched || kind === 'm')) this.shown.push(n)
  }
}

function dropBefore(sorted: number[], n: number): number[] {
  const cut = lowerBound(sorted, n)
  if (cut) sorted.splice(0, cut)
  return sorted
}
