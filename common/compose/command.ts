// The compose CLI's command lines, built once for both sides: main runs these words, the page shows
// the same words quoted for a shell. Berth runs the user's own CLI and does not reimplement Compose.
import { quote } from 'shell-quote'

export type ComposeCliName = 'docker compose' | 'docker-compose' | 'podman-compose'
export type ComposeCommand = 'up' | 'down' | 'pull' | 'build' | 'restart'
export const COMPOSE_COMMANDS: readonly ComposeCommand[] = ['up', 'down', 'pull', 'build', 'restart']

/** The compose CLI Berth found, as a shell would find it. */
export interface ComposeCli {
  name: ComposeCliName
  /** The program, as found on PATH (absolute). */
  path: string
  /** What `<path> …` is run with before the command: `compose` for the docker plugin, nothing else. */
  prefix: string[]
  /** As the CLI says it: `v2.24.6`, `1.29.2`, `1.0.3`. */
  version: string
}

/** One run of the CLI on a project, as the page asks for it. */
export interface ComposeRunRequest {
  command: ComposeCommand
  /** `-p`: the project's name. */
  project: string
  /** The compose files, absolute, in the order `-f` gives them; the first one's folder is the working dir. */
  files: string[]
  /** up: `--build`. */
  build?: boolean
  /** up: pull the images first (`--pull always` where the CLI has it, else a `pull` before). */
  pull?: boolean
  /** down: `-v`, with the named volumes the user confirmed it removes (the project's, by engine name). */
  removeVolumes?: string[]
}

/** The environment the CLI needs to reach Berth's engine, when it is not the CLI's default. */
export interface ComposeEnv {
  name: 'DOCKER_HOST' | 'CONTAINER_HOST' | 'DOCKER_CONTEXT'
  value: string
}

/** The argument lists to run, in order (one, or a pull then the up where the CLI's `up` cannot pull). */
export function composeSteps(cli: Pick<ComposeCli, 'name' | 'prefix'>, request: ComposeRunRequest): string[][] {
  const base = [...cli.prefix, '-p', request.project, ...request.files.flatMap((f) => ['-f', f])]
  switch (request.command) {
    case 'up': {
      const up = [...base, 'up', '-d']
      if (request.build) up.push('--build')
      if (!request.pull) return [up]
      // The plugin has `up --pull always`; docker-compose 1.x has none, podman-compose's pulls only what is missing.
      if (cli.name === 'docker compose') return [[...up, '--pull', 'always']]
      return [[...base, 'pull'], up]
    }
    case 'down':
      return [[...base, 'down', ...(request.removeVolumes ? ['-v'] : [])]]
    default:
      return [[...base, request.command]]
  }
}

/** Words a shell reads as themselves: left bare, as a user would type them. */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/

export function shellWord(word: string): string {
  if (BARE.test(word)) return word
  return /'/.test(word) ? quote([word]) : `'${word}'`
}

/** The program as a user types it: by name when the shell finds that one first, which is how Berth found it. */
function programWords(cli: Pick<ComposeCli, 'name'>): string[] {
  return cli.name === 'docker compose' ? ['docker'] : [cli.name]
}

/**
 * The exact command line, valid shell: `DOCKER_HOST=unix:///… docker-compose -p app -f /x/compose.yaml up -d`,
 * steps joined with `&&`. `cd` into the working dir first, as Berth runs it there.
 */
export function composeLine(cli: Pick<ComposeCli, 'name' | 'prefix'>, request: ComposeRunRequest, env: ComposeEnv | null): string {
  const envWord = env ? `${env.name}=${shellWord(env.value)} ` : ''
  return composeSteps(cli, request)
    .map((args) => envWord + [...programWords(cli), ...args].map(shellWord).join(' '))
    .join(' && ')
}

/**
 * The project name Compose derives from a folder's name: lowercase, only letters, digits, `_` and `-`,
 * starting with a letter or digit (as `docker compose` normalizes it).
 */
export function defaultProjectName(folderName: string): string {
  return folderName.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '')
}
