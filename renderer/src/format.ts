// How Berth writes sizes and times: the way the docker CLI does, so the two read the same.

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

const SPANS: Array<[number, string]> = [
  [60, 'second'],
  [60, 'minute'],
  [24, 'hour'],
  [7, 'day'],
  [4.35, 'week'],
  [12, 'month'],
  [Number.POSITIVE_INFINITY, 'year'],
]

/** "3 minutes ago", as `docker ps` prints. */
export function formatAgo(epochMs: number, now = Date.now()): string {
  let value = Math.max(0, (now - epochMs) / 1000)
  if (value < 2) return 'just now'
  for (const [size, unit] of SPANS) {
    if (value < size) {
      const n = Math.floor(value)
      return `${n} ${unit}${n === 1 ? '' : 's'} ago`
    }
    value /= size
  }
  return 'long ago'
}

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)
