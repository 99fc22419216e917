// The docker command lines Berth shows beside each action: valid shell, so a user can paste them, and
// aimed at the engine Berth shows. When that is not the docker CLI's default, every `docker …` line
// carries the engines list's global flags (`docker --context build-box ps`), here and nowhere else.
import quote from 'shell-quote/quote'
import { shallowRef } from 'vue'

/** Words a shell reads as themselves: left bare, as a user would type them (`ux/app:1`, `key=value`). */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** One argument as a shell word: bare when safe, else quoted (`'Bad Name!'`, `"it's"`). */
export function shellWord(word: string): string {
  // shell-quote backslash-escapes ':' and '=' and every glob character; quoting the whole word reads better.
  if (BARE.test(word)) return word
  return /'/.test(word) ? quote([word]) : `'${word}'`
}

/**
 * The global flags that point a pasted line at Berth's engine (`['--context', 'build-box']`, `['-H',
 * 'unix:///…']`, or none when it is the CLI's default). Reactive, so lines on screen follow a switch.
 */
const engineFlags = shallowRef<readonly string[]>([])

/** Set by the engines store from its list's `cliFlags`, whenever the list changes. */
export function setCliEngineFlags(flags: readonly string[]): void {
  if (flags.length !== engineFlags.value.length || flags.some((flag, i) => flag !== engineFlags.value[i])) engineFlags.value = [...flags]
}

/** A command's words with the engine's flags after `docker`, when it is a docker command. */
export function withEngineFlags(words: readonly string[]): string[] {
  if (words[0] !== 'docker' || !engineFlags.value.length) return [...words]
  return ['docker', ...engineFlags.value, ...words.slice(1)]
}

/** Words joined as a shell reads them, as given (a container's own command, not a docker line). */
export const shellLine = (...words: string[]): string => words.map(shellWord).join(' ')

/** `docker volume create 'Bad Name!'`, or `docker --context build-box volume create …`: every word quoted as needed. */
export const cliLine = (...words: string[]): string => shellLine(...withEngineFlags(words))

/**
 * The same flags for a compose program, where it takes them: the plugin after `docker`, and
 * docker-compose, which reads `--context` and `-H` as the CLI does; podman-compose takes none (its
 * line keeps the environment main gives it).
 */
export function composeEngineFlags(program: 'docker compose' | 'docker-compose' | 'podman-compose'): string[] {
  return program === 'podman-compose' ? [] : [...engineFlags.value]
}
