import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { Engine } from '@main/engine'
import type { EngineError } from '@main/engine/errors'
import { listDirectory } from '@main/engine/files/read'
import { HELPER_IMAGE, HELPER_LABEL } from '@main/engine/volumes/helper-image'
import { HELPER_OWNER_LABEL, OWNER_LABEL } from '@main/engine/volumes/owner-lease'
import { removeHelpers, removeStaleHelpers } from '@main/engine/volumes/helper'
import { listContainers } from '@main/engine/containers/containers'
import { listImages } from '@main/engine/images/images'
import {
  createVolume,
  inspectVolume,
  listVolumes,
  previewVolumePrune,
  pruneVolumes,
  removeVolume,
} from '@main/engine/volumes/volumes'
import type { VolumeSummary } from '@common/contract/volumes'
import { TEST_LABEL } from '../../env/fixtures'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { volumePruneCli } from '@common/engine-api'
import { alreadyGone, BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const isCode = (code: string, pattern?: RegExp) => (err: EngineError) =>
  err.code === code && (!pattern || pattern.test(err.message))

/** Every volume no container uses: tests run one file at a time on a private engine. */
export async function removeTestVolumes(docker: Dockerode): Promise<void> {
  await removeHelpers(docker)
  const { Volumes } = await docker.listVolumes()
  await Promise.all(
    (Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(alreadyGone)),
  )
}

/** A container (never started) mounting `mounts`: volume name → path, or just a path for an anonymous one. */
async function containerWith(docker: Dockerode, mounts: { volume?: string; path: string }[], start = false) {
  const container = await docker.createContainer({
    name: uniqueName('berth-vol'),
    Image: BUSYBOX_IMAGE,
    Cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"],
    Labels: { [TEST_LABEL]: '1' },
    Volumes: Object.fromEntries(mounts.filter((m) => !m.volume).map((m) => [m.path, {}])),
    HostConfig: { NetworkMode: 'none', Binds: mounts.filter((m) => m.volume).map((m) => `${m.volume}:${m.path}`) },
  })
  if (start) await container.start()
  return container.inspect()
}

describe('volumes (real engine)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  afterEach(async () => {
    await removeTestContainers(docker)
    await removeTestVolumes(docker)
  })
  after(() => removeTestContainers(docker))

  it('creates with labels, inspects, and lists named and anonymous volumes with the containers using them', async () => {
    const name = uniqueName('data')
    const created = await createVolume(docker, name, { project: 'berth', 'com.example.tier': 'db' })
    assert.equal(created.name, name)
    assert.deepEqual(created.labels, { project: 'berth', 'com.example.tier': 'db' })
    assert.equal(created.driver, 'local')
    assert.match(created.mountpoint, /\/volumes\//)
    assert.ok(created.created && Math.abs(created.created - Date.now()) < 60_000)

    const running = await containerWith(docker, [{ volume: name, path: '/data' }], true)
    const anon = await containerWith(docker, [{ path: '/cache' }])
    const anonName = anon.Mounts.find((m) => m.Destination === '/cache')?.Name as string

    const list = await listVolumes(docker)
    const named = list.find((v) => v.name === name) as VolumeSummary
    assert.equal(named.anonymous, false)
    assert.deepEqual(named.containers, [{ id: running.Id, name: running.Name.slice(1), running: true }])
    const anonymous = list.find((v) => v.name === anonName) as VolumeSummary
    assert.equal(anonymous.anonymous, true)
    assert.deepEqual(anonymous.containers, [{ id: anon.Id, name: anon.Name.slice(1), running: false }])

    const detail = await inspectVolume(docker, name)
    assert.equal(detail.containers.length, 1)
    assert.deepEqual(detail.options, {})
  })

  it('refuses a name that exists, and explains a missing volume', async () => {
    const name = uniqueName('dup')
    await createVolume(docker, name)
    await assert.rejects(createVolume(docker, name), isCode('conflict', /already exists/))
    await assert.rejects(inspectVolume(docker, uniqueName('gone')), isCode('not-found', /No volume/))
    await assert.rejects(removeVolume(docker, uniqueName('gone')), isCode('not-found'))
  })

  it('refuses to remove a volume in use, even by a stopped container, naming it; removes it once free', async () => {
    const name = uniqueName('busy')
    await createVolume(docker, name)
    const stopped = await containerWith(docker, [{ volume: name, path: '/data' }])
    await assert.rejects(removeVolume(docker, name), isCode('in-use', new RegExp(stopped.Name.slice(1))))
    assert.ok(await inspectVolume(docker, name))
    await docker.getContainer(stopped.Id).remove()
    await removeVolume(docker, name)
    await assert.rejects(inspectVolume(docker, name), isCode('not-found'))
  })

  it('browses through a labelled helper from an imported image, which never blocks removal and is not a user container', async () => {
    const name = uniqueName('browsed')
    await createVolume(docker, name)
    await listDirectory(docker, { kind: 'volume', name }, '/')
    await listDirectory(docker, { kind: 'volume', name }, '/')
    const helpers = await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=volume`] } })
    assert.equal(helpers.length, 1, 'one helper, reused')
    assert.equal(helpers[0]?.State, 'created', 'never started')
    const image = await docker.getImage(HELPER_IMAGE).inspect()
    assert.equal(image.Config.Labels?.[HELPER_LABEL], 'image')
    // Podman counts the empty layer with its tar headers (a documented difference): a few kB, not 0.
    if (testEngineKind() === 'podman') assert.ok(image.Size < 10_000, `an empty tarball, nothing pulled: ${image.Size} bytes`)
    else assert.equal(image.Size, 0, 'an empty tarball, nothing pulled')
    assert.equal((await listContainers(docker)).some((c) => c.id === helpers[0]?.Id), false)
    assert.equal((await listImages(docker)).some((i) => i.id === image.Id), false, 'the helper image is not a user image')
    assert.deepEqual((await inspectVolume(docker, name)).containers, [], 'a helper does not count as a user')

    await removeVolume(docker, name)
    assert.equal((await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=volume`] } })).length, 0)
  })

  it('removes a volume\'s helpers however many removers race for them', async () => {
    const name = uniqueName('raced')
    await createVolume(docker, name)
    for (let round = 0; round < 5; round++) {
      await listDirectory(docker, { kind: 'volume', name }, '/')
      await Promise.all([removeHelpers(docker, name), removeHelpers(docker, name), removeHelpers(docker, name)])
    }
    assert.equal((await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=volume`] } })).length, 0)
    await removeVolume(docker, name)
  })

  it('clears helpers of a Berth that is gone, never those of another Berth using the same engine', async () => {
    // Two Berths on one engine: each Engine is its own owner, with its own connection.
    const a = new Engine()
    const b = new Engine()
    const name = uniqueName('shared')
    await createVolume(docker, name)
    await listDirectory(a.docker, { kind: 'volume', name }, '/')
    const helpers = async () => docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=volume`] } })
    const [helper] = await helpers()
    assert.ok(helper?.Labels[HELPER_OWNER_LABEL], 'labelled with the Berth that made it')
    const [marker] = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${helper.Labels[HELPER_OWNER_LABEL]}`] } })
    assert.equal(marker?.State, 'created', "A's proof of life: a marker, never started")
    assert.equal((await listContainers(docker)).some((c) => c.id === marker?.Id), false, 'not a user container')

    // B connects 70 s later: A's helper is over a minute old but A's lease runs: spared.
    await removeStaleHelpers(b.docker, Date.now() + 70_000)
    assert.deepEqual((await helpers()).map((h) => h.Id), [helper.Id], "B leaves A's helper alone")
    // A stopped renewing (it crashed): once its lease ran out, B clears its helper and marker.
    await removeStaleHelpers(b.docker, Date.now() + 5 * 60_000)
    assert.deepEqual(await helpers(), [], "a gone Berth's helper is cleared")
    assert.deepEqual(await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${helper.Labels[HELPER_OWNER_LABEL]}`] } }), [])

    // A is still running after all (it slept): it makes itself a new marker and goes on browsing.
    await listDirectory(a.docker, { kind: 'volume', name }, '/')
    assert.equal((await helpers()).length, 1)
    // A quits cleanly: its helper and marker go with it, B has nothing to clear.
    a.stop()
    await eventually(async () => (await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } })).length === 0, "A's helper and marker gone", ENGINE_ANSWER_MS)
    b.stop()
    await removeVolume(docker, name)
  })

  it('previews a prune and removes only what was confirmed and is still unused', async () => {
    const unused = uniqueName('unused')
    const used = uniqueName('used')
    const browsed = uniqueName('browsed')
    await createVolume(docker, unused)
    await createVolume(docker, used)
    await createVolume(docker, browsed)
    await listDirectory(docker, { kind: 'volume', name: browsed }, '/')
    await containerWith(docker, [{ volume: used, path: '/data' }])

    const preview = await previewVolumePrune(docker)
    assert.ok(preview.volumes.includes(unused))
    assert.ok(preview.volumes.includes(browsed), 'a volume only a helper mounts is unused')
    assert.ok(!preview.volumes.includes(used))

    const late = uniqueName('late')
    await createVolume(docker, late)
    const result = await pruneVolumes(docker, [unused, browsed, used])
    assert.deepEqual(result.removed.sort(), [browsed, unused].sort())
    assert.equal(result.kept[0]?.name, used)
    assert.match(result.kept[0]?.reason ?? '', /used by container/)
    const left = (await listVolumes(docker)).map((v) => v.name)
    assert.ok(left.includes(late), 'a volume made after the preview stays')
    assert.ok(left.includes(used))
  })

  it('prunes what the CLI line it shows for this engine would prune', async () => {
    const unused = uniqueName('prune-oracle')
    const used = uniqueName('prune-oracle-used')
    await createVolume(docker, unused)
    await createVolume(docker, used)
    await containerWith(docker, [{ volume: used, path: '/data' }])
    // An anonymous volume, as `docker run -v /data` leaves behind.
    const anonymous = (await docker.createVolume({})).name

    const line = volumePruneCli((await docker.version()).ApiVersion)
    const preview = (await previewVolumePrune(docker)).volumes.sort()
    assert.ok(preview.includes(unused) && preview.includes(anonymous) && !preview.includes(used))
    // The oracle: the shown line, run by the CLI (-f only skips its own prompt), removes the same set.
    const output = await cli([...line.split(' ').slice(1), '-f'])
    const deleted = output.split('\n').filter((l) => /^[\w.-]+$/.test(l)).sort()
    assert.deepEqual(deleted, preview, `${line} removed ${deleted.join(', ')}`)
  })

  it('sends fresh lists after volume and container events', async () => {
    const engine = new Engine()
    const seen: VolumeSummary[][] = []
    engine.watch({ containers: () => {}, volumes: (list) => seen.push(list) })
    engine.start()
    try {
      await eventually(() => seen.length > 0, 'the first volume list', ENGINE_ANSWER_MS)
      const name = uniqueName('live')
      await docker.createVolume({ Name: name })
      await eventually(() => seen.some((l) => l.some((v) => v.name === name)), 'the new volume in a list', ENGINE_ANSWER_MS)
      const c = await containerWith(docker, [{ volume: name, path: '/data' }])
      await eventually(
        () => seen.some((l) => l.some((v) => v.name === name && v.containers.some((u) => u.id === c.Id))),
        'the container using it',
        ENGINE_ANSWER_MS,
      )
    } finally {
      engine.stop()
    }
  })
})
