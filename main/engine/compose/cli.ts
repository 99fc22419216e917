// Runs the user's compose CLI on a project: `-p` and `-f` given, in the first file's folder, with the
// engine Berth shows in its environment, so the CLI acts on that engine and no other. Output comes
// back line by line, each tagged with the service it names; the run stops when its signal aborts.
import { spawn } from 'node:child_process'
import { composeLine, composeSteps, type ComposeCli, type ComposeEnv, type ComposeRunRequest } from '@common/compose/command'
import { serviceTagger, type ServiceMatcher } from '@common/compose/service-line'
import type { ComposeOutputLine, ComposeRunResult } from '@common/contract/compose'
import type { Endpoint } from '../endpoint'
import { EngineError } from '../errors'

/**
 * What the CLI needs in its environment to reach the engine Berth shows: DOCKER_HOST for the docker
 * CLIs (Podman's service is a Docker-compatible socket), CONTAINER_HOST for podman-compose, whose
 * `podman` then runs remote against that service. Null when the endpoint is the CLI's own default.
 */
export function composeEnv(cli: Pick<ComposeCli, 'name'>, endpoint: Pick<Endpoint, 'host' | 'source'> & Partial<Pick<Endpoint, 'context' | 'options'>>): ComposeEnv | null {
  if (cli.name === 'podman-compose') return { name: 'CONTAINER_HOST', value: endpoint.host }
  if (endpoint.source === 'default') return null
  // A context with TLS files: the compose CLI reads the files from the context itself.
  if (endpoint.context && endpoint.options?.ca !== undefined) return { name: 'DOCKER_CONTEXT', value: endpoint.context }
  return { name: 'DOCKER_HOST', value: endpoint.host }
}

export interface RunOptions {
  cli: ComposeCli
  endpoint: Parameters<typeof composeEnv>[1]
  /** The project's services, to tag lines with. */
  services: string[]
  /** Lines as they come, in batches (one read's worth). */
  onLines(lines: ComposeOutputLine[]): void
  signal?: AbortSignal
  /** The environment the CLI inherits (PATH, HOME, DOCKER_CONFIG…); this process's by default. */
  env?: NodeJS.ProcessEnv
  /** Where it runs: the first file's folder. */
  cwd: string
}

/** Splits a stream into lines, `\r` too (progress rewrites its line), keeping the unfinished tail. */
function lineSplitter(emit: (lines: string[]) => void): { push(chunk: string): void; end(): void } {
  let tail = ''
  return {
    push(chunk) {
      const parts = (tail + chunk).split(/\r\n|\n|\r/)
      tail = parts.pop() ?? ''
      const lines = parts.filter((l) => l.trim() !== '')
      if (lines.length) emit(lines)
    },
    end() {
      if (tail.trim()) emit([tail])
      tail = ''
    },
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

/**
 * podman-compose 1.0 ends with 0 even when a podman command it ran failed; it prints that command's
 * "exit code: 125" after it. The first such code is the run's, so a failure is not reported as done.
 */
const PODMAN_COMPOSE_EXIT = /^exit code: (\d+)$/

/** Runs one argument list; resolves with its exit code (null when killed). */
function runStep(args: string[], tag: ServiceMatcher, options: RunOptions, env: NodeJS.ProcessEnv): Promise<number | null> {
  let failedInside: number | null = null
  return new Promise((resolve, reject) => {
    // Its own process group, so a cancel stops what the CLI started too (podman-compose runs podman).
    const child = spawn(options.cli.path, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const stop = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
    }
    options.signal?.addEventListener('abort', stop, { once: true })
    for (const stream of ['stdout', 'stderr'] as const) {
      const split = lineSplitter((lines) => options.onLines(lines.map((raw) => {
        const text = raw.replace(ANSI, '')
        const code = options.cli.name === 'podman-compose' ? Number(PODMAN_COMPOSE_EXIT.exec(text)?.[1] ?? 0) : 0
        if (code && failedInside === null) failedInside = code
        const service = tag(text)
        return { text, stream, ...(service ? { service } : {}) }
      })))
      child[stream].setEncoding('utf8')
      child[stream].on('data', (chunk: string) => split.push(chunk))
      child[stream].on('end', () => split.end())
    }
    child.on('error', (err) => {
      options.signal?.removeEventListener('abort', stop)
      reject(new EngineError('not-found', `${options.cli.name} could not be started (${err.message}): is it still installed?`))
    })
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', stop)
      resolve(code === 0 && failedInside !== null ? failedInside : code)
    })
  })
}

/** Runs the request's steps in order, stopping at the first that fails. */
export async function runCompose(request: ComposeRunRequest, operation: string, options: RunOptions): Promise<ComposeRunResult> {
  const cliEnv = composeEnv(options.cli, options.endpoint)
  // Always given, even when it is the default: the CLI must not pick another engine from its own context.
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), ...(options.cli.name === 'podman-compose' ? { CONTAINER_HOST: options.endpoint.host } : { DOCKER_HOST: options.endpoint.host }) }
  const line = composeLine(options.cli, request, cliEnv)
  const tag = serviceTagger(request.project, options.services)
  let exitCode: number | null = null
  for (const args of composeSteps(options.cli, request)) {
    if (options.signal?.aborted) break
    exitCode = await runStep(args, tag, options, env)
    if (exitCode !== 0) break
  }
  const cancelled = options.signal?.aborted === true
  return { operation, line, exitCode: cancelled ? null : exitCode, cancelled }
}
