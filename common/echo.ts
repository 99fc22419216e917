// User text repeated in an error message, kept short: a message names what is wrong, it never
// carries the input back. A 1 MB path or 50,000 unknown keys still give a sentence of a few lines.

/** The longest error message Berth sends; anything longer is cut in its middle. */
export const MAX_MESSAGE_CHARS = 1024

/** `text` cut to at most `max` characters, keeping its start and its end (where a path names its file). */
export function shortened(text: string, max = 80): string {
  if (text.length <= max) return text
  const tail = Math.floor((max - 1) / 3)
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`
}

/** User text in double quotes, shortened, with control characters shown as escapes so the message stays one line. */
export function quoted(text: string, max = 80): string {
  return JSON.stringify(shortened(text, max))
}

/** `"a", "b", "c" and 49,997 more`: a few of many values, each quoted and shortened. */
export function someOf(values: readonly string[], shown = 3, max = 40): string {
  const head = values.slice(0, shown).map((v) => quoted(v, max)).join(', ')
  const rest = values.length - shown
  return rest > 0 ? `${head} and ${rest.toLocaleString('en-US')} more` : head
}

/** A whole message bounded to MAX_MESSAGE_CHARS, whatever it echoes (a daemon's own text, say). */
export function boundedMessage(message: string): string {
  return shortened(message, MAX_MESSAGE_CHARS)
}
