// The docker command lines Berth shows beside each action: valid shell, so a user can paste them.
import { quote } from 'shell-quote'

/** Words a shell reads as themselves: left bare, as a user would type them (`ux/app:1`, `key=value`). */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** One argument as a shell word: bare when safe, else quoted (`'Bad Name!'`, `"it's"`). */
export function shellWord(word: string): string {
  // shell-quote backslash-escapes ':' and '=' and every glob character; quoting the whole word reads better.
  if (BARE.test(word)) return word
  return /'/.test(word) ? quote([word]) : `'${word}'`
}

/** `docker volume create 'Bad Name!'`: every word quoted as needed. */
export const cliLine = (...words: string[]): string => words.map(shellWord).join(' ')
