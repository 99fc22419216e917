// `docker ps`'s Status column ("Up 9 minutes", "Exited (0) 2 hours ago") is worded by the engine at
// list time and goes stale at once. The list call gives no times, so Berth reads the wording back into
// the moment it counts from, and uses the exact moment where it saw the start or die event itself.
import { humanDuration, parseHumanDuration } from '../../../common/duration'
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
  }

  get(id: string, counts: StatusParts['counts']): number | undefined {
    return (counts === 'start' ? this.starts : this.stops).get(id)
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
  const exact = times?.get(id, parts.counts)
  if (exact !== undefined && [listedFrom, listedTo].some((t) => humanDuration(t - exact) === parts.span)) return exact
  const span = parseHumanDuration(parts.span)
  return span === null ? null : listedTo - span
}
