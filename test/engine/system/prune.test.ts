import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { previewContainerPrune, previewImagePrune, pruneContainers, pruneImages } from '@main/engine/system/prune'
import { diskUsage } from '@main/engine/system/disk-usage'
import { docker as cli } from '../../env/docker-cli'
import { alreadyGone, commitContainer, createContainer, removeTestContainers, testDocker, uniqueName } from '../../env/session'

const sorted = (list: string[]) => [...list].sort()

/** Ids of the images `docker images` lists (no intermediate ones). */
const topImages = async () => new Set((await cli(['images', '-q', '--no-trunc'])).split('\n').filter(Boolean))

/** A new untagged image no container uses: a dangling image, as a rebuild leaves behind. */
async function danglingImage(docker: Dockerode): Promise<string> {
  const c = await createContainer(docker, { cmd: ['sh', '-c', `echo ${Math.random()} > /marker`], start: true })
  await docker.getContainer(c.Id).wait()
  const Id = await commitContainer(docker, c.Id)
  await docker.getContainer(c.Id).remove()
  return Id
}

describe('prune with a preview (real engine, the CLI prune as the oracle)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  after(() => removeTestContainers(docker))

  it('previews exactly the containers docker container prune removes, with their size', async () => {
    const stopped = [await createContainer(docker), await createContainer(docker, { cmd: ['sh', '-c', 'head -c 4000 /bin/busybox > /f'], start: true })]
    await docker.getContainer(stopped[1]!.Id).wait()
    const running = await createContainer(docker, { start: true })
    const preview = await previewContainerPrune(docker)
    const ids = preview.containers.map((c) => c.id)
    assert.ok(stopped.every((c) => ids.includes(c.Id)))
    assert.ok(!ids.includes(running.Id), 'a running container is not pruned')
    assert.ok(preview.space >= 4000, 'the written file counts')
    const out = await cli(['container', 'prune', '-f'])
    const removed = out.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l))
    assert.deepEqual(sorted(ids), sorted(removed))
  })

  it('removes only the containers previewed, keeping one started since', async () => {
    const a = await createContainer(docker)
    const b = await createContainer(docker)
    const preview = (await previewContainerPrune(docker)).containers.map((c) => c.id)
    const later = await createContainer(docker)
    await docker.getContainer(b.Id).start()
    const result = await pruneContainers(docker, preview)
    assert.ok(result.removed.includes(a.Id))
    assert.ok(!result.removed.includes(b.Id))
    assert.match(result.kept.find((k) => k.id === b.Id)?.reason ?? '', /started after the preview/)
    await docker.getContainer(later.Id).inspect() // still there: never more than the user saw
    await docker.getContainer(b.Id).inspect()
  })

  it('previews exactly the images docker image prune removes (dangling ones)', async () => {
    const d1 = await danglingImage(docker)
    const d2 = await danglingImage(docker)
    // A dangling image a container uses stays.
    const used = await danglingImage(docker)
    const user = await createContainer(docker, { image: used })
    const preview = await previewImagePrune(docker, false)
    const ids = preview.images.map((i) => i.id)
    assert.ok(ids.includes(d1) && ids.includes(d2) && !ids.includes(used))
    assert.ok(preview.space > 0)
    const before = await topImages()
    await cli(['image', 'prune', '-f'])
    const after = await topImages()
    const removed = [...before].filter((id) => !after.has(id))
    assert.deepEqual(sorted(ids), sorted(removed))
    await docker.getContainer(user.Id).remove()
    await docker.getImage(used).remove()
  })

  it('removes only the images previewed, keeping one tagged or put to use since', async () => {
    const gone = await danglingImage(docker)
    const tagged = await danglingImage(docker)
    const used = await danglingImage(docker)
    const preview = (await previewImagePrune(docker, false)).images.map((i) => i.id)
    const later = await danglingImage(docker)
    const tag = `${uniqueName('berth-test/kept')}:1`
    await cli(['tag', tagged, tag])
    const user = await createContainer(docker, { image: used })
    const result = await pruneImages(docker, preview, false)
    assert.ok(result.removed.includes(gone))
    assert.match(result.kept.find((k) => k.id === tagged)?.reason ?? '', /tagged/)
    assert.match(result.kept.find((k) => k.id === used)?.reason ?? '', /used by the container/)
    await docker.getImage(later).inspect() // made after the preview: untouched
    await docker.getImage(tagged).inspect()
    await docker.getContainer(user.Id).remove()
    for (const ref of [later, tag, used]) await docker.getImage(ref).remove().catch(alreadyGone)
  })

  it('with -a previews every image no container uses, tagged or not', async () => {
    const tag = `${uniqueName('berth-test/unused')}:1`
    const id = await danglingImage(docker)
    await cli(['tag', id, tag])
    const inUse = await createContainer(docker)
    const all = await previewImagePrune(docker, true)
    assert.ok(all.images.some((i) => i.id === id && i.tags.includes(tag)))
    assert.ok(!all.images.some((i) => i.id === inUse.Image), 'the image a container uses stays')
    assert.ok(!(await previewImagePrune(docker, false)).images.some((i) => i.id === id), 'a tagged image is not dangling')
    const result = await pruneImages(docker, [id], true)
    assert.deepEqual(result.removed, [id], JSON.stringify(result.kept))
    await assert.rejects(docker.getImage(id).inspect())
  })

  it('sums disk usage as docker system df does', async () => {
    const writer = await createContainer(docker, { cmd: ['sh', '-c', 'head -c 9000 /bin/busybox > /f'], start: true })
    // Measured once it has exited: running, it would count as active for one side and not the other.
    await docker.getContainer(writer.Id).wait()
    const usage = await diskUsage(docker)
    const rows = (await cli(['system', 'df', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Active: string })
    const kinds = { Images: 'images', Containers: 'containers', 'Local Volumes': 'volumes', 'Build Cache': 'build-cache' } as const
    for (const row of rows) {
      const ours = usage.rows.find((r) => r.kind === kinds[row.Type as keyof typeof kinds])
      assert.ok(ours, row.Type)
      assert.equal(String(ours.total), row.TotalCount, `${row.Type} count`)
      assert.equal(String(ours.active), row.Active, `${row.Type} active`)
    }
  })
})
