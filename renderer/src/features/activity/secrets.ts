// What the activity history must never keep: a secret's value. The lines Berth shows leave passwords
// out already (a login line never has one; a build-arg marked secret is named without its value), but
// a run line shows its -e values as typed, so before a line is kept, the value of an -e, --env or
// --build-arg that looks secret (by its name, PASSWORD, TOKEN…, or its shape: the rules Save as compose
// uses) is left out. `-e NAME` is itself valid: docker then takes the value from the environment. A
// password in a URL (`https://me:pw@host`) and a `--password` flag's value are left out too.
import { secretReason } from '@common/compose/save/secrets'
import { shellWord } from '../../shared/cli'

/** One shell word as the lines write them: bare, 'single-quoted' (with '"'"' joins) or "double-quoted". */
const WORD = String.raw`(?:[^\s'"\\]+|'[^']*'|"(?:[^"\\]|\\.)*"|\\.)+`
const FLAG_VALUE = new RegExp(String.raw`(^|\s)(-e|--env|--build-arg)(\s+|=)(${WORD})`, 'g')
const PASSWORD_FLAG = new RegExp(String.raw`(^|\s)(-p|--password)(\s+|=)(${WORD})`, 'g')
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/:@\s'"]+):[^/@\s'"]+@/gi

/** The text a shell word stands for (enough for NAME=value words: quotes joined, escapes read). */
function unquote(word: string): string {
  let text = ''
  for (const part of word.match(/'[^']*'|"(?:[^"\\]|\\.)*"|\\.|[^'"\\]+/g) ?? []) {
    if (part.startsWith("'")) text += part.slice(1, -1)
    else if (part.startsWith('"')) text += part.slice(1, -1).replace(/\\(.)/g, '$1')
    else if (part.startsWith('\\')) text += part.slice(1)
    else text += part
  }
  return text
}

/** A CLI line as the activity history may keep it: the same line, with no secret's value. */
export function withoutSecrets(line: string): string {
  const isLogin = /^(\S+=\S*\s+)*docker\s.*?\blogin(\s|$)/.test(line)
  let kept = line.replace(FLAG_VALUE, (all, before: string, flag: string, gap: string, word: string) => {
    const text = unquote(word)
    const equals = text.indexOf('=')
    if (equals <= 0) return all
    const name = text.slice(0, equals)
    return secretReason(name, text.slice(equals + 1)) ? `${before}${flag}${gap}${shellWord(name)}` : all
  })
  if (isLogin) kept = kept.replace(PASSWORD_FLAG, (_all, before: string) => `${before}--password-stdin`)
  return kept.replace(URL_PASSWORD, '$1@')
}
