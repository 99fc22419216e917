// How Docker words a span of time ("Up 9 minutes", "2 hours ago"): Go's units.HumanDuration from
// docker/go-units, which the engine uses for `docker ps` and the CLI for `docker images`. Both sides
// use it: the engine layer to read the engine's words back into a time, the renderer to keep them
// current as the clock moves.

const SECOND = 1000
const HOUR = 3600 * SECOND

/** units.HumanDuration: "Less than a second", "1 second", "N seconds", "About a minute", … "N years". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.trunc(ms / (60 * SECOND))
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  // Go rounds the hours from here on (int(d.Hours() + 0.5)); only years use the plain hours.
  const hours = Math.trunc(ms / HOUR + 0.5)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`
}

const UNIT_HOURS: Record<string, number> = { hour: 1, day: 24, week: 24 * 7, month: 24 * 30 }

/**
 * The shortest span humanDuration words as `text`, in milliseconds; null when `text` is not its
 * wording. Reading "9 minutes" back gives 9 minutes: the span is known to the unit shown, no closer.
 */
export function parseHumanDuration(text: string): number | null {
  if (text === 'Less than a second') return 0
  if (text === 'About a minute') return 60 * SECOND
  if (text === 'About an hour') return HOUR
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text)
  if (!match) return null
  const n = Number(match[1])
  const unit = match[2] as string
  if (unit === 'second') return n * SECOND
  if (unit === 'minute') return n * 60 * SECOND
  if (unit === 'year') return n * 365 * 24 * HOUR
  // Hours are rounded to the nearest: "3 hours" starts at 2½.
  return Math.max(0, n * (UNIT_HOURS[unit] as number) * HOUR - HOUR / 2)
}

/** How far apart two moments can be and still read the same: the width of the unit `text` counts in. */
export function spanUnit(text: string): number {
  if (text === 'Less than a second' || /second/.test(text)) return SECOND
  if (/minute/.test(text)) return 60 * SECOND
  if (/hour/.test(text)) return HOUR
  const unit = /(day|week|month|year)/.exec(text)?.[1]
  return unit === 'year' ? 365 * 24 * HOUR : unit ? (UNIT_HOURS[unit] as number) * HOUR : SECOND
}

/**
 * `docker ps`'s Status column at `now`: the engine's time-free words (`status`) with the span counted
 * from `since`, so it keeps up with the clock: "Up 9 minutes (healthy)", "Exited (0) 2 hours ago".
 */
export function statusWords(c: { status: string; since: number | null }, now: number): string {
  if (c.since === null) return c.status
  const span = humanDuration(now - c.since)
  if (/^(Exited|Restarting) /.test(c.status)) return `${c.status} ${span} ago`
  return c.status.replace(/^Up/, `Up ${span}`)
}
