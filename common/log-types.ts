// Plain data of the log domain that crosses the bridge. No dockerode here: the renderer imports it.

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
