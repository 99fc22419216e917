// The docker CLI, for changes made "outside the app" and as the oracle Berth is compared with.
// Debian's CLI (20.10) by its path: a newer client earlier on PATH may lack what a test compares with
// (BuildKit without the buildx plugin). It talks to the engine in DOCKER_HOST, or the one given.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const DOCKER_CLI = '/usr/bin/docker'

export interface CliOptions {
  /** Written to the CLI's stdin. */
  input?: string
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv
  /** A DOCKER_HOST value: another engine than the run's (a private one of the test's own). */
  host?: string
  /** Killed after this long: a CLI that hangs fails the test rather than stalling the run. */
  timeoutMs?: number
  /** What the promise resolves to: stdout trimmed (default), or stdout and stderr as printed (a build's plain progress). */
  output?: 'stdout' | 'all'
}

/** Runs the CLI; resolves with its stdout, rejects with its stderr. */
export function docker(args: string[], options: CliOptions = {}): Promise<string> {
  const env = { ...process.env, ...options.env, ...(options.host ? { DOCKER_HOST: options.host } : {}) }
  return new Promise((resolve, reject) => {
    const child = execFile(DOCKER_CLI, args, { env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(options.output === 'all' ? `${stdout}${stderr}` : stdout.trim())
    })
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}

/** Builds a Dockerfile (and these files beside it) into `tag` without any network, as `docker build` does; resolves with the image id. */
export async function buildImage(tag: string, dockerfile: string, files: Record<string, string> = {}, builder: 'classic' | 'buildkit' = 'classic'): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'berth-build-'))
  try {
    writeFileSync(join(context, 'Dockerfile'), dockerfile)
    for (const [name, text] of Object.entries(files)) writeFileSync(join(context, name), text)
    const env = { DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' }
    await docker(['build', '--network=none', '--quiet', '-t', tag, context], { env, timeoutMs: 180_000 })
    return docker(['image', 'inspect', '--format', '{{.Id}}', tag])
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}
