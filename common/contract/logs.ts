// The logs domain: `docker logs [-f]`, streamed in batches the page acknowledges.
import { z } from 'zod'
import { call, event } from './spec'
import { containerRef, streamId } from './shared'

/** One character per line: `o` stdout, `e` stderr, `m` a note from Berth (stopped, started, skipped). */
export type LogLineKind = 'o' | 'e' | 'm'

/** Lines in columns rather than one object per line: a million lines cost a million strings, not a million objects. */
export interface LogLines {
  lines: string[]
  /** `kinds[i]` is the LogLineKind of `lines[i]`. */
  kinds: string
  /** The engine's RFC 3339 time of each line (fixed width, UTC), or '' for Berth's own notes. */
  times: string[]
}

export interface LogBatch extends LogLines {
  stream: string
  /** 1, 2, 3, … per stream; the page acknowledges each one so main knows it can send more. */
  seq: number
}

export type LogStreamPhase =
  /** Lines arrive as the container writes them. */
  | 'following'
  /** The container stopped; the pane continues when it starts again. */
  | 'waiting'
  /** Everything was delivered (a stream opened without follow). */
  | 'ended'
  /** The container was removed; nothing more will come. */
  | 'removed'
  | 'failed'

export interface LogStreamState {
  stream: string
  phase: LogStreamPhase
  /** Why, when failed. */
  message?: string
}

export interface LogStreamInfo {
  stream: string
  /** Container name without the leading slash. */
  name: string
  /** Started with -t: output is raw, stdout and stderr are one stream. */
  tty: boolean
}

export interface OlderLogLines extends LogLines {
  /** True when the engine has no lines older than these. */
  complete: boolean
}
/** A log stream's name, chosen by the page that opens it. */
const logStream = streamId('a log stream name')

export const logs = {
  calls: {
    /** Like `docker logs [-f] --tail N --timestamps`; the page names the stream, so no batch can outrun the answer. */
    open: call<LogStreamInfo>()(
      z.strictObject({
        stream: logStream,
        id: containerRef,
        tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]),
        follow: z.boolean(),
      }),
    ),
    /** The page has taken batch `seq`: main may send more (credit-based back-pressure). */
    ack: call<void>()(z.strictObject({ stream: logStream, seq: z.number().int().min(1) })),
    close: call<void>()(z.strictObject({ stream: logStream })),
    /** Up to `count` lines written before `before`, the engine time of the oldest line the page holds. */
    older: call<OlderLogLines>()(
      z.strictObject({
        stream: logStream,
        before: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/, 'is not an engine time'),
        skip: z.number().int().min(0).max(10_000_000),
        count: z.number().int().min(1).max(10_000),
        /** Lines the page holds at the time `before`, its oldest included: an engine with coarse times repeats them. */
        sameTime: z.number().int().min(1).max(10_000_000).optional(),
      }),
    ),
  },
  events: {
    lines: event<LogBatch>(),
    state: event<LogStreamState>(),
  },
}
