import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import {
  listContainers,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
  toContainerSummary,
} from '@main/engine/containers/containers'
import type { EngineError } from '@main/engine/errors'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'

const isCode = (code: string) => (err: EngineError) => err.code === code && err.message.length > 10

describe('containers (real engine)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  afterEach(() => removeTestContainers(docker))
  after(() => removeTestContainers(docker))

  it('lists running, exited (with code) and created containers, like docker ps -a', async () => {
    const running = await createContainer(docker, { start: true })
    const exited = await createContainer(docker, { cmd: ['sh', '-c', 'exit 3'], start: true })
    await docker.getContainer(exited.Id).wait()
    const created = await createContainer(docker)

    const list = await listContainers(docker)
    const byId = new Map(list.map((c) => [c.id, c]))
    assert.equal(byId.get(running.Id)?.state, 'running')
    assert.equal(byId.get(running.Id)?.exitCode, null)
    assert.equal(byId.get(exited.Id)?.state, 'exited')
    assert.equal(byId.get(exited.Id)?.exitCode, 3)
    assert.equal(byId.get(created.Id)?.state, 'created')
    assert.equal(byId.get(created.Id)?.name, created.Name.slice(1))
    assert.equal(byId.get(created.Id)?.image, 'berth-test/busybox:latest')
    // Newest first, as docker ps prints.
    const ours = list.filter((c) => [running.Id, exited.Id, created.Id].includes(c.id)).map((c) => c.id)
    assert.deepEqual(ours, [created.Id, exited.Id, running.Id])
  })

  it('starts, stops and restarts, and treats "already there" as done, as the CLI does', async () => {
    const c = await createContainer(docker)
    const state = async () => (await docker.getContainer(c.Id).inspect()).State
    await startContainer(docker, c.Id)
    assert.equal((await state()).Running, true)
    await startContainer(docker, c.Id)
    const startedAt = (await state()).StartedAt
    await restartContainer(docker, c.Id, 1)
    assert.equal((await state()).Running, true)
    assert.notEqual((await state()).StartedAt, startedAt)
    await stopContainer(docker, c.Id, 5)
    assert.equal((await state()).Running, false)
    await stopContainer(docker, c.Id)
  })

  it('refuses to remove a running container unless forced, then removes it', async () => {
    const c = await createContainer(docker, { start: true })
    await assert.rejects(removeContainer(docker, c.Id), (err: EngineError) => {
      assert.equal(err.code, 'conflict')
      assert.match(err.message, /is running\. Stop it first, or remove it with force/)
      return true
    })
    assert.equal((await docker.getContainer(c.Id).inspect()).State.Running, true)
    await removeContainer(docker, c.Id, true)
    await assert.rejects(docker.getContainer(c.Id).inspect())
  })

  it('removes a stopped container by name', async () => {
    const c = await createContainer(docker)
    await removeContainer(docker, c.Name.slice(1))
    assert.equal((await listContainers(docker)).some((x) => x.id === c.Id), false)
  })

  it('answers not-found for a container that does not exist', async () => {
    for (const action of [
      () => startContainer(docker, 'no-such-container'),
      () => stopContainer(docker, 'no-such-container'),
      () => restartContainer(docker, 'no-such-container'),
      () => removeContainer(docker, 'no-such-container'),
    ]) {
      await assert.rejects(action(), isCode('not-found'))
    }
  })

  it('shows each published port once, whatever the address families', () => {
    const summary = toContainerSummary({
      Id: 'abc',
      Names: ['/web'],
      Image: 'nginx',
      ImageID: 'sha256:1',
      Command: 'nginx',
      Created: 1,
      State: 'running',
      Status: 'Up 1 second',
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { PrivatePort: 443, Type: 'tcp' } as Dockerode.Port,
      ],
      Labels: {},
      HostConfig: { NetworkMode: 'bridge' },
      NetworkSettings: { Networks: {} },
      Mounts: [],
    })
    assert.deepEqual(summary.ports, [
      { containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '0.0.0.0' },
      { containerPort: 443, protocol: 'tcp' },
    ])
    assert.equal(summary.created, 1000)
  })
})
