import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assignLayers, imageHistory, inspectImage } from '@main/engine/images/history'
import { buildImage, docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { alreadyGone, BUSYBOX_IMAGE, testDocker, uniqueName } from '../../env/session'

const podman = testEngineKind() === 'podman'

const STEPS = `FROM ${BUSYBOX_IMAGE}
RUN echo one > /one.txt
ENV GREETING=hello
RUN mkdir -p /data && head -c 20000 /bin/busybox > /data/blob
WORKDIR /app
COPY hello.txt /app/
LABEL berth.test.kind=history
EXPOSE 8080/tcp
CMD ["sh", "-c", "cat /app/hello.txt"]
`

/** The image's config as `docker save` writes it: its history marks the steps that made no layer. */
async function savedConfig(tag: string): Promise<{ history: Array<{ empty_layer?: boolean }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-save-'))
  try {
    const archive = join(dir, 'image.tar')
    await cli(['save', '-o', archive, tag])
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' })) as Array<{ Config: string }>
    return JSON.parse(execFileSync('tar', ['-xOf', archive, manifest[0]?.Config ?? ''], { encoding: 'utf8' }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface CliHistoryRow {
  ID: string
  CreatedBy: string
  Size: string
  Comment: string
}

describe('image history and layers (real engine, docker history as the oracle)', () => {
  let docker: Dockerode
  const made: string[] = []
  before(() => {
    docker = testDocker()
  })
  after(async () => {
    for (const tag of made) await cli(['rmi', tag]).catch(alreadyGone)
  })

  for (const builder of ['classic', 'buildkit'] as const) {
    const skip = builder === 'buildkit' && podman && "Podman's Docker API has no BuildKit: the CLI cannot build with it there"
    it(`matches docker history --no-trunc for a ${builder} build: ids, instructions, sizes`, { skip }, async () => {
      const tag = `${uniqueName('berth-test/history')}:${builder}`
      made.push(tag)
      await buildImage(tag, STEPS, { 'hello.txt': 'hello from the test\n' }, builder)
      const rows = (await cli(['history', '--no-trunc', '--human=false', '--format', '{{json .}}', tag]))
        .split('\n')
        .map((line) => JSON.parse(line) as CliHistoryRow)
        .reverse()
      const ours = await imageHistory(docker, tag)
      assert.equal(ours.steps.length, rows.length)
      ours.steps.forEach((step, i) => {
        const row = rows[i] as CliHistoryRow
        assert.equal(step.id, row.ID, `step ${i} id`)
        // The CLI prints tabs as spaces.
        assert.equal(step.createdBy.replace(/\t/g, ' '), row.CreatedBy, `step ${i} instruction`)
        assert.equal(String(step.size), row.Size, `step ${i} size`)
      })
      // Every layer of the image belongs to exactly one step, in order.
      const info = await inspectImage(docker, tag)
      assert.deepEqual(ours.steps.flatMap((s) => (s.layer ? [s.layer] : [])), info.layers)
      // …and to the step the image's own config says made it (its history's empty_layer marks, read from docker save).
      const config = await savedConfig(tag)
      assert.deepEqual(ours.steps.map((s) => !s.layer), config.history.map((h) => h.empty_layer === true))
      // Podman counts an image's size otherwise than the sum of its layers' (tar headers): only Docker's agree.
      if (!podman) assert.equal(ours.totalSize, info.size)
      assert.deepEqual(info.exposedPorts, ['8080/tcp'])
      assert.equal(info.workdir, '/app')
      assert.ok(info.env.includes('GREETING=hello'))
      assert.equal(info.labels['berth.test.kind'], 'history')
      assert.deepEqual(info.cmd, ['sh', '-c', 'cat /app/hello.txt'])
      assert.ok(JSON.parse(info.raw).Id === info.id)
      if (builder === 'buildkit') assert.ok(ours.steps.some((s) => s.id === '<missing>'), 'BuildKit keeps no image per step')
    })
  }

  it('counts the layers two images share once, as the engine does for docker system df -v', async () => {
    const a = `${uniqueName('berth-test/shared-a')}:1`
    const b = `${uniqueName('berth-test/shared-b')}:1`
    made.push(a, b)
    const idA = await buildImage(a, `FROM ${BUSYBOX_IMAGE}\nRUN head -c 30000 /bin/busybox > /a\n`)
    await buildImage(b, `FROM ${BUSYBOX_IMAGE}\nRUN head -c 50000 /bin/busybox > /b\n`)
    const history = await imageHistory(docker, a)
    const base = await imageHistory(docker, BUSYBOX_IMAGE)
    const own = history.steps[history.steps.length - 1]
    assert.ok(own && own.sharedWith.length === 0 && own.size > 0, 'the step only this image has is not shared')
    for (const step of history.steps.slice(0, -1)) {
      if (step.layer) assert.ok(step.sharedWith.includes(b) && step.sharedWith.includes(BUSYBOX_IMAGE), `the base layers are held by the other image too: ${step.sharedWith.join(', ')}`)
    }
    assert.equal(history.sharedSize, base.totalSize, 'the shared part is the base image, once')
    assert.equal(history.uniqueSize, own.size)
    // The engine's own figure, the one docker system df -v prints as SHARED SIZE. Podman 4.3's df gives
    // every image a SharedSize equal to its whole Size, counted with tar headers: not comparable.
    if (podman) return
    const df = (await docker.df()) as { Images: Array<{ Id: string; SharedSize: number; Size: number }> }
    const engineRow = df.Images.find((i) => i.Id === idA)
    assert.equal(history.sharedSize, engineRow?.SharedSize)
    assert.equal(history.totalSize, engineRow?.Size)
  })

  it('gives each layer to the step that made it, when a step added no bytes', () => {
    const steps = [
      { size: 100, createdBy: 'COPY busybox /bin/busybox' },
      { size: 0, createdBy: '/bin/sh -c #(nop)  ENV A=1' },
      { size: 0, createdBy: '/bin/sh -c rm /tmp/x' },
      { size: 5, createdBy: '/bin/sh -c echo > /y' },
    ]
    assert.deepEqual(assignLayers(steps, ['l1', 'l2', 'l3']), ['l1', undefined, 'l2', 'l3'])
    assert.deepEqual(assignLayers(steps, ['l1', 'l3']), ['l1', undefined, undefined, 'l3'])
  })
})
