// The real docker CLI, for changes made "outside the app" and for comparing with it.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Debian's CLI (20.10, what CI installs) where it is, before any newer one earlier on PATH: the tests compare with it. */
export const DOCKER_CLI = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'

export function docker(args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      DOCKER_CLI,
      args,
      { env: process.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`))
        else resolve(stdout.trim())
      },
    )
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}
