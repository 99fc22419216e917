// What engine tests share: the engine `npm test` started, and containers made for one test and
// removed after it. Everything a test creates carries the berth.test label.
import { randomBytes } from 'node:crypto'
import Dockerode from 'dockerode'
import { resolveEndpoint } from '@main/engine/endpoint'
import { fixtureImage, IDLE, TEST_LABEL } from './fixtures'

export function requireEngine(): string {
  const host = process.env.DOCKER_HOST
  if (!host) throw new Error('DOCKER_HOST is not set: run the tests with `npm test`, which starts a private engine.')
  return host
}

export function testDocker(): Dockerode {
  requireEngine()
  return new Dockerode(resolveEndpoint().options)
}

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

export async function removeTestContainers(docker: Dockerode): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [TEST_LABEL] } })
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})))
}

/** Resolves when `check` holds, polling; rejects with `what` after the timeout. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
