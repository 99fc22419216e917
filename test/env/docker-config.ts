// A docker config folder of a test's own (DOCKER_CONFIG), the docker CLI run against it with no
// DOCKER_HOST or DOCKER_CONTEXT of the run's, and a hash of everything in it, to prove a refused
// change wrote nothing.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { EndpointEnv } from '@main/engine/endpoint'
import { DOCKER_CLI } from './docker-cli'

export interface DockerConfig {
  dir: string
  /** A home of its own too: nothing falls back to the user's ~/.docker. */
  home: string
  /** As Berth reads it: this folder, plus `env` (DOCKER_HOST, DOCKER_CONTEXT…). */
  where(env?: NodeJS.ProcessEnv): EndpointEnv
  /** The docker CLI on this folder; resolves with stdout, rejects with stderr. */
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<string>
  /** Every path, mode and byte in the folder, as one hash. */
  hash(): string
  destroy(): void
}

export function dockerConfig(): DockerConfig {
  const root = mkdtempSync(join(tmpdir(), 'berth-docker-config-'))
  const dir = join(root, 'config')
  const home = join(root, 'home')
  const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: dir })
  return {
    dir,
    home,
    where: (env = {}) => ({ env: { DOCKER_CONFIG: dir, ...env }, home, platform: process.platform }),
    cli: (args, env = {}) =>
      new Promise((resolve, reject) => {
        execFile(DOCKER_CLI, args, { env: { ...baseEnv(), ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
          if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`))
          else resolve(stdout.trim())
        })
      }),
    hash: () => {
      const hash = createHash('sha256')
      const walk = (path: string): void => {
        const info = statSync(path)
        hash.update(`${relative(dir, path)}\0${info.mode}\0`)
        if (info.isDirectory()) readdirSync(path).sort().forEach((name) => walk(join(path, name)))
        else hash.update(readFileSync(path))
      }
      try {
        walk(dir)
      } catch {
        hash.update('absent')
      }
      return hash.digest('hex')
    },
    destroy: () => rmSync(root, { recursive: true, force: true }),
  }
}
