// The units `docker run` reads values in, as the 20.10 CLI reads them: sizes (go-units RAMInBytes:
// 512m, 1g, 1.5GiB, binary multiples) and Go durations (30s, 1m30s, 500ms). The spec keeps what was
// typed; these turn it into the engine's numbers, and an engine's numbers back into a short word.

const SIZE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/
const UNIT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }

/** Bytes of a size as go-units reads it, or null when it is not one. */
export function sizeBytes(text: string): number | null {
  const m = SIZE.exec(text)
  if (!m) return null
  const n = Number(m[1])
  if (!Number.isFinite(n)) return null
  return Math.trunc(n * (m[2] ? (UNIT[m[2].toLowerCase()] as number) : 1))
}

/** Bytes as the shortest exact size word (536870912 → 512m), for a container read back. */
export function sizeWord(bytes: number): string {
  for (const [unit, size] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`
  return String(bytes)
}

const DURATION_UNIT: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }

/** Nanoseconds of a Go duration (time.ParseDuration), or null; a bare 0 is fine as in Go. */
export function durationNanos(text: string): number | null {
  if (text === '0' || text === '+0' || text === '-0') return 0
  const m = /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text)
  if (!m) return null
  let total = 0
  for (const part of (m[2] as string).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * (DURATION_UNIT[part[2] as string] as number)
  return Math.round(m[1] === '-' ? -total : total)
}

/** Nanoseconds as a short Go duration (90e9 → 1m30s), for a container read back. */
export function durationWord(nanos: number): string {
  if (nanos === 0) return '0s'
  if (nanos % 1e9 !== 0) return nanos % 1e6 === 0 ? `${nanos / 1e6}ms` : `${nanos}ns`
  let s = nanos / 1e9
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`
}
