// "No network for RUN" holds on both engines: Docker takes `networkmode=none`; Podman's compatible
// API reads that word as its default (the host's network) and needs its own form. Run on both
// (--engine podman).
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { buildImage } from '@main/engine/build/build'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { alreadyGone, BUSYBOX_IMAGE, testDocker } from '../../env/session'

const docker = testDocker()
const folder = mkdtempSync(join(tmpdir(), 'berth-build-net-'))
after(() => rmSync(folder, { recursive: true, force: true }))

it('a RUN step of a build with no network sees only the loopback interface', { timeout: 120_000 }, async () => {
  writeFileSync(join(folder, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')} && ls /sys/class/net\n`)
  const lines: string[] = []
  const { result } = await buildImage(docker, 'net', { folder, tags: [], buildArgs: [], builder: 'classic', network: 'none' }, { onOutput: (l) => lines.push(...l.filter((x) => x.step !== undefined).map((x) => x.text)) })
  assert.equal(result.failure, undefined, result.failure?.message)
  assert.deepEqual(lines.slice(1), ['lo'])
})

// The test engine runs without a bridge (dockerd --bridge=none), as some hosts do. BuildKit then
// fails every RUN that was given no network with `network bridge not found`, and so does the CLI.
const noBuildKit = testEngineKind() === 'podman' && "Podman's Docker API has no BuildKit, whose RUN steps are the ones that ask for the bridge"
it('a RUN on an engine with no bridge network names the cause and the fix once; the step keeps the engine’s words', { timeout: 120_000, skip: noBuildKit }, async () => {
  writeFileSync(join(folder, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')}\n`)
  // The CLI, on the same engine, fails the same way: the cause is the engine's.
  const refused = await cli(['build', '--no-cache', folder], { env: { DOCKER_BUILDKIT: '1' } }).then(() => 'built', (err: Error) => err.message)
  assert.match(refused, /network bridge not found/)

  const failed = (await buildImage(docker, 'net', { folder, tags: [], buildArgs: [], builder: 'buildkit' })).result
  assert.equal(failed.failure?.fix, 'network-none')
  assert.equal(
    failed.failure?.message,
    'A RUN step needs a network, and this engine has no "bridge" network to give it (it was started without one). If the steps need no network, build with "No network for RUN" (--network=none); otherwise build on an engine that has a bridge network.',
  )
  const step = failed.steps.find((s) => s.id === failed.failure?.step)
  assert.match(step?.error ?? '', /network bridge not found/)

  // The fix it names works, for Berth and the CLI alike.
  const fixed = (await buildImage(docker, 'net', { folder, tags: [], buildArgs: [], builder: 'buildkit', network: 'none' })).result
  assert.equal(fixed.failure, undefined)
  assert.ok(fixed.imageId)
  const built = await cli(['build', '-q', '--no-cache', '--network=none', folder], { env: { DOCKER_BUILDKIT: '1' } })
  await cli(['rmi', built.trim()])
  await docker.getImage(fixed.imageId!).remove().catch(alreadyGone)
})
