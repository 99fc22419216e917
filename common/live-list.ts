// A list the engine keeps fresh, as it crosses the bridge: the whole list once (a snapshot), then
// only what changed. With 5,000 containers a start is one row, not 1.8 MB the page must parse.
// Each change names the version it applies to, so a page that missed one asks for the list again.
//
// Order is the engine's (`docker ps -a`: newest first, by creation to the nanosecond, which the list
// API does not give): a row never moves, and a new row says which row it follows. The page needs
// no sort of its own, and shows what the CLI shows.
import type { ContainerSummary } from './contract/containers'
import type { ImageSummary } from './contract/images'
import type { VolumeSummary } from './contract/volumes'
import type { NetworkSummary } from './contract/networks'

export interface ListSnapshot<T> {
  version: number
  items: T[]
}

export interface ListChange<T> {
  /** The version this change applies to; the page's list must be at it. */
  base: number
  version: number
  /** New rows, in list order, each after the row with key `after` (null: first). */
  add: Array<{ after: string | null; item: T }>
  /** Rows that changed, whole, where they are. */
  update: T[]
  /** Keys of rows that are gone. */
  remove: string[]
}

export interface ListShape<T> {
  key(item: T): string
}

export const containerShape: ListShape<ContainerSummary> = { key: (c) => c.id }
/** One row per tag, as `docker images`. */
export const imageShape: ListShape<ImageSummary> = { key: (i) => `${i.id} ${i.reference}` }
export const volumeShape: ListShape<VolumeSummary> = { key: (v) => v.name }
export const networkShape: ListShape<NetworkSummary> = { key: (n) => n.name }

/** The list after a change. The input is never modified. */
export function applyChange<T>(items: readonly T[], change: ListChange<T>, shape: ListShape<T>): T[] {
  const removed = new Set(change.remove)
  const updated = new Map(change.update.map((item) => [shape.key(item), item]))
  // New rows by the row they follow; a new row may follow another new one.
  const following = new Map<string | null, T[]>()
  for (const { after, item } of change.add) following.set(after, [...(following.get(after) ?? []), item])
  const out: T[] = []
  const emitAfter = (key: string | null): void => {
    for (const item of following.get(key) ?? []) {
      out.push(item)
      emitAfter(shape.key(item))
    }
  }
  emitAfter(null)
  for (const item of items) {
    const key = shape.key(item)
    if (!removed.has(key)) out.push(updated.get(key) ?? item)
    // A new row may follow one that has just gone: it still goes where that one was.
    emitAfter(key)
  }
  return out
}

/**
 * `next`, or `previous` when it holds the same rows in the same order. A filter gives its page the
 * array it already has when a keystroke lets the same rows through (most do), so nothing below it
 * (grouping, the virtual list, the rows) has new work.
 */
export function sameOr<T>(previous: T[] | undefined, next: T[]): T[] {
  return previous && previous.length === next.length && previous.every((item, i) => item === next[i]) ? previous : next
}
