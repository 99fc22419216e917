// Images made for registry tests: the busybox fixture plus one layer of its own, so a push has a
// layer the registry lacks and a pull has one the engine lacks.
import { randomBytes } from 'node:crypto'
import { docker } from './docker-cli'
import { BUSYBOX_IMAGE } from './session'

/** Builds `name` (repo:tag) with a unique layer on top of the busybox fixture. */
export async function buildUniqueImage(name: string): Promise<void> {
  const stamp = randomBytes(8).toString('hex')
  const dockerfile = `FROM ${BUSYBOX_IMAGE}\nRUN echo ${stamp} > /stamp && head -c 300000 /dev/urandom > /noise\n`
  await docker(['build', '--network=none', '--quiet', '-t', name, '-'], { input: dockerfile, timeoutMs: 120_000 })
}
