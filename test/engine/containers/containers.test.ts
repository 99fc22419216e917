import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import {
  listContainers,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from '@main/engine/containers/containers'
import type { EngineError } from '@main/engine/errors'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
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
    // Newest first, as docker ps -a prints them; within one second, in the engine's own order. Podman's
    // own order is by id, not by age: there its listing, newest first, is the oracle.
    const mine = [running.Id, exited.Id, created.Id]
    const ours = list.filter((c) => mine.includes(c.id)).map((c) => c.id)
    const printed = (await cli(['ps', '-aq', '--no-trunc'])).split('\n').filter((id) => mine.includes(id))
    const second = async (id: string) => Math.floor(Date.parse(await cli(['inspect', '--format', '{{.Created}}', id])) / 1000)
    const seconds = new Map(await Promise.all(printed.map(async (id) => [id, await second(id)] as const)))
    const newestFirst = [...printed].sort((a, b) => (seconds.get(b) ?? 0) - (seconds.get(a) ?? 0))
    if (testEngineKind() === 'docker') assert.deepEqual(newestFirst, printed, 'docker ps -a prints newest first')
    assert.deepEqual(ours, newestFirst)
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
})
