// A command typed in the Shell box, split into words as a shell would (quotes, escapes), for the
// exec API, which runs no shell of its own. Pipes and redirections need one: say so.
import { parse } from 'shell-quote'

export function commandWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = []
  for (const part of parse(line)) {
    if (typeof part !== 'string') return { error: 'Pipes, redirections and globs need a shell: run sh -c "…" instead.' }
    words.push(part)
  }
  return words.length ? { words } : { error: 'Type a command to run, such as top or cat /etc/os-release.' }
}
