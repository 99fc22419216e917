// `docker ps`'s Status column ("Up 9 minutes", "Exited (0) 2 hours ago") is worded by the engine at
// list time and goes stale at once. The list call gives no times, so Berth reads the wording back into
// the moment it counts from, and uses the exact moment where it saw the start or die event itself.
import { humanDuration, parseHumanDuration, spanUnit } from '@common/duration'
import type { EngineEvent } from '../events'

export interface StatusParts {
  /** What the span counts from: a start (Up) or a stop (Exited, Restarting). */
  counts: 'start' | 'stop'
  /** The span as the engine worded it, "9 minutes". */
  span: string
  health?: string
}

/** The parts of the engine's status that carry a time; null for "Created", "Dead", "Removal In Progress". */
export function parseStatus(status: string): StatusParts | null {
  const up = /^Up (.+?)(?: \((healthy|unhealthy|health: starting|Paused)\))?$/.exec(status)
  if (up) {
    const health = up[2] && up[2] !== 'Paused' ? up[2] : undefined
    return { counts: 'start', span: up[1] as string, ...(health ? { health } : {}) }
  }
  const down = /^(?:Exited|Restarting) \(-?\d+\) (.+) ago$/.exec(status)
  return down ? { counts: 'stop', span: down[1] as string } : null
}

/** The start and die times of containers, from the engine's /events stream, while Berth watches it. */
export class ContainerEventTimes {
  private readonly starts = new Map<string, number>()
  private readonly stops = new Map<string, number>()
  /** Times read back from the engine's words, kept while the words still agree, so a row stays the same between lists. */
  private readonly estimates = new Map<string, number>()

  note(event: EngineEvent): void {
    const id = event.Actor?.ID
    if (event.Type !== 'container' || !id) return
    const at = event.timeNano ? event.timeNano / 1e6 : (event.time ?? 0) * 1000
    if (event.Action === 'start') this.starts.set(id, at)
    else if (event.Action === 'die') this.stops.set(id, at)
    else if (event.Action === 'destroy') {
      this.starts.delete(id)
      this.stops.delete(id)
    }
    if (event.Action === 'start' || event.Action === 'die' || event.Action === 'destroy') {
      this.estimates.delete(`${id} start`)
      this.estimates.delete(`${id} stop`)
    }
  }

  get(id: string, counts: StatusParts['counts']): number | undefined {
    return (counts === 'start' ? this.starts : this.stops).get(id)
  }

  estimate(id: string, counts: StatusParts['counts']): number | undefined {
    return this.estimates.get(`${id} ${counts}`)
  }

  remember(id: string, counts: StatusParts['counts'], since: number): void {
    this.estimates.set(`${id} ${counts}`, since)
  }
}

/**
 * When the status's span counts from, in milliseconds since the epoch. The engine worded it some time
 * between `listedFrom` and `listedTo`; an event time is used when it gives the same wording (so one
 * missed while disconnected never wins over the engine's own), else the span read back from the words.
 */
export function statusSince(
  id: string,
  parts: StatusParts,
  listedFrom: number,
  listedTo: number,
  times?: ContainerEventTimes,
): number | null {
  const agrees = (at: number | undefined): at is number => at !== undefined && [listedFrom, listedTo].some((t) => humanDuration(t - at) === parts.span)
  const exact = times?.get(id, parts.counts)
  if (agrees(exact)) return exact
  // The last reading, while it still gives the engine's words: the row stays the same from list to list.
  const earlier = times?.estimate(id, parts.counts)
  if (agrees(earlier)) return earlier
  const span = parseHumanDuration(parts.span)
  if (span === null) return null
  // Words read to the second, then a second later, give moments a fraction apart: that is the
  // reading's own blur, not a change. Only a move of a whole unit (a restart missed) is news.
  if (earlier !== undefined && Math.abs(listedTo - span - earlier) < spanUnit(parts.span)) return earlier
  times?.remember(id, parts.counts, listedTo - span)
  return listedTo - span
}
