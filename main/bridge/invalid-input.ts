// What a refused input is told: the field, what is wrong with it, and at most a few of the offending
// keys, each shortened. However big the input (50,000 unknown keys, a 1 MB string, a 1 MB key), the
// message stays a few lines long and never repeats the input back.
import type { z } from 'zod'
import { boundedMessage, quoted, someOf } from '@common/echo'

const MAX_ISSUES = 3
const MAX_PART_CHARS = 200

/** `labels["a=b"]`, `names[3]`, `target.kind`: the field as a user of the contract would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input'
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`
      const text = String(segment)
      if (/^[A-Za-z_$][\w$]{0,39}$/.test(text)) return i === 0 ? text : `.${text}`
      return `[${quoted(text, 40)}]`
    })
    .join('')
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = fieldPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.length === 1 ? 'field' : 'fields'
    return `${where} has unknown ${fields} ${someOf(issue.keys)}`
  }
  const what = issue.message.replace(/^Invalid input: /, '').toLowerCase()
  const short = what.length > MAX_PART_CHARS ? `${what.slice(0, MAX_PART_CHARS - 1)}…` : what
  return `${where} ${short}`
}

/** What is wrong, field by field, at most a few: `theme is not a theme…; logs.tail must not be negative`. */
export function describeProblems(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map(describeIssue)
  const more = error.issues.length - MAX_ISSUES
  if (more > 0) parts.push(`and ${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'}`)
  return boundedMessage(parts.join('; '))
}

export function describeIssues(error: z.ZodError): string {
  return boundedMessage(`Berth refused the request: ${describeProblems(error)}.`)
}
