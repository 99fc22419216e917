// The search box: plain text (case-insensitive) or a regular expression. A bad regex is a message
// for the user, never an exception.

export interface Matcher {
  test(text: string): boolean
  /** Where it matches, as [start, end) pairs, at most `limit` of them. */
  ranges(text: string, limit?: number): Array<[number, number]>
}

export type Compiled = { matcher: Matcher | null; error: string | null }

export function compileQuery(query: string, regex: boolean): Compiled {
  if (!query) return { matcher: null, error: null }
  if (!regex) {
    const needle = query.toLowerCase()
    return {
      error: null,
      matcher: {
        test: (text) => text.toLowerCase().includes(needle),
        ranges(text, limit = 100) {
          const hay = text.toLowerCase()
          const out: Array<[number, number]> = []
          for (let at = hay.indexOf(needle); at >= 0 && out.length < limit; at = hay.indexOf(needle, at + needle.length)) {
            out.push([at, at + needle.length])
          }
          return out
        },
      },
    }
  }
  let once: RegExp
  let every: RegExp
  try {
    once = new RegExp(query, 'i')
    every = new RegExp(query, 'gi')
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)
    return { matcher: null, error: `Not a valid regular expression: ${why}` }
  }
  return {
    error: null,
    matcher: {
      test: (text) => once.test(text),
      ranges(text, limit = 100) {
        const out: Array<[number, number]> = []
        every.lastIndex = 0
        let m: RegExpExecArray | null
        while (out.length < limit && (m = every.exec(text))) {
          // An empty match (e.g. /x*/) would loop forever; step past it and do not mark it.
          if (m[0].length === 0) every.lastIndex++
          else out.push([m.index, m.index + m[0].length])
        }
        return out
      },
    },
  }
}
