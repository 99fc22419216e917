// A list the engine keeps fresh, as it crosses the bridge: the whole list once (a snapshot), then
// only what changed. With 5,000 containers a start is one row, not 1.8 MB the page must parse.
// Each change names the version it applies to, so a page that missed one asks for the list again.
import type { ContainerSummary, ImageSummary } from './types'
import type { VolumeSummary } from './volume-types'

export interface ListSnapshot<T> {
  version: number
  items: T[]
}

export interface ListChange<T> {
  /** The version this change applies to; the page's list must be at it. */
  base: number
  version: number
  /** Rows added or changed, whole. */
  upsert: T[]
  /** Keys of rows that are gone. */
  remove: string[]
}

export interface ListShape<T> {
  key(item: T): string
  /** The one order the engine layer and the page both keep: a total order, by code units, never by locale. */
  order(a: T, b: T): number
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Newest first, as `docker ps -a` lists them. */
export const containerShape: ListShape<ContainerSummary> = {
  key: (c) => c.id,
  order: (a, b) => b.created - a.created || byText(a.id, b.id),
}

/** Newest first, one row per tag, as `docker images`. */
export const imageShape: ListShape<ImageSummary> = {
  key: (i) => `${i.id} ${i.reference}`,
  order: (a, b) => b.created - a.created || byText(a.reference, b.reference) || byText(a.id, b.id),
}

/** Named volumes first, newest first; anonymous ones (long random names) after them. */
export const volumeShape: ListShape<VolumeSummary> = {
  key: (v) => v.name,
  order: (a, b) => Number(a.anonymous) - Number(b.anonymous) || (b.created ?? 0) - (a.created ?? 0) || byText(a.name, b.name),
}

/** The list after a change, in the shape's order. The input is never modified. */
export function applyChange<T>(items: readonly T[], change: ListChange<T>, shape: ListShape<T>): T[] {
  const removed = new Set(change.remove)
  const upserts = new Map(change.upsert.map((item) => [shape.key(item), item]))
  const out: T[] = []
  for (const item of items) {
    const key = shape.key(item)
    if (removed.has(key)) continue
    const next = upserts.get(key)
    if (next === undefined) out.push(item)
    else {
      out.push(next)
      upserts.delete(key)
    }
  }
  out.push(...upserts.values())
  // A changed row may move (a new tag, a rename does not; a recreated one does): keep the one order.
  if (change.upsert.length) out.sort(shape.order)
  return out
}
