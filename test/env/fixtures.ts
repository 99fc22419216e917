// Fixture images, built locally from test/fixtures/<name>/Dockerfile: FROM scratch plus a static
// busybox, so nothing is pulled from any registry. Tagged berth-test/<name>:latest.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { docker } from './docker-cli'

export const FIXTURES_DIR = resolve(__dirname, '../fixtures')
export const BUSYBOX = '/bin/busybox'
export const fixtureImage = (name: string): string => `berth-test/${name}:latest`
export const TEST_LABEL = 'berth.test'

/** A command that idles until told to stop and exits at once on SIGTERM (PID 1 ignores it otherwise). */
export const IDLE = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]

/** Builds every fixture into the run's engine, or into the engine at `host` (a DOCKER_HOST value). */
export async function buildFixtureImages(host?: string): Promise<string[]> {
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing: install Debian's busybox-static.`)
  const built: string[] = []
  for (const name of readdirSync(FIXTURES_DIR)) {
    if (!existsSync(join(FIXTURES_DIR, name, 'Dockerfile'))) continue
    const context = mkdtempSync(join(tmpdir(), `berth-fixture-${name}-`))
    try {
      cpSync(join(FIXTURES_DIR, name), context, { recursive: true })
      copyFileSync(BUSYBOX, join(context, 'busybox'))
      await docker(['build', '--network=none', '--quiet', '-t', fixtureImage(name), context], { host, timeoutMs: 180_000 })
      built.push(fixtureImage(name))
    } finally {
      rmSync(context, { recursive: true, force: true })
    }
  }
  return built
}
