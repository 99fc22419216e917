// Edit and recreate: the new container takes the old one's name and its named volumes' data; a
// recreate that fails leaves the old container exactly as it was (same id, name and state).
import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { runContainer } from '@main/engine/run/run'
import { recreateContainer } from '@main/engine/run/recreate'
import { runSpecOf } from '@main/engine/run/spec-from-container'
import { emptyRunSpec, runSpecSchema, type RunSpec } from '@common/run/spec'
import { emptyRecord } from '@common/exact-record'
import type { EngineError } from '@main/engine/errors'
import { alreadyGone, BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'

const IDLE_SH = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]

describe('recreate (real engine)', () => {
  let docker: Dockerode
  const volume = uniqueName('berth-keep')
  before(() => {
    docker = testDocker()
  })
  afterEach(() => removeTestContainers(docker))
  after(async () => {
    await removeTestContainers(docker)
    await docker.getVolume(volume).remove().catch(alreadyGone)
  })

  const base = (name: string): RunSpec => {
    const labels = emptyRecord<string>()
    labels[TEST_LABEL] = '1'
    labels.__proto__ = 'kept'
    return runSpecSchema.parse({
      ...emptyRunSpec(BUSYBOX_IMAGE),
      name,
      cmd: IDLE_SH,
      network: 'none',
      env: ['MODE=one', 'constructor=c'],
      mounts: [{ kind: 'volume', source: volume, target: '/data', readOnly: false }, { kind: 'anonymous', source: '', target: '/cache', readOnly: false }],
      tmpfs: ['/run:size=1m'],
      restart: { name: 'on-failure', maxRetries: 2 },
      labels,
    }) as RunSpec
  }

  it('reads a container back into the spec it was run with', async () => {
    const spec = base(uniqueName('berth-again'))
    await runContainer(docker, spec)
    const back = await runSpecOf(docker, spec.name)
    assert.deepEqual(back.notKept, [])
    // In the engine's order (Podman lists the anonymous volume among its binds, first, and keeps the
    // env in no particular order: it holds it as a map).
    const byTarget = (mounts: RunSpec['mounts']) => [...mounts].sort((a, b) => a.target.localeCompare(b.target))
    const envOrder = (env: string[]) => (testEngineKind() === 'podman' ? [...env].sort() : env)
    const comparable = (s: RunSpec) => ({ ...s, labels: { ...s.labels }, mounts: byTarget(s.mounts), env: envOrder(s.env) })
    assert.deepEqual(comparable(back.spec), comparable(spec))
    assert.deepEqual(Object.keys(back.spec.labels).sort(), ['__proto__', TEST_LABEL].sort())
  })

  it('recreates under the same name with the new settings, keeping the named volume\'s data', async () => {
    const name = uniqueName('berth-edit')
    const first = await runContainer(docker, base(name))
    await cli(['exec', name, 'sh', '-c', 'echo precious > /data/file'])
    const edited = { ...base(name), env: ['MODE=two'] }
    const result = await recreateContainer(docker, first.id, edited)
    assert.equal(result.name, name)
    assert.equal(result.replaced, first.id)
    assert.notEqual(result.id, first.id)
    const info = await docker.getContainer(name).inspect()
    assert.equal(info.Id, result.id)
    assert.equal(info.State.Running, true)
    assert.ok(info.Config.Env.includes('MODE=two'))
    assert.ok(!info.Config.Env.includes('MODE=one'))
    assert.equal(await cli(['exec', name, 'cat', '/data/file']), 'precious')
    await assert.rejects(docker.getContainer(first.id).inspect(), /no such container/i)
  })

  it('a recreate whose new container will not start leaves the old one untouched', async () => {
    for (const running of [true, false]) {
      const name = uniqueName('berth-fail')
      const first = await runContainer(docker, base(name))
      if (!running) await docker.getContainer(first.id).stop({ t: 1 })
      const before = await docker.getContainer(first.id).inspect()
      const broken = { ...base(name), cmd: ['/no/such/binary'] }
      await assert.rejects(recreateContainer(docker, first.id, broken), (err: EngineError) =>
        err.code !== 'internal' && err.message.includes(`Could not recreate "${name}"`) && err.message.includes('The old container is back as it was.'),
      )
      const afterwards = await docker.getContainer(name).inspect()
      assert.equal(afterwards.Id, first.id)
      assert.equal(afterwards.Name, `/${name}`)
      assert.equal(afterwards.State.Running, running)
      assert.equal(afterwards.State.Status, before.State.Status)
      // Nothing else was left behind: no new container, no renamed one.
      const ours = await docker.listContainers({ all: true, filters: { label: [TEST_LABEL] } })
      assert.deepEqual(ours.map((c) => c.Id), [first.id])
      await removeTestContainers(docker)
    }
  })

  it('a recreate refused before it starts (name taken by another container) changes nothing', async () => {
    const name = uniqueName('berth-a')
    const other = uniqueName('berth-b')
    const first = await runContainer(docker, base(name))
    await runContainer(docker, base(other))
    await assert.rejects(recreateContainer(docker, first.id, { ...base(other) }), /Could not recreate/)
    assert.equal((await docker.getContainer(name).inspect()).Id, first.id)
    assert.equal((await docker.getContainer(name).inspect()).State.Running, true)
  })
})
