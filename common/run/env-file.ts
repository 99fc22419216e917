// An --env-file as the CLI reads it, shared by the form's checks (common) and the engine's create options (main).
import { quoted } from '../echo'

export function splitOnce(s: string, sep: string): [string, string?] {
  const at = s.indexOf(sep)
  return at < 0 ? [s] : [s.slice(0, at), s.slice(at + sep.length)]
}

/**
 * An --env-file as the CLI reads it: one KEY=value a line, `#` comments and blank lines skipped,
 * leading whitespace of a line dropped, the value kept as is; a KEY alone takes the CLI's own
 * environment, which Berth does not have, so it is refused in words (a label file's is skipped, as the
 * CLI skips it: it looks labels up in no environment).
 */
export function envFileLines(content: string, keyAlone: 'refuse' | 'skip' = 'refuse'): { line: number; entry?: string; problem?: string }[] {
  const out: { line: number; entry?: string; problem?: string }[] = []
  content
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '').replace(/^[ \t\n\v\f\r]+/, '')
      if (!line || line.startsWith('#')) return
      const [key, value] = splitOnce(line, '=')
      if (!key) return out.push({ line: i + 1, problem: 'has no key before "="' })
      if (/\s/.test(key)) return out.push({ line: i + 1, problem: `key ${quoted(key)} contains whitespace` })
      if (value === undefined && keyAlone === 'skip') return
      if (value === undefined) return out.push({ line: i + 1, problem: `${quoted(key)} has no value: the CLI would take it from its own environment; write ${key}=value` })
      out.push({ line: i + 1, entry: `${key}=${value}` })
    })
  return out
}
