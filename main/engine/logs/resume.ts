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

export class ResumePoint {
  private lastTime = ''
  /** Lines taken whose time is exactly `lastTime`. */
  private atLastTime = 0
  /** While skipping after a reopen: the point to skip through. */
  private skipTime = ''
  private skipCount = 0

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
    if (this.skipTime) {
      if (time < this.skipTime) return false
      if (time === this.skipTime && this.skipCount > 0) {
        this.skipCount--
        return false
      }
      this.skipTime = ''
    }
    if (time === this.lastTime) this.atLastTime++
    else if (time > this.lastTime) {
      this.lastTime = time
      this.atLastTime = 1
    }
    return true
  }

  /** The `since` to reopen with, and from now on skip what was already taken. */
  reopen(): string {
    if (!this.lastTime) return this.floor ? engineSince(this.floor) : engineSinceMs(this.openedAt)
    this.skipTime = this.lastTime
    this.skipCount = this.atLastTime
    return engineSince(this.lastTime > this.floor ? this.lastTime : this.floor)
  }
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
