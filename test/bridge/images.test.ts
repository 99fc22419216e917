// The images calls sent through the real router to the real engine, each compared with what the
// docker CLI reports on the same engine: list (`docker images`), inspect (`docker image inspect`),
// history (`docker history`) and prune in two steps (`docker image prune`). Bad input is refused in a
// sentence, and removes nothing.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { HELPER_LABEL } from '@main/engine/volumes/helper-image'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { buildImage, docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'

const STEPS = `FROM ${BUSYBOX_IMAGE}
LABEL team=a
ENV GREETING=hello
EXPOSE 8080/tcp
VOLUME /data
WORKDIR /srv
RUN head -c 5000 /bin/busybox > /srv/blob
USER 1000
CMD ["sh"]
`

const lines = (text: string) => text.split('\n').filter(Boolean)
/** Ids of the images `docker images` lists (no intermediate ones). */
const cliImageIds = async () => new Set(lines(await cli(['images', '-q', '--no-trunc'])))
/** `docker history --human=false`, newest first. */
const cliHistory = async (ref: string) =>
  lines(await cli(['history', '--no-trunc', '--human=false', '--format', '{{json .}}', ref])).map(
    (l) => JSON.parse(l) as { ID: string; CreatedAt: string; CreatedBy: string; Size: string; Comment: string },
  )

/** A new untagged image no container uses, as a rebuild leaves behind: a container's layer committed. */
async function danglingImage(): Promise<string> {
  const id = await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE, 'sh', '-c', `echo ${Math.random()} > /marker`])
  await cli(['start', id])
  await cli(['wait', id])
  // Its id as docker image inspect gives it: Podman's commit answers it without "sha256:".
  const image = await cli(['image', 'inspect', '--format', '{{.Id}}', await cli(['commit', id])])
  await cli(['rm', id])
  return image
}

describe('images: list, inspect, history and prune over the bridge (real engine, the CLI as the oracle)', () => {
  let b: TestBridge
  const tag = `${uniqueName('berth-test/bridge-image')}:1`
  const alias = `${uniqueName('berth-test/bridge-alias')}:2`
  let id = ''
  before(async () => {
    b = testBridge()
    id = await buildImage(tag, STEPS)
    await cli(['tag', tag, alias])
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
    for (const ref of [tag, alias]) await cli(['rmi', ref]).catch(() => {})
  })

  it('lists one row per tag, as docker images does, and counts the containers each image has', async () => {
    const users = [uniqueName('berth-user'), uniqueName('berth-user')]
    for (const name of users) await cli(['create', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', tag])
    // A bridge of its own: its first list is read from the engine now, after the changes above.
    const fresh = testBridge()
    try {
      const { items } = valueOf(await fresh.call('images', 'list', {}))
      const ours = items.map((i) => `${i.repository}:${i.tag} ${i.id}`).sort()
      const helpers = new Set(lines(await cli(['images', '-q', '--no-trunc', '--filter', `label=${HELPER_LABEL}`])))
      const theirs = lines(await cli(['images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']))
        .filter((row) => !helpers.has(row.split(' ')[1] ?? ''))
        .sort()
      assert.deepEqual(ours, theirs)
      const rows = items.filter((i) => i.id === id)
      assert.deepEqual(rows.map((r) => r.reference).sort(), [alias, tag].sort())
      const imageOf = await Promise.all(lines(await cli(['ps', '-aq', '--no-trunc'])).map((c) => cli(['inspect', '--format', '{{.Image}}', c])))
      for (const row of rows) {
        assert.equal(row.containers, imageOf.filter((image) => image === id).length, 'containers made from it, by docker inspect')
        assert.deepEqual([...row.usedBy].sort(), [...users].sort())
      }
    } finally {
      fresh.close()
      await cli(['rm', ...users])
    }
    assert.match(refusal(await b.call('images', 'list', { all: true }), 'invalid-input'), /unknown field "all"/)
  })

  it('inspect answers what docker image inspect reports', async () => {
    const detail = valueOf(await b.call('images', 'inspect', { reference: alias }))
    const info = (JSON.parse(await cli(['image', 'inspect', alias])) as Dockerode.ImageInspectInfo[])[0]!
    assert.equal(detail.id, info.Id)
    assert.deepEqual([...detail.repoTags].sort(), [...info.RepoTags].sort())
    assert.equal(detail.os, info.Os)
    assert.equal(detail.architecture, info.Architecture)
    assert.equal(detail.size, info.Size)
    assert.equal(detail.created, info.Created)
    assert.deepEqual(detail.cmd, info.Config.Cmd)
    assert.deepEqual(detail.env, info.Config.Env)
    assert.ok(detail.env.includes('GREETING=hello'))
    assert.equal(detail.workdir, '/srv')
    assert.equal(detail.user, '1000')
    assert.deepEqual(detail.exposedPorts, Object.keys(info.Config.ExposedPorts ?? {}))
    assert.deepEqual(detail.exposedPorts, ['8080/tcp'])
    assert.deepEqual(detail.volumes, ['/data'])
    assert.deepEqual(detail.labels, info.Config.Labels)
    assert.equal(detail.labels.team, 'a')
    assert.deepEqual(detail.layers, info.RootFS.Layers)
    assert.deepEqual(JSON.parse(detail.raw).RootFS, info.RootFS)
  })

  it('history answers what docker history reports, base first, and what it shares with the image it was built from', async () => {
    const history = valueOf(await b.call('images', 'history', { reference: tag }))
    const rows = (await cliHistory(tag)).reverse()
    assert.deepEqual(
      history.steps.map((s) => ({ id: s.id, createdBy: s.createdBy, size: s.size, comment: s.comment, created: s.created })),
      rows.map((r) => ({ id: r.ID, createdBy: r.CreatedBy, size: Number(r.Size), comment: r.Comment, created: Date.parse(r.CreatedAt) / 1000 })),
    )
    assert.equal(history.totalSize, rows.reduce((sum, r) => sum + Number(r.Size), 0))
    // Its base is the fixture, stored once: every step of the fixture's history is shared.
    const base = await cliHistory(BUSYBOX_IMAGE)
    assert.equal(history.sharedSize, base.reduce((sum, r) => sum + Number(r.Size), 0))
    assert.equal(history.uniqueSize, history.totalSize - history.sharedSize)
    assert.ok(history.uniqueSize >= 5000, 'the blob is its own')
    const first = history.steps.find((s) => s.layer)
    assert.ok(first?.sharedWith.some((name) => name.endsWith(BUSYBOX_IMAGE)), JSON.stringify(first))
  })

  it('inspect and history refuse bad references and an image that is not there, in a sentence', async () => {
    for (const name of ['inspect', 'history'] as const) {
      assert.match(refusal(await b.call('images', name, { reference: 'Bad Name' }), 'invalid-input'), /^Berth refused the request: reference is not an image id or reference\.$/)
      assert.match(refusal(await b.call('images', name, { reference: tag, extra: 1 }), 'invalid-input'), /unknown field "extra"/)
      assert.match(refusal(await b.call('images', name, { reference: 'berth-test/nothing-here:1' }), 'not-found'), /berth-test\/nothing-here:1/)
    }
  })

  it('the prune preview lists exactly what docker image prune removes; with all, every image no container uses', async () => {
    const dangling = [await danglingImage(), await danglingImage()]
    const kept = await danglingImage()
    await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', kept])
    const preview = valueOf(await b.call('images', 'prunePreview', { all: false }))
    const ids = preview.images.map((i) => i.id)
    assert.ok(dangling.every((d) => ids.includes(d)) && !ids.includes(kept), 'dangling and unused only')
    assert.ok(preview.space > 0)

    const everyUnused = valueOf(await b.call('images', 'prunePreview', { all: true }))
    const used = new Set(await Promise.all(lines(await cli(['ps', '-aq', '--no-trunc'])).map((c) => cli(['inspect', '--format', '{{.Image}}', c]))))
    const unused = [...(await cliImageIds())].filter((image) => !used.has(image))
    assert.deepEqual(everyUnused.images.map((i) => i.id).sort(), unused.sort())
    assert.ok(everyUnused.images.some((i) => i.id === id && i.tags.length === 2), 'tagged ones too')

    const before = await cliImageIds()
    await cli(['image', 'prune', '-f'])
    const after = await cliImageIds()
    assert.deepEqual(ids.sort(), [...before].filter((image) => !after.has(image)).sort())
  })

  it('prune removes only what the preview listed, keeping one tagged or put to use since and saying why', async () => {
    const gone = await danglingImage()
    const taggedSince = await danglingImage()
    const usedSince = await danglingImage()
    const preview = valueOf(await b.call('images', 'prunePreview', { all: false })).images.map((i) => i.id)
    const madeSince = await danglingImage()
    const name = `${uniqueName('berth-test/tagged-since')}:1`
    await cli(['tag', taggedSince, name])
    await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', usedSince])
    const result = valueOf(await b.call('images', 'prune', { ids: preview, all: false }))
    assert.ok(result.removed.includes(gone))
    assert.match(result.kept.find((k) => k.id === taggedSince)?.reason ?? '', /was tagged .* after the preview, so it stays/)
    assert.match(result.kept.find((k) => k.id === usedSince)?.reason ?? '', /is now used by the container .*, so it stays/)
    const left = await cliImageIds()
    assert.ok(!left.has(gone), 'docker images no longer lists it')
    assert.ok(left.has(taggedSince) && left.has(usedSince) && left.has(madeSince), 'never more than the user saw')
    await removeTestContainers(testDocker())
    for (const ref of [name, usedSince, madeSince]) await cli(['rmi', ref])
  })

  it('prune refuses ids that are not full image ids, removes nothing, and says which are gone', async () => {
    const dangling = await danglingImage()
    for (const input of [{ ids: [dangling.slice(7, 19)], all: false }, { ids: [tag], all: false }, { ids: [dangling] }, { ids: [dangling], all: 'yes' }]) {
      assert.match(refusal(await b.call('images', 'prune', input), 'invalid-input'), /^Berth refused the request: .+\.$/, JSON.stringify(input))
    }
    const nobody = `sha256:${'f'.repeat(64)}`
    const result = valueOf(await b.call('images', 'prune', { ids: [nobody], all: false }))
    assert.deepEqual(result.removed, [])
    assert.match(result.kept[0]?.reason ?? '', /No image .*exists/)
    assert.ok((await cliImageIds()).has(dangling), 'nothing was removed')
    await cli(['rmi', dangling])
  })
})
