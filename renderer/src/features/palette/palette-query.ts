// What the palette offers and how a typed line reads: the things it can find (each with the verbs it
// answers to), a line split into a verb and a name ("stop web"), and the best matches for a line.
// Pure: the store feeds it the engine's lists, the tests feed it plain arrays.
import { fuzzyScore, isSubsequence, topScored } from './fuzzy'

export type Verb = 'open' | 'logs' | 'terminal' | 'files' | 'inspect' | 'stats' | 'start' | 'stop' | 'restart' | 'remove' | 'pull'
export type Kind = 'page' | 'container' | 'project' | 'image' | 'volume' | 'network' | 'registry'

export interface Target {
  kind: Kind
  /** As the user knows it: the container's name, the image's reference, the page's title. */
  name: string
  /** `name` lower-cased once, when the list changed, not on every keystroke. */
  key: string
  /** A few words beside the name: the container's image and state, the volume's driver. */
  detail: string
  verbs: readonly Verb[]
}

export interface Choice {
  target: Target
  verb: Verb
}

/** The verbs a line may start with, and what each says in the list. */
export const VERBS: Record<Verb, string> = {
  open: 'Open',
  logs: 'Logs of',
  terminal: 'Terminal in',
  files: 'Files of',
  inspect: 'Inspect',
  stats: 'Stats of',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  remove: 'Remove',
  pull: 'Pull',
}
const VERB_WORDS = new Set(Object.keys(VERBS))
const isVerb = (word: string): word is Verb => VERB_WORDS.has(word)

/** At most this many rows: a list the eye can scan, and a bounded render at 5,000 containers. */
export const LIMIT = 50

export const target = (kind: Kind, name: string, detail: string, verbs: readonly Verb[]): Target => ({
  kind,
  name,
  key: name.toLowerCase(),
  detail,
  verbs,
})

export interface Line {
  verb: Verb | null
  /** The rest, lower-cased, spaces dropped: names rarely have them, and "my app" should find my-app. */
  name: string
}

/** "stop web" → stop, "web"; "web" → no verb; "stop" alone is still a name being typed (a container may be called stopwatch). */
export function readLine(text: string): Line {
  const trimmed = text.trimStart().toLowerCase()
  const space = trimmed.search(/\s/)
  const first = space < 0 ? '' : trimmed.slice(0, space)
  if (isVerb(first)) return { verb: first, name: trimmed.slice(space).replace(/\s+/g, '') }
  return { verb: null, name: trimmed.replace(/\s+/g, '') }
}

/** Verbs the typed word begins, offered as "stop …" rows that fill the line in: how a newcomer learns them. */
export function verbHints(text: string): Verb[] {
  const word = text.trim().toLowerCase()
  if (!word || /\s/.test(word)) return []
  return (Object.keys(VERBS) as Verb[]).filter((verb) => verb !== 'open' && verb.startsWith(word))
}

/**
 * The best matches for a line among the targets. With a verb, only the targets that answer to it;
 * without, each target's first verb (open). An empty name lists the first targets as they come
 * (pages first), so the palette is never blank.
 */
export function bestMatches(line: Line, targets: readonly Target[], limit = LIMIT): Choice[] {
  const verb = line.verb
  const fits = (t: Target) => (verb ? t.verbs.includes(verb) : true)
  const chosen = line.name
    ? topScored(targets, (t) => (fits(t) && isSubsequence(line.name, t.key) ? fuzzyScore(line.name, t.key) : -Infinity), limit)
    : firstFitting(targets, fits, limit)
  return chosen.map((t) => ({ target: t, verb: verb ?? t.verbs[0]! }))
}

function firstFitting(targets: readonly Target[], fits: (t: Target) => boolean, limit: number): Target[] {
  const out: Target[] = []
  for (const t of targets) {
    if (out.length === limit) break
    if (fits(t)) out.push(t)
  }
  return out
}
