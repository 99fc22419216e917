// Where a followed log stream continues after it was cut (the engine restarted, the container
// stopped and started again): the engine still holds every line, so the stream is opened again
// from the last line's time and what was already shown is skipped, with no gap and no duplicate.
//
// The engine's `since` keeps lines at that very time, and several lines can share one time (a long
// line cut in pieces, lines of one write on a coarse clock). So the point is the last time *and*
// how many lines of that time were already taken: those are skipped, the next one is new.
import { engineSince, engineSinceMs } from './source'

/** Berth's own lines in the pane. Plain text: the page renders them as text, never as HTML. */
export const markers = {
  engineRestarted: '— the engine restarted —',
  containerStarted: '— container started again —',
  containerStopped: (exitCode?: number) => `— container stopped${exitCode === undefined ? '' : ` (exit code ${exitCode})`} —`,
  containerRemoved: '— container removed —',
} as const

/** How many distinct line times a point remembers: around a run's end it must tell which lines were shown. */
const KEPT_TIMES = 256

export class ResumePoint {
  /** Lines taken at each of the last KEPT_TIMES times, in the order they came. */
  private taken = new Map<string, number>()
  /** The latest time forgotten from `taken`: counts at or before it are no longer known. */
  private forgotten = ''
  private lastTime = ''
  /** While skipping after a reopen: lines before this time were all shown… */
  private skipBefore = ''
  /** …and at these times, this many more. */
  private skip = new Map<string, number>()

  /**
   * `floor`: an engine time no reopen goes before (the moment the previous run finished), since the
   * lines' own times may be whole seconds that run earlier runs' lines share.
   */
  constructor(
    private readonly openedAt: number,
    private readonly floor = '',
  ) {}

  /** Whether a line with this engine time is new; counts it if so. Lines without a time always are. */
  take(time: string): boolean {
    if (!time) return true
    if (time < this.skipBefore) return false
    const skip = this.skip.get(time) ?? 0
    if (skip > 0) {
      this.skip.set(time, skip - 1)
      return false
    }
    this.count(time)
    return true
  }

  /**
   * The `since` to reopen with, and from now on skip what was already taken. From the last line's
   * time, or from `from` when it is earlier and every line taken since it is still known: the end
   * of a run is read again from the start of its last second, where whole-second times cannot say
   * which run a line shown there belonged to.
   */
  reopen(from?: string): string {
    if (!this.lastTime) return this.floor ? engineSince(this.floor) : engineSinceMs(this.openedAt)
    const start = from !== undefined && from < this.lastTime && this.forgotten < from ? from : this.lastTime
    this.skipBefore = start
    this.skip = new Map([...this.taken].filter(([time]) => time >= start))
    return engineSince(start > this.floor ? start : this.floor)
  }

  /**
   * The point for the run that began once this one finished, after this run was read to its end
   * (`reopen` and its lines taken). What is still to skip is lines the next run wrote that this run's
   * stream gave before it ended (Podman's reads on into the next run): shown already, so skipped there.
   */
  nextRun(finished: string): ResumePoint {
    const next = new ResumePoint(Date.now(), finished)
    for (const [time, count] of this.skip) {
      if (count <= 0) continue
      next.skip.set(time, count)
      next.taken.set(time, count)
      if (time > next.lastTime) next.lastTime = time
    }
    return next
  }

  private count(time: string): void {
    this.taken.set(time, (this.taken.get(time) ?? 0) + 1)
    if (time > this.lastTime) this.lastTime = time
    if (this.taken.size > KEPT_TIMES) {
      const [oldest] = this.taken.keys()
      if (oldest !== undefined) {
        this.taken.delete(oldest)
        if (oldest > this.forgotten) this.forgotten = oldest
      }
    }
  }
}

/** The start of the second `time` falls in, as log lines timed by the second (Podman) carry it. */
export function secondOf(time: string): string {
  return time ? `${time.slice(0, 19)}.000000000Z` : ''
}

/**
 * An engine time as the log stream writes it (nine fraction digits), from the trimmed form inspect
 * uses (`…05.1234Z`), so the two compare as strings. '' for the zero time ("never").
 */
export function fixedTime(time: string | undefined): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(time ?? '')
  if (!match || match[1]!.startsWith('0001-')) return ''
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`
}
