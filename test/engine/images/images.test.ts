import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import type { EngineError } from '@main/engine/errors'
import { listImages, removeImage, splitReference, USED_BY_NAMES } from '@main/engine/images/images'
import { docker as cli } from '../../env/docker-cli'
import { BUSYBOX_IMAGE, commitContainer, createContainer, removeTestContainers, testDocker, uniqueName } from '../../env/session'

describe('images (real engine)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  after(() => removeTestContainers(docker))

  it('lists one row per tag, with short id, size and how many containers use it', async () => {
    const tag = `${uniqueName('berth-test/copy')}:v1`
    await cli(['tag', BUSYBOX_IMAGE, tag])
    await createContainer(docker)
    await createContainer(docker)
    const rows = await listImages(docker)
    const base = rows.find((r) => r.reference === BUSYBOX_IMAGE)
    const copy = rows.find((r) => r.reference === tag)
    assert.ok(base && copy)
    assert.equal(base.id, copy.id)
    assert.equal(base.repository, 'berth-test/busybox')
    assert.equal(base.tag, 'latest')
    assert.match(base.shortId, /^[0-9a-f]{12}$/)
    assert.ok(base.size > 500_000)
    assert.ok(base.containers >= 2)
    await removeImage(docker, tag)
  })

  it('names a few of the containers using an image, and counts them all', async () => {
    for (let i = 0; i < USED_BY_NAMES + 2; i++) await createContainer(docker)
    // Every container the CLI lists whose image is this one (`--filter ancestor=` would also find those of
    // images built FROM it, and on Podman 4.3 misses containers never started).
    const made = async () => {
      const [imageId] = (await cli(['image', 'inspect', '--format', '{{.Id}}', BUSYBOX_IMAGE])).split('\n')
      const ids = (await cli(['ps', '-aq', '--no-trunc'])).split('\n').filter(Boolean)
      if (ids.length === 0) return []
      const images = (await cli(['inspect', '--format', '{{.Image}}', ...ids])).split('\n')
      return ids.filter((_, i) => images[i] === imageId)
    }
    // Nothing else changes the engine meanwhile (earlier tests' containers are gone, checked at their end): one look each.
    const users = await made()
    const base = (await listImages(docker)).find((r) => r.reference === BUSYBOX_IMAGE)
    assert.ok(users.length >= USED_BY_NAMES + 2, `${users.length} containers made from the image`)
    assert.equal(base?.containers, users.length, 'the count is every one the CLI lists with this image')
    assert.equal(base?.usedBy.length, USED_BY_NAMES, 'a row stays small however many use it')
  })

  it('shows an untagged image as <none> and removes it by id', async () => {
    // A new layer committed without a name: a dangling image, as after a rebuild took its tag.
    const c = await createContainer(docker, { cmd: ['sh', '-c', 'echo hi > /marker'], start: true })
    await docker.getContainer(c.Id).wait()
    const id = await commitContainer(docker, c.Id)
    await removeTestContainers(docker)
    const row = (await listImages(docker)).find((r) => r.id === id)
    assert.ok(row, 'the committed image is listed')
    assert.equal(row.repository, '<none>')
    assert.equal(row.tag, '<none>')
    assert.equal(row.reference, id)
    assert.equal(row.containers, 0)
    await removeImage(docker, row.reference)
    assert.equal((await listImages(docker)).some((r) => r.id === id), false)
  })

  it('only untags when the image has other names, as docker rmi does', async () => {
    const tag = `${uniqueName('berth-test/alias')}:1`
    await cli(['tag', BUSYBOX_IMAGE, tag])
    await createContainer(docker)
    await removeImage(docker, tag)
    const rows = await listImages(docker)
    assert.equal(rows.some((r) => r.reference === tag), false)
    assert.ok(rows.some((r) => r.reference === BUSYBOX_IMAGE))
  })

  it('refuses to remove an image that containers use, naming them', async () => {
    const tag = `${uniqueName('berth-test/used')}:1`
    const c = await createContainer(docker, { cmd: ['sh', '-c', 'echo > /layer'], start: true })
    await docker.getContainer(c.Id).wait()
    await docker.getContainer(c.Id).commit({ repo: tag.split(':')[0], tag: '1' })
    const user = await createContainer(docker, { image: tag, name: uniqueName('user-of-image') })
    await assert.rejects(removeImage(docker, tag), (err: EngineError) => {
      assert.equal(err.code, 'in-use')
      assert.ok(err.message.includes(user.Name.slice(1)), err.message)
      return true
    })
    assert.ok((await listImages(docker)).some((r) => r.reference === tag))
    await removeTestContainers(docker)
    await removeImage(docker, tag)
    assert.equal((await listImages(docker)).some((r) => r.reference === tag), false)
  })

  it('answers not-found for an image that does not exist', async () => {
    await assert.rejects(removeImage(docker, 'berth-test/nothing-here:1'), (err: EngineError) => err.code === 'not-found')
  })

  it('splits a reference at the tag, not at a registry port', () => {
    assert.deepEqual(splitReference('localhost:5000/team/app:1.2'), { repository: 'localhost:5000/team/app', tag: '1.2' })
    assert.deepEqual(splitReference('localhost:5000/team/app'), { repository: 'localhost:5000/team/app', tag: '<none>' })
  })
})
