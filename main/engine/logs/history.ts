// Older lines for a pane scrolled to its top. The engine applies `tail` before `until`, so "the
// 1,000 lines before time T" is asked as "the last skip + 1,000 lines", keeping only those before T.
// Only `count` lines are held at a time, however long the log.
import type Dockerode from 'dockerode'
import { LogLineParser } from './demux'
import { EngineError, toEngineError } from '../errors'
import { openLogResponse } from './source'
import type { OlderLogLines } from '../../../common/log-types'

export interface OlderQuery {
  tty: boolean
  /** Engine time of the oldest line the page holds. */
  before: string
  /** Lines the page holds from that one to the newest: the distance from the end of the log. */
  skip: number
  count: number
}

export async function readOlderLines(docker: Dockerode, id: string, query: OlderQuery): Promise<OlderLogLines> {
  const stream = await openLogResponse(docker, id, { follow: false, tail: query.skip + query.count })
  const kept: OlderLogLines = { lines: [], kinds: '', times: [], complete: false }
  let reachedBefore = false
  const trim = () => {
    const extra = kept.lines.length - query.count
    if (extra <= 0) return
    kept.lines = kept.lines.slice(extra)
    kept.kinds = kept.kinds.slice(extra)
    kept.times = kept.times.slice(extra)
  }
  const parser = new LogLineParser({ tty: query.tty, timestamps: true }, (text, kind, time) => {
    if (reachedBefore || !time || time >= query.before) {
      reachedBefore = true
      return
    }
    kept.lines.push(text)
    kept.kinds += kind
    kept.times.push(time)
    if (kept.lines.length >= query.count * 2) trim()
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
  trim()
  // Fewer than asked for: the window reached back to the first line the engine kept.
  kept.complete = kept.lines.length < query.count
  return kept
}
