// Finds the user's compose CLI as a shell would: the first `docker` on PATH, if its `compose` plugin
// really answers `docker compose version`; else the first `docker-compose`; else `podman-compose`.
// Only the first `docker` counts: a shell runs `docker compose` with that one, whatever comes later.
import { execFile } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'
import type { ComposeCli } from '@common/compose/command'

/** The first executable file called `name` on PATH, as a shell's lookup finds it. */
export function whichOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    // An empty or relative entry means a folder relative to wherever Berth was started: not a place to trust.
    if (!dir || !isAbsolute(dir)) continue
    const candidate = join(dir, name)
    try {
      if (!statSync(candidate).isFile()) continue
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not there, or not executable: the shell goes on to the next folder.
    }
  }
  return null
}

/** stdout and stderr of a short run; null when it failed, timed out or could not start. */
function output(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(program, args, { env, timeout: 15_000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => resolve(err ? null : `${stdout}\n${stderr}`))
  })
}

/** Looks for the compose CLI on `env.PATH`; null when none works. */
export async function findComposeCli(env: NodeJS.ProcessEnv = process.env): Promise<ComposeCli | null> {
  const path = env.PATH ?? ''
  const docker = whichOnPath('docker', path)
  if (docker) {
    // A docker CLI without the plugin prints "'compose' is not a docker command" and fails.
    const said = await output(docker, ['compose', 'version'], env)
    const version = said && /Docker Compose version\s+v?(\S+)/i.exec(said)?.[1]
    if (version) return { name: 'docker compose', path: docker, prefix: ['compose'], version }
  }
  const dockerCompose = whichOnPath('docker-compose', path)
  if (dockerCompose) {
    const said = await output(dockerCompose, ['version', '--short'], env)
    const version = said?.trim().split(/\s+/)[0]
    if (version && /^v?\d/.test(version)) return { name: 'docker-compose', path: dockerCompose, prefix: [], version: version.replace(/^v/, '') }
  }
  const podmanCompose = whichOnPath('podman-compose', path)
  if (podmanCompose) {
    // 1.0.x says "podman-composer version  1.0.3" among podman's own version lines; later ones "podman-compose version 1.x".
    const said = await output(podmanCompose, ['version'], env)
    const version = said && /podman-compose(?:r)? version\s+(\S+)/i.exec(said)?.[1]
    if (version) return { name: 'podman-compose', path: podmanCompose, prefix: [], version }
  }
  return null
}

/** What to install, in words, when there is no compose CLI. */
export const HOW_TO_GET_COMPOSE =
  'Install the Compose plugin for the docker CLI (Debian and Ubuntu: sudo apt install docker-compose-plugin, from Docker’s apt repository; or docker-compose), or podman-compose for Podman (sudo apt install podman-compose), then press Look again.'
