// Builds when the engine is not what Berth hoped: one that goes away mid-step ends at once with a
// failure that says so and can be retried (issue 12); one with no BuildKit (Podman's compatible API,
// the real service under `--engine podman`) builds with its classic builder and says so. The engine
// goes away for real: a unix-socket relay between Berth and the private engine cuts every
// connection while a step runs, as an engine that stops does.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { buildImage, PODMAN_BUILDER } from '@main/engine/build/build'
import { openSession } from '@main/engine/build/session'
import { processRunningWith } from '../../env/daemon'
import { testEngineKind } from '../../env/engine'
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'
import { NO_UPGRADES, startRelay } from '../../env/socket-relay'
import { docker as cli } from '../../env/docker-cli'
import { CONTAINER_RUN_MS, eventually, IMAGE_TRANSFER_MS } from '../../env/wait'

const made: string[] = []
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-faults-'))
  made.push(dir)
  writeFileSync(join(dir, 'Dockerfile'), dockerfile)
  return dir
}

describe('builds when the engine goes away or has no BuildKit', () => {
  for (const builder of ['buildkit', 'classic'] as const) {
    // The step would run for ten minutes: a build that waited for it ends in this test's timeout.
    it(`ends with a failure that says so (${builder})`, { timeout: 2 * IMAGE_TRANSFER_MS }, async () => {
      const marker = randomBytes(4).toString('hex')
      const dir = context(`FROM ${BUSYBOX_IMAGE}\nRUN echo ${marker} && sleep 600\n`)
      const link = await startRelay()
      let cut = false
      const { result } = await buildImage(link.docker, 'drop', { folder: dir, tags: [], buildArgs: [], builder, network: 'none' }, {
        // Once the step has printed its marker its process runs: the engine goes then.
        onOutput: (lines) => {
          if (!cut && lines.some((l) => l.step !== undefined && l.text === marker)) {
            cut = true
            link.cut()
          }
        },
      })
      await link.close()
      assert.ok(cut, 'the step started')
      assert.equal(result.cancelled, false)
      assert.equal(result.imageId, undefined)
      assert.equal(result.failure?.engineGone, true, result.failure?.message)
      assert.match(result.failure?.message ?? '', /stopped answering.*Retry/)
      // The engine ends the build whose client went away: nothing of it is left running.
      await eventually(() => !processRunningWith(marker), "the RUN step's process to end", CONTAINER_RUN_MS)
    })
  }

  if (testEngineKind() === 'podman') {
    it('builds with the classic builder, saying so, on Podman, whose API opens no BuildKit session', async () => {
      const docker = testDocker()
      // What the note stands on: the real service refuses a session (it is not gone, it has none).
      await assert.rejects(openSession(docker), (err: { statusCode?: number }) => err.statusCode === 404)
      const dir = context(`FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')}\n`)
      const { result } = await buildImage(docker, 'nosession', { folder: dir, tags: [], buildArgs: [], builder: 'buildkit', network: 'none' })
      assert.equal(result.failure, undefined, result.failure?.message)
      assert.equal(result.builder, 'classic')
      assert.equal(result.note, PODMAN_BUILDER)
      assert.match(result.steps[1]?.position ?? '', /^2\/2$/)
    })
  } else {
    it('builds with BuildKit on Docker, which opens a session, and says nothing about it', async () => {
      const docker = testDocker()
      ;(await openSession(docker)).close()
      const dir = context(`FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')}\n`)
      const { result } = await buildImage(docker, 'session', { folder: dir, tags: [], buildArgs: [], builder: 'buildkit', network: 'none' })
      assert.equal(result.failure, undefined, result.failure?.message)
      assert.equal(result.builder, 'buildkit')
      assert.equal(result.note, undefined)
    })

    it('builds with the classic builder, saying why, where a session cannot open (a proxy that passes no upgrades)', async () => {
      const link = await startRelay({ fault: 'no-upgrades' })
      try {
        await assert.rejects(openSession(link.docker), new RegExp(NO_UPGRADES))
        const marker = randomBytes(4).toString('hex')
        const dir = context(`FROM ${BUSYBOX_IMAGE}\nRUN echo ${marker}\n`)
        const tag = `berth-test/no-session-${marker}:latest`
        const { result } = await buildImage(link.docker, 'nosession', { folder: dir, tags: [tag], buildArgs: [], builder: 'buildkit', network: 'none' })
        assert.equal(result.failure, undefined, result.failure?.message)
        assert.equal(result.builder, 'classic')
        assert.match(result.note ?? '', new RegExp(`opened no BuildKit session \\(.*${NO_UPGRADES}.*\\), so it built with its classic builder`))
        assert.ok(result.steps.some((step) => step.instruction.startsWith('RUN echo')), 'the classic builder\'s steps are read')
        // The oracle: the engine holds the image under the tag, as the id the build reported.
        assert.equal(await cli(['image', 'inspect', '--format', '{{.Id}}', tag]), result.imageId)
        await cli(['rmi', tag])
      } finally {
        await link.close()
      }
    })
  }
})
