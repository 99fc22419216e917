// The pane's memory: at most `capacity` lines, oldest dropped first. Lines have absolute numbers
// that never change while they are held, so indexes (matches, filtered views) survive eviction.
import type { LogLineKind } from '@common/contract/logs'

const KIND_CODE: Record<LogLineKind, number> = { o: 0, e: 1, m: 2 }
const KINDS: LogLineKind[] = ['o', 'e', 'm']

export class LogRing {
  private readonly texts: string[]
  private readonly times: string[]
  private readonly kinds: Uint8Array
  /** Where each line came from, for a stream that merges several (a project's containers); 0 otherwise. */
  private readonly sources: Uint16Array
  private head = 0
  /** Lines held. */
  size = 0
  /** Absolute number of the oldest line held. */
  first = 0

  constructor(readonly capacity: number) {
    this.texts = new Array<string>(capacity).fill('')
    this.times = new Array<string>(capacity).fill('')
    this.kinds = new Uint8Array(capacity)
    this.sources = new Uint16Array(capacity)
  }

  /** Absolute number of the newest line (first - 1 when empty). */
  get last(): number {
    return this.first + this.size - 1
  }

  get full(): boolean {
    return this.size === this.capacity
  }

  /** Adds a line at the end; returns the kind of the line it evicted, or null. */
  push(text: string, kind: LogLineKind, time: string, source = 0): LogLineKind | null {
    let evicted: LogLineKind | null = null
    let slot: number
    if (this.size === this.capacity) {
      slot = this.head
      evicted = KINDS[this.kinds[slot] as number] as LogLineKind
      this.head = (this.head + 1) % this.capacity
      this.first++
    } else {
      slot = (this.head + this.size) % this.capacity
      this.size++
    }
    this.texts[slot] = text
    this.times[slot] = time
    this.kinds[slot] = KIND_CODE[kind]
    this.sources[slot] = source
    return evicted
  }

  /** Adds older lines (oldest first) before the first one, as many as there is room for; returns how many. */
  prepend(texts: string[], kinds: string, times: string[]): number {
    const room = Math.min(texts.length, this.capacity - this.size)
    for (let i = texts.length - 1; i >= texts.length - room; i--) {
      this.head = (this.head - 1 + this.capacity) % this.capacity
      this.texts[this.head] = texts[i] as string
      this.times[this.head] = times[i] as string
      this.kinds[this.head] = KIND_CODE[kinds[i] as LogLineKind] ?? 0
      this.sources[this.head] = 0
      this.size++
      this.first--
    }
    return room
  }

  private slot(n: number): number {
    return (this.head + (n - this.first)) % this.capacity
  }

  has(n: number): boolean {
    return n >= this.first && n <= this.last
  }

  text(n: number): string {
    return this.texts[this.slot(n)] as string
  }

  time(n: number): string {
    return this.times[this.slot(n)] as string
  }

  source(n: number): number {
    return this.sources[this.slot(n)] as number
  }

  kind(n: number): LogLineKind {
    return KINDS[this.kinds[this.slot(n)] as number] as LogLineKind
  }

  /** Forgets every line; numbering continues after the last one. */
  clear(): void {
    this.first = this.last + 1
    this.size = 0
    this.head = 0
    // Let the strings go now rather than when their slots are reused.
    this.texts.fill('')
    this.times.fill('')
  }
}

/** Index of the first element >= n in a sorted array. */
export function lowerBound(sorted: number[], n: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < n) lo = mid + 1
    else hi = mid
  }
  return lo
}
