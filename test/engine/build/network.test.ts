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
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'

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
