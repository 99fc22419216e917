// Older lines for a pane scrolled to its top. The engine applies `tail` before `until`, so "the
// 1,000 lines before time T" is asked as "the last skip + 1,000 lines", keeping only those before T.
// Several lines can share T: Docker's times have nanoseconds, but Podman 4.3's compatible API writes
// whole seconds (containers/podman#27696 adds the fraction), so a fast writer puts thousands of lines
// in one second. Which lines at T the page already holds is then told by counting: it holds the last
// `sameTime` of them, or, when every line it holds is at T, the last `skip` lines of the log.
// Only about `count` lines are held at a time, however long the log.
import type Dockerode from 'dockerode'
import { LogLineParser } from './demux'
import { EngineError, toEngineError } from '../errors'
import { openLogResponse } from './source'
import type { OlderLogLines } from '@common/contract/logs'

export interface OlderQuery {
  tty: boolean
  /** Engine time of the oldest line the page holds. */
  before: string
  /** Lines the page holds from that one to the newest: the distance from the end of the log. */
  skip: number
  count: number
  /** Lines the page holds at the time `before`, its oldest one included (1 unless times repeat). */
  sameTime?: number
}

export async function readOlderLines(docker: Dockerode, id: string, query: OlderQuery): Promise<OlderLogLines> {
  const stream = await openLogResponse(docker, id, { follow: false, tail: query.skip + query.count })
  const sameTime = query.sameTime ?? 1
  // Every line the page holds has the time `before`: only their count from the end tells them apart.
  const byPosition = sameTime >= query.skip
  const kept: OlderLogLines = { lines: [], kinds: '', times: [], complete: false }
  /** Each kept line's place in the response, for byPosition. */
  let places: number[] = []
  let seen = 0
  let reachedBefore = false
  const trim = (keep: number) => {
    const extra = kept.lines.length - keep
    if (extra <= 0) return
    kept.lines = kept.lines.slice(extra)
    kept.kinds = kept.kinds.slice(extra)
    kept.times = kept.times.slice(extra)
    places = places.slice(extra)
  }
  // The lines that may be dropped at the end (the page's own at `before`) are held on top of `count`.
  const room = query.count + (byPosition ? query.skip : sameTime)
  const parser = new LogLineParser({ tty: query.tty, timestamps: true }, (text, kind, time) => {
    const place = seen++
    if (reachedBefore) return
    if (!time || time > query.before) {
      // In time order, what follows is the page's. byPosition reads on to count the lines to the end.
      if (!byPosition) reachedBefore = true
      return
    }
    kept.lines.push(text)
    kept.kinds += kind
    kept.times.push(time)
    places.push(place)
    if (kept.lines.length >= room * 2) trim(room)
  })
  await new Promise<void>((done, fail) => {
    let finished = false
    const finish = (err?: unknown) => {
      if (finished) return
      finished = true
      // Once `before` is reached the stream was destroyed here on purpose: what it says after that is moot.
      if (err && !reachedBefore) fail(toEngineError(err, { kind: 'container', ref: id }))
      else done()
    }
    let ended = false
    stream.on('data', (chunk: Buffer) => {
      parser.push(chunk)
      // Everything after the oldest line the page has is already on screen: stop reading.
      if (reachedBefore) stream.destroy()
    })
    stream.on('end', () => {
      ended = true
      finish()
    })
    // A dropped connection must not pass for "nothing older": that would hide lines for good.
    stream.on('close', () => finish(ended ? undefined : new EngineError('engine-unreachable', 'The Docker engine closed the log stream early. Try again.')))
    stream.on('error', (err) => finish(err))
  })
  if (!reachedBefore) parser.end()
  // Drop the page's own lines at `before`: the last `skip` of the log, or the last `sameTime` at that time.
  let end = kept.lines.length - Math.min(sameTime, countAtEnd(kept.times, query.before))
  if (byPosition) {
    const pageStart = seen - query.skip
    end = places.findIndex((place) => place >= pageStart)
    if (end < 0) end = kept.lines.length
  }
  kept.lines = kept.lines.slice(0, end)
  kept.kinds = kept.kinds.slice(0, end)
  kept.times = kept.times.slice(0, end)
  places = places.slice(0, end)
  trim(query.count)
  // Fewer than asked for: the window reached back to the first line the engine kept.
  kept.complete = kept.lines.length < query.count
  return kept
}

/** How many of the last times are `time`. */
function countAtEnd(times: string[], time: string): number {
  let n = 0
  while (n < times.length && times[times.length - 1 - n] === time) n++
  return n
}
