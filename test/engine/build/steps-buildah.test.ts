// Podman's compatible /build streams Buildah's lines, not Docker's: `STEP 2/6: …`, `--> Using cache
// <id>`, `--> <id>`, `COMMIT …`, the image id. Real builds on the real Podman service (the run's
// engine under `--engine podman`, else a private one of this file's own), read into steps as the
// page shows them.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { buildImage } from '@main/engine/build/build'
import type { BuildOutputLine, BuildResult } from '@common/contract/build'
import { startPrivateEngine, testEngineKind, type PrivateEngine } from '../../env/engine'
import { copyFixtureImage } from '../../env/private-images'
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'

const made: string[] = []

async function build(docker: Dockerode, files: Record<string, string>, folder = mkdtempSync(join(tmpdir(), 'berth-buildah-'))) {
  made.push(folder)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text)
  const lines: BuildOutputLine[] = []
  const { result } = await buildImage(docker, 'buildah', { folder, tags: [], buildArgs: [], builder: 'classic', network: 'none' }, { onOutput: (l) => lines.push(...l) })
  const outputOf = (position: string) => lines.filter((l) => l.step === result.steps.find((s) => s.position === position)?.id).map((l) => l.text)
  const own = lines.filter((l) => l.step === undefined).map((l) => l.text)
  return { result, outputOf, own, folder }
}

const summary = (result: BuildResult) => result.steps.map((s) => `${s.position} ${s.state} ${s.instruction}`)

describe('Buildah output (the real Podman service)', () => {
  let podman: PrivateEngine | undefined
  let docker: Dockerode
  before(async () => {
    if (testEngineKind() === 'podman') {
      docker = testDocker()
      return
    }
    podman = await startPrivateEngine('podman')
    await copyFixtureImage(podman.host)
    docker = testDocker(podman.host)
  })
  after(async () => {
    made.forEach((d) => rmSync(d, { recursive: true, force: true }))
    await podman?.destroy()
  })

  const stamp = randomBytes(4).toString('hex')
  const app = (name: string) => ({
    Dockerfile: `FROM ${BUSYBOX_IMAGE}\nRUN echo ${stamp}\nWORKDIR /app\nCOPY . .\nRUN echo npm ci && cat package.json\nRUN ls -R\n`,
    // No newline at its end: Buildah's `--> <id>` comes glued to the last line `cat` prints.
    'package.json': `{"name":"${name}"}`,
  })
  let first: Awaited<ReturnType<typeof build>>

  it('a first build: every step ran, each with its own output', async () => {
    first = await build(docker, app('e2e'))
    const { result, outputOf, own } = first
    assert.equal(result.failure, undefined, result.failure?.message)
    assert.deepEqual(summary(result), [
      `1/6 done FROM ${BUSYBOX_IMAGE}`,
      `2/6 done RUN echo ${stamp}`,
      '3/6 done WORKDIR /app',
      '4/6 done COPY . .',
      '5/6 done RUN echo npm ci && cat package.json',
      '6/6 done RUN ls -R',
    ])
    assert.deepEqual(outputOf('2/6'), [stamp])
    assert.deepEqual(outputOf('5/6'), ['npm ci', '{"name":"e2e"}'])
    assert.ok(outputOf('6/6').includes('package.json'), outputOf('6/6').join('|'))
    assert.match(result.imageId ?? '', /^sha256:[0-9a-f]{64}$/)
    // Buildah's bookkeeping is the builder's, not a step's output.
    assert.ok(own.some((l) => /^COMMIT/.test(l)), own.join('\n'))
    for (const s of result.steps) assert.ok(!outputOf(s.position).some((l) => /^--> /.test(l)), `${s.position}: ${outputOf(s.position).join('|')}`)
  })

  it('a rebuild after a source change: the steps before COPY came from the cache', async () => {
    const { result } = await build(docker, { 'package.json': '{"name":"changed"}' }, first.folder)
    assert.equal(result.failure, undefined, result.failure?.message)
    assert.deepEqual(
      result.steps.map((s) => `${s.position} ${s.state}`),
      ['1/6 done', '2/6 cached', '3/6 cached', '4/6 done', '5/6 done', '6/6 done'],
    )
  })

  it('a failed RUN: its step failed, with its output and Buildah’s reason', async () => {
    const { result, outputOf } = await build(docker, { Dockerfile: `FROM ${BUSYBOX_IMAGE}\nRUN echo about-to-fail && exit 7\n` })
    assert.deepEqual(
      result.steps.map((s) => `${s.position} ${s.state}`),
      ['1/2 done', '2/2 failed'],
    )
    assert.deepEqual(outputOf('2/2'), ['about-to-fail'])
    assert.match(result.failure?.message ?? '', /exit status 7/)
    assert.equal(result.steps.find((s) => s.id === result.failure?.step)?.position, '2/2')
    assert.equal(result.imageId, undefined)
  })

  it('a multi-stage build: steps are counted per stage, named as BuildKit names unnamed stages', async () => {
    const { result, outputOf } = await build(docker, {
      Dockerfile: `FROM ${BUSYBOX_IMAGE} AS build\nRUN echo built-${stamp} > /out\nFROM ${BUSYBOX_IMAGE}\nCOPY --from=build /out /out\n`,
    })
    assert.equal(result.failure, undefined, result.failure?.message)
    assert.deepEqual(summary(result), [
      `stage-0 1/2 done FROM ${BUSYBOX_IMAGE} AS build`,
      `stage-0 2/2 done RUN echo built-${stamp} > /out`,
      `stage-1 1/2 done FROM ${BUSYBOX_IMAGE}`,
      'stage-1 2/2 done COPY --from=build /out /out',
    ])
    assert.deepEqual(outputOf('stage-0 2/2'), [])
  })
})
