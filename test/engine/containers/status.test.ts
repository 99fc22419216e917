// What the container list says about time, images and names, against the real engine.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { listContainers, removeContainer, startContainer } from '@main/engine/containers/containers'
import { parseStatus, statusSince, ContainerEventTimes } from '@main/engine/containers/since'
import { statusWords } from '@common/duration'
import { listImages } from '@main/engine/images/images'
import { Engine } from '@main/engine'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { alreadyGone, BUSYBOX_IMAGE, createContainer, removeTestContainers, requireEngine, testDocker, testEndpoint, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import type { EngineError } from '@main/engine/errors'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

describe('container status times', () => {
  it("reads the engine's words back into the moment they count from", () => {
    assert.deepEqual(parseStatus('Up 9 minutes'), { counts: 'start', span: '9 minutes' })
    assert.deepEqual(parseStatus('Up About a minute (healthy)'), { counts: 'start', span: 'About a minute', health: 'healthy' })
    assert.deepEqual(parseStatus('Up 2 hours (Paused)'), { counts: 'start', span: '2 hours' })
    assert.deepEqual(parseStatus('Exited (137) Less than a second ago'), { counts: 'stop', span: 'Less than a second' })
    assert.deepEqual(parseStatus('Restarting (1) 3 seconds ago'), { counts: 'stop', span: '3 seconds' })
    assert.equal(parseStatus('Created'), null)
    const listed = 10_000_000
    assert.equal(statusSince('c', { counts: 'start', span: '9 minutes' }, listed, listed), listed - 9 * 60_000)
  })

  it('uses the exact event time when it agrees with the words, never one that does not', () => {
    const times = new ContainerEventTimes()
    const listed = 10_000_000
    times.note({ Type: 'container', Action: 'start', Actor: { ID: 'c' }, timeNano: (listed - 9 * 60_000 - 12_345) * 1e6 })
    assert.equal(statusSince('c', { counts: 'start', span: '9 minutes' }, listed, listed, times), listed - 9 * 60_000 - 12_345)
    // A restart Berth missed (while disconnected): the engine's words win.
    assert.equal(statusSince('c', { counts: 'start', span: '3 seconds' }, listed, listed, times), listed - 3000)
  })
})

describe('a container row stays the same from one list to the next', () => {
  it('keeps its earlier reading while the words still agree, so only real changes are sent', () => {
    const times = new ContainerEventTimes()
    const listed = 10_000_000
    const first = statusSince('c', { counts: 'start', span: '9 minutes' }, listed, listed, times)
    // 40 s later the engine still says 9 minutes: the same moment, not one 40 s later.
    assert.equal(statusSince('c', { counts: 'start', span: '9 minutes' }, listed + 40_000, listed + 40_000, times), first)
    // Started 3.9 s before `listed`: read as 3 s then, as 4 s 0.2 s later. The second reading is the
    // same moment blurred by the words (0.8 s apart, under their unit), not a new one.
    assert.equal(statusSince('d', { counts: 'start', span: '3 seconds' }, listed, listed, times), listed - 3000)
    assert.equal(statusSince('d', { counts: 'start', span: '4 seconds' }, listed + 200, listed + 200, times), listed - 3000)
    // A reading that no longer gives the engine's words is read again.
    assert.equal(statusSince('c', { counts: 'start', span: '12 minutes' }, listed + 60_000, listed + 60_000, times), listed + 60_000 - 12 * 60_000)
  })
})

describe('containers as the user sees them (real engine)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  after(async () => {
    await removeTestContainers(docker)
    await cli(['rmi', '-f', 'ux/app:1']).catch(alreadyGone)
  })

  it('knows when a container started and stopped, exactly when Berth saw it happen', async () => {
    const host = requireEngine()
    const engine = new Engine({ endpoint: testEndpoint(host) })
    engine.start()
    try {
      await eventually(() => engine.connection.status.state === 'connected', 'connection', ENGINE_ANSWER_MS)
      const c = await createContainer(docker)
      const before = Date.now()
      await startContainer(docker, c.Id)
      const after = Date.now()
      await eventually(async () => (await listContainers(docker, engine.containerTimes)).find((x) => x.id === c.Id)?.since !== null, 'a start time', ENGINE_ANSWER_MS)
      const since = (await listContainers(docker, engine.containerTimes)).find((x) => x.id === c.Id)?.since ?? 0
      const started = Date.parse((await docker.getContainer(c.Id).inspect()).State.StartedAt)
      assert.ok(since >= before - 1000 && since <= after + 1000, `${since} in [${before}, ${after}]`)
      assert.ok(Math.abs(since - started) < 50, `the event's time (${since}) is the engine's StartedAt (${started})`)
      // The row's words, counted now, are the CLI's Status column; the row itself carries no span.
      const row = (await listContainers(docker, engine.containerTimes)).find((x) => x.id === c.Id)
      assert.equal(row?.status, 'Up')
      const cliStatus = await cli(['ps', '--filter', `id=${c.Id}`, '--format', '{{.Status}}'])
      assert.equal(statusWords(row!, Date.now()), cliStatus)
    } finally {
      engine.stop()
    }
  })

  it('names a rebuilt image’s old containers by short id and the reference they were created from', async () => {
    const build = (n: number) => cli(['build', '-q', '-t', 'ux/app:1', '-'], { input: `FROM ${BUSYBOX_IMAGE}\nRUN echo ${n} > /version\n` })
    await build(1)
    const name = uniqueName('old-build')
    await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, 'ux/app:1'])
    let row = (await listContainers(docker)).find((c) => c.name === name)
    assert.equal(row?.image, 'ux/app:1')
    assert.equal(row?.olderBuildOf, undefined)

    await build(2)
    row = (await listContainers(docker)).find((c) => c.name === name)
    // `docker ps` shows the 12-hex short id, without sha256:. Podman keeps listing the name (a documented
    // difference): Berth compares image ids, and shows the short id there too.
    const psImage = await cli(['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Image}}'])
    assert.equal(psImage, testEngineKind() === 'podman' ? 'ux/app:1' : row?.image)
    assert.match(row?.image ?? '', /^[0-9a-f]{12}$/)
    assert.equal(row?.olderBuildOf, 'ux/app:1')

    // The image it runs knows its user by name: removing it can be refused before asking.
    const images = await listImages(docker)
    const old = images.find((i) => i.shortId === row?.image)
    assert.deepEqual(old?.usedBy, [name])
  })

  it('names the container in errors, not by its 64-character id', async () => {
    const c = await createContainer(docker, { start: true })
    await assert.rejects(removeContainer(docker, c.Id), (err: EngineError) => {
      assert.ok(!err.message.includes(c.Id), err.message)
      assert.ok(err.message.includes(c.Name.slice(1)), err.message)
      return true
    })
  })
})
