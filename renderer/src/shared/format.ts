// How Berth writes sizes and times: the way the docker CLI does, so the two read the same.
import { humanDuration, statusWords } from '@common/duration'
import type { ContainerSummary } from '@common/contract/containers'

/** Decimal units, as `docker images` prints them (1 MB = 1000 kB). */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(value >= 10 ? 1 : 2)} ${units[unit]}`
}

/** "3 minutes ago", as `docker images` prints (Docker's own wording of a span). */
export function formatAgo(epochMs: number, now = Date.now()): string {
  return `${humanDuration(now - epochMs)} ago`
}

/**
 * The Status column of `docker ps` at `now`: the engine's words, with the span counted again from
 * when it started or stopped, so "Up 9 minutes" keeps up with the clock between engine events.
 */
/** `docker ps`'s Status, kept current: see statusWords. */
export const containerStatus = (c: ContainerSummary, now: number): string => statusWords(c, now)

/** "1 volume", "3 volumes": counts worded once, the same everywhere. */
export const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`

let fullDate: Intl.DateTimeFormat | undefined
/** A full local date and time; one formatter for the page (making one costs milliseconds). */
export const formatDate = (epochMs: number): string =>
  (fullDate ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })).format(epochMs)

const two = (n: number) => String(n).padStart(2, '0')
/**
 * "2026-11-30 15:20:55", local time, as the log pane writes times. Without Intl: a page's first
 * Intl.DateTimeFormat loads the locale's data, which cost the Inspect tab 60–115 ms of its opening.
 */
export const formatLocalTime = (epochMs: number): string => {
  const d = new Date(epochMs)
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)
