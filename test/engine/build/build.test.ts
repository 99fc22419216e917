// Builds against the CLI oracle, for both builders: the steps Berth calls CACHED are the ones the
// CLI calls CACHED for the same context and the same edits, and the files a build sees after
// .dockerignore are the ones the CLI's build sees.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { buildImage } from '@main/engine/build/build'
import type { Builder, BuildRequest } from '@common/contract/build'
import { cliBuild, cliSteps } from '../../env/cli-oracle'
import { DOCKER_CLI } from '../../env/docker-cli'
import { processRunningWith } from '../../env/daemon'
import { testEngineKind } from '../../env/engine'
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'
import { CONTAINER_RUN_MS, eventually, IMAGE_TRANSFER_MS } from '../../env/wait'
import { execFileSync } from 'node:child_process'

const docker = testDocker()
const made: string[] = []
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

const request = (folder: string, builder: Builder, extra: Partial<BuildRequest> = {}): BuildRequest => ({
  folder,
  tags: [],
  buildArgs: [],
  builder,
  network: 'none',
  ...extra,
})

/** A small app whose install step reads only its manifest. The nonce keeps each run's cache its own. */
function appContext(nonce: string): string {
  const dir = tempDir('berth-build-app-')
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${BUSYBOX_IMAGE}`,
      `RUN echo ${nonce} > /nonce`,
      'WORKDIR /app',
      'COPY package.json ./',
      'RUN cp package.json installed.json',
      'COPY . .',
      'RUN ls -R /app > /listing',
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'package.json'), '{"name":"app"}\n')
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src', 'index.js'), 'console.log(1)\n')
  return dir
}

const edits: ((dir: string) => void)[] = [
  () => {},
  () => {},
  (dir) => writeFileSync(join(dir, 'src', 'index.js'), 'console.log(2)\n'),
  (dir) => writeFileSync(join(dir, 'package.json'), '{"name":"app","version":"2"}\n'),
  (dir) => writeFileSync(join(dir, 'src', 'new.js'), 'new\n'),
]

for (const builder of ['buildkit', 'classic'] as const) {
  const noBuildKit = builder === 'buildkit' && testEngineKind() === 'podman'
  const skip = noBuildKit && "Podman's Docker API has no BuildKit, so the CLI cannot build with it there (Berth's classic fallback is in engine-faults.test.ts)"
  describe(`build with ${builder}`, { skip }, () => {
    it('marks the same steps CACHED as the CLI, through the same edits', async () => {
      const berthDir = appContext(randomBytes(6).toString('hex'))
      const cliDir = appContext(randomBytes(6).toString('hex'))
      // BuildKit marks FROM CACHED only once it has loaded the base image: on a fresh engine the first
      // of the two builds would not, the second would. One build first makes the rounds start alike.
      await cliBuild(builder, ['--network=none', appContext(randomBytes(6).toString('hex'))])
      for (const [round, edit] of edits.entries()) {
        edit(berthDir)
        edit(cliDir)
        const { result } = await buildImage(docker, 'cache', request(berthDir, builder))
        assert.equal(result.failure, undefined, `round ${round}: ${result.failure?.message}`)
        assert.match(result.imageId ?? '', /^sha256:[0-9a-f]{64}$/)
        const cli = cliSteps(builder, await cliBuild(builder, ['--network=none', cliDir]))
        const ours = result.steps.map((s) => ({ position: s.position, cached: s.state === 'cached' }))
        assert.deepEqual(ours, cli.map((s) => ({ position: s.position, cached: s.cached })), `round ${round}`)
        assert.ok(cli.some((s) => !s.cached) || round === 1, 'every round but the unchanged one runs a step')
      }
    })

    it('sends the files the CLI sends under .dockerignore, the Dockerfile and .dockerignore always', async () => {
      const dirs = [tempDir('berth-build-ignore-'), tempDir('berth-build-ignore-cli-')]
      for (const dir of dirs) {
        writeFileSync(
          join(dir, 'Dockerfile'),
          `FROM ${BUSYBOX_IMAGE}\nCOPY . /ctx\nRUN find /ctx | sort > /list && echo ${randomBytes(4).toString('hex')}\n`,
        )
        writeFileSync(join(dir, '.dockerignore'), ['# comment', 'node_modules', '*.log', '!keep.log', 'secret/', 'docs/**/*.md', '!docs/a/important.md', '/Dockerfile', '.dockerignore', 'constructor', ''].join('\n'))
        for (const file of ['a.txt', 'x.log', 'keep.log', 'constructor', 'secret/key', 'docs/readme.md', 'docs/a/b.md', 'docs/a/important.md', 'docs/a/c.txt', 'node_modules/p/index.js', 'src/deep/x.js']) {
          mkdirSync(join(dir, file, '..'), { recursive: true })
          writeFileSync(join(dir, file), file)
        }
      }
      const list = (image: string) => execFileSync(DOCKER_CLI, ['run', '--rm', '--network=none', image, 'cat', '/list'], { env: process.env }).toString()
      const tag = `berth-test/ignore-${builder}:${randomBytes(3).toString('hex')}`
      const { result } = await buildImage(docker, 'ignore', request(dirs[0]!, builder, { tags: [`${tag}-berth`] }))
      assert.equal(result.failure, undefined, result.failure?.message)
      await cliBuild(builder, ['--network=none', '-t', `${tag}-cli`, dirs[1]!])
      let ours = list(`${tag}-berth`)
      if (builder === 'buildkit') {
        // Known difference: the CLI gives BuildKit the Dockerfile beside the context (a session), Berth
        // sends one tar, where BuildKit does not apply .dockerignore, so the two files it must send
        // stay visible to COPY . even when ignored.
        assert.match(ours, /\/ctx\/Dockerfile\n/)
        ours = ours.replace('/ctx/.dockerignore\n', '').replace('/ctx/Dockerfile\n', '')
      }
      assert.equal(ours, list(`${tag}-cli`))
      assert.match(ours, /\/ctx\/keep\.log/)
      assert.doesNotMatch(ours, /node_modules|secret|x\.log|readme\.md|constructor/)
    })
  })
}

describe('build failures and cancel', () => {
  it('names the failed step and keeps its output', async () => {
    const dir = tempDir('berth-build-fail-')
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ok\nRUN echo broken-${randomBytes(3).toString('hex')} && exit 3\n`)
    for (const builder of ['buildkit', 'classic'] as const) {
      const lines: string[] = []
      const { result } = await buildImage(docker, 'fail', request(dir, builder), { onOutput: (l) => lines.push(...l.filter((x) => x.step !== undefined).map((x) => x.text)) })
      assert.equal(result.imageId, undefined)
      const failed = result.steps.find((s) => s.state === 'failed')
      assert.ok(failed, `${builder}: a failed step`)
      assert.match(failed.instruction, /exit 3/)
      assert.equal(result.failure?.step, failed.id)
      assert.ok(lines.some((l) => l.includes('broken-')), `${builder}: the step's output`)
    }
  })

  // The step would run for ten minutes: a cancel that waited for it ends in this test's timeout.
  it('cancel stops the build in the engine', { timeout: 2 * IMAGE_TRANSFER_MS }, async () => {
    const dir = tempDir('berth-build-cancel-')
    const marker = randomBytes(4).toString('hex')
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ${marker} && sleep 600\n`)
    for (const builder of ['buildkit', 'classic'] as const) {
      const controller = new AbortController()
      let ran = false
      const { result } = await buildImage(docker, 'cancel', request(dir, builder), {
        signal: controller.signal,
        // Once the step has printed its marker its process runs: cancel then.
        onOutput: (lines) => {
          if (lines.some((l) => l.step !== undefined && l.text === marker)) {
            ran = true
            controller.abort()
          }
        },
      })
      assert.ok(ran, `${builder}: the step ran`)
      assert.equal(result.cancelled, true)
      // The step's process goes: the engine stopped the build, not just the stream.
      await eventually(() => !processRunningWith(marker), `${builder}: the RUN step's process to end`, CONTAINER_RUN_MS)
    }
  })
})
