// What engine tests share: the engine `npm test` started, and containers made for one test and
// removed after it. Everything a test creates carries the berth.test label.
import { randomBytes } from 'node:crypto'
import type { Agent } from 'node:http'
import Dockerode from 'dockerode'
import { parseHost, resolveEndpoint, type Endpoint } from '@main/engine/endpoint'
import { fixtureImage, IDLE, TEST_LABEL } from './fixtures'
import { CONTAINER_RUN_MS, eventually } from './wait'

export function requireEngine(): string {
  const host = process.env.DOCKER_HOST
  if (!host) throw new Error('DOCKER_HOST is not set: run the tests with `npm test`, which starts a private engine.')
  return host
}

/**
 * The one way tests make a Dockerode client: for the run's engine (DOCKER_HOST), or for `host`, a
 * DOCKER_HOST value (a private engine's of the test's own, a relay's); `extra` adds options (an agent).
 */
export function testDocker(host?: string, extra: Partial<Dockerode.DockerOptions> & { agent?: Agent } = {}): Dockerode {
  const options = host ? parseHost(host, {}) : (requireEngine(), resolveEndpoint().options)
  return new Dockerode({ ...options, ...extra })
}

/** The endpoint Berth finds for a DOCKER_HOST value: a private engine of the test's own, or a relay. */
export const testEndpoint = (host: string): Endpoint => ({ host, source: 'DOCKER_HOST', options: parseHost(host, {}) })

export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`

export const BUSYBOX_IMAGE = fixtureImage('busybox')

export interface ContainerSpec {
  name?: string
  cmd?: string[]
  start?: boolean
  image?: string
  tty?: boolean
  labels?: Record<string, string>
}

export async function createContainer(docker: Dockerode, spec: ContainerSpec = {}): Promise<Dockerode.ContainerInspectInfo> {
  const container = await docker.createContainer({
    name: spec.name ?? uniqueName('berth-test'),
    Image: spec.image ?? BUSYBOX_IMAGE,
    Cmd: spec.cmd ?? IDLE,
    Tty: spec.tty ?? false,
    Labels: { [TEST_LABEL]: '1', ...spec.labels },
    HostConfig: { NetworkMode: 'none' },
  })
  if (spec.start) await container.start()
  return container.inspect()
}

/** `docker commit`: the new image's id, sha256:… on both engines (Podman answers the bare hex). */
export async function commitContainer(docker: Dockerode, id: string, options: { repo?: string; tag?: string } = {}): Promise<string> {
  const { Id } = (await docker.getContainer(id).commit(options)) as { Id: string }
  return Id.startsWith('sha256:') ? Id : `sha256:${Id}`
}

/**
 * For a clean-up's `.catch`: what is already gone is fine; any other failure is thrown, so a leak
 * fails the test that left it instead of skewing the counts of the tests after it.
 */
export function alreadyGone(err: unknown): void {
  const e = (err ?? {}) as { statusCode?: number; message?: string }
  if (e.statusCode === 404 || /no such (image|container|volume)|not found/i.test(e.message ?? '')) return
  throw err
}

/**
 * Removes every container a test made, and checks they are gone: a removal that fails fails the
 * test that asked for it, so a leak cannot skew the counts of the tests after it.
 */
export async function removeTestContainers(docker: Dockerode): Promise<void> {
  const mine = () => docker.listContainers({ all: true, filters: { label: [TEST_LABEL] } })
  const failures: string[] = []
  await Promise.all(
    (await mine()).map((c) =>
      docker.getContainer(c.Id).remove({ force: true }).catch((err: { statusCode?: number; message?: string }) => {
        // Gone already, or being removed by the engine (--rm, a test's own removal): checked below.
        if (err.statusCode !== 404 && err.statusCode !== 409) failures.push(`${c.Names[0] ?? c.Id}: ${err.message ?? String(err)}`)
      }),
    ),
  )
  if (failures.length) throw new Error(`Test containers could not be removed: ${failures.join('; ')}`)
  let left: string[] = []
  await eventually(async () => (left = (await mine()).map((c) => c.Names[0] ?? c.Id)).length === 0, 'the test containers to be gone', CONTAINER_RUN_MS).catch(() => {
    throw new Error(`Test containers are left after their removal: ${left.join(', ')}`)
  })
}

/** Every test container, then every network but the engine's own, on an engine a test has to itself (a namespaced one). */
export async function removeTestNetworks(docker: Dockerode): Promise<void> {
  await removeTestContainers(docker)
  const made = (await docker.listNetworks()).filter((n) => !['bridge', 'host', 'none'].includes(n.Name))
  await Promise.all(made.map((n) => docker.getNetwork(n.Id).remove().catch(alreadyGone)))
}
