// Fuzzy matching for the palette: the query's characters must appear in the key in order (a
// subsequence); among the ways they can, the best scores highest, preferring the key's start and word
// starts, then runs of adjacent characters, and penalising gaps. Both sides come lower-cased (the
// keys once, when the lists change), and the two rows of the table are reused from call to call, so
// 5,000 keys per keystroke allocate nothing but the positions of the ~50 shown.

/** A key's first character. */
const START = 10
/** The first character of a word: after a separator (`my-web`, `docker.io/library`). */
const WORD = 8
/** A character right after the previous match: as much as a word start, so `redis` in `redis-cache` beats `r-e-d-i-s`. */
const RUN = 8
/** Each matched character. */
const MATCH = 1
/** Each character skipped between two matches. */
const GAP = 1
/** Each character before the first match: less than a gap, so a word start far in still wins over a mid-word letter. */
const LEAD = 0.3
/** Each character of the key: the shorter of two equal matches wins. */
const LENGTH = 0.01

const NONE = -Infinity
const SEPARATORS = ' -_./:@'

// The score table, one row per query character and one column per key character; with the column of
// the previous match (`from`) for the positions. Grown when a longer query or key comes, never shrunk.
let scores = new Float64Array(0)
let from = new Int32Array(0)

function room(size: number): void {
  if (scores.length >= size) return
  scores = new Float64Array(size * 2)
  from = new Int32Array(size * 2)
}

const bonus = (key: string, j: number): number => (j === 0 ? START : SEPARATORS.includes(key[j - 1]!) ? WORD : 0)

/** Whether every character of `query` appears in `key` in order: the cheap test before the scoring. */
export function isSubsequence(query: string, key: string): boolean {
  let i = 0
  for (let j = 0; i < query.length && j < key.length; j++) if (key.charCodeAt(j) === query.charCodeAt(i)) i++
  return i === query.length
}

/** The column the last filled match ends at: a variable, not a returned object, so scoring allocates nothing. */
let lastEnd = -1

/**
 * Fills the table for a lower-cased `query` and `key`; returns the best score (and leaves in `lastEnd`
 * the column it ends at), or -Infinity when the query is not a subsequence of the key. An empty query
 * matches everything, at 0.
 */
function fill(query: string, key: string): number {
  const n = query.length
  const m = key.length
  lastEnd = -1
  if (n === 0) return 0
  if (n > m || !isSubsequence(query, key)) return NONE
  room(n * m)
  for (let i = 0; i < n; i++) {
    const q = query.charCodeAt(i)
    const row = i * m
    const previous = row - m
    // The best of the previous row up to column j - 2, with its gap penalty taken as if it ended at
    // column 0 (`+ k * GAP`), so one running maximum serves every j: O(n·m), not O(n·m²).
    let far = NONE
    let farAt = -1
    for (let j = 0; j < m; j++) {
      if (i > 0 && j >= 2) {
        const candidate = scores[previous + j - 2]! + (j - 2) * GAP
        if (candidate > far) {
          far = candidate
          farAt = j - 2
        }
      }
      if (key.charCodeAt(j) !== q) {
        scores[row + j] = NONE
        continue
      }
      const own = MATCH + bonus(key, j)
      if (i === 0) {
        scores[row + j] = own - j * LEAD
        from[row + j] = -1
        continue
      }
      const adjacent = j >= 1 ? scores[previous + j - 1]! + RUN : NONE
      const gapped = far === NONE ? NONE : far - (j - 1) * GAP
      if (adjacent >= gapped) {
        scores[row + j] = adjacent === NONE ? NONE : adjacent + own
        from[row + j] = j - 1
      } else {
        scores[row + j] = gapped + own
        from[row + j] = farAt
      }
    }
  }
  let best = NONE
  let end = -1
  const last = (n - 1) * m
  for (let j = 0; j < m; j++) {
    if (scores[last + j]! > best) {
      best = scores[last + j]!
      end = j
    }
  }
  lastEnd = end
  return best === NONE ? NONE : best - m * LENGTH
}

/** The score of a lower-cased `query` against a lower-cased `key`: higher is better; -Infinity when it does not match. */
export function fuzzyScore(query: string, key: string): number {
  return fill(query, key)
}

/** The best match's score and the key's matched positions, for highlighting; null when it does not match. */
export function fuzzyMatch(query: string, key: string): { score: number; positions: number[] } | null {
  const score = fill(query, key)
  const end = lastEnd
  if (score === NONE) return null
  const positions: number[] = []
  const m = key.length
  for (let i = query.length - 1, j = end; i >= 0 && j >= 0; i--) {
    positions.push(j)
    j = from[i * m + j]!
  }
  return { score, positions: positions.reverse() }
}

export interface Segment {
  text: string
  hit: boolean
}

/** A label cut into matched and unmatched runs, to render as text in spans (never as HTML). */
export function segments(label: string, positions: readonly number[]): Segment[] {
  const out: Segment[] = []
  const hits = new Set(positions)
  for (let j = 0; j < label.length; j++) {
    const hit = hits.has(j)
    const last = out[out.length - 1]
    if (last && last.hit === hit) last.text += label[j]
    else out.push({ text: label[j]!, hit })
  }
  return out
}

/** The `limit` best of many, by score, kept in a small sorted array instead of sorting them all. */
export function topScored<T>(items: Iterable<T>, score: (item: T) => number, limit: number): T[] {
  const kept: T[] = []
  const keptScores: number[] = []
  for (const item of items) {
    const s = score(item)
    if (s === NONE) continue
    if (kept.length === limit && s <= keptScores[limit - 1]!) continue
    let at = kept.length
    while (at > 0 && keptScores[at - 1]! < s) at--
    kept.splice(at, 0, item)
    keptScores.splice(at, 0, s)
    if (kept.length > limit) {
      kept.pop()
      keptScores.pop()
    }
  }
  return kept
}
