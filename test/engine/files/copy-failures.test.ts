// A copy into a place that refuses it must fail with a reason and let go of the host files it was
// reading: an open descriptor per failed drop would pile up for as long as the app runs.
import { strict as assert } from 'node:assert'
import { closeSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { copyIn } from '@main/engine/files/copy'
import type { EngineError } from '@main/engine/errors'
import { BUSYBOX_IMAGE, createContainer, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { testEngineKind } from '../../env/engine'
import { IDLE, TEST_LABEL } from '../../env/fixtures'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

/** Paths this process holds open, as the kernel lists them. */
function openPaths(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)]
    } catch {
      return [] // the descriptor readdir itself used, already closed
    }
  })
}

const isCode = (code: string, pattern: RegExp) => (err: EngineError) => err.code === code && pattern.test(err.message)

describe('copyIn that fails releases the host file (real engine)', () => {
  let docker: Dockerode
  const host = mkdtempSync(join(tmpdir(), 'berth-fd-'))
  // Far bigger than every buffer on the way (tar pack, socket), so the file is still being read
  // when the engine answers with its refusal.
  const big = join(host, 'big.bin')
  before(() => {
    docker = testDocker()
    const fd = openSync(big, 'w')
    const chunk = Buffer.alloc(1024 * 1024, 7)
    for (let i = 0; i < 64; i++) writeSync(fd, chunk)
    closeSync(fd)
  })
  afterEach(() => removeTestContainers(docker))
  after(() => rmSync(host, { recursive: true, force: true }))

  const released = () => eventually(() => !openPaths().includes(big), `the descriptor on ${big} to be closed`, ENGINE_ANSWER_MS)

  it('into a folder that does not exist: not-found, and the file is closed', async () => {
    const c = await createContainer(docker)
    const copy = copyIn(docker, { kind: 'container', id: c.Id }, '/no/such/dir', [big])
    // Podman makes the missing folders, as its own `docker cp` does: nothing is refused there.
    if (testEngineKind() === 'podman') await copy
    else await assert.rejects(copy, isCode('not-found', /"\/no\/such\/dir"/))
    await released()
  })

  it('into a container that does not exist: not-found, and the file is closed', async () => {
    const id = uniqueName('berth-gone')
    await assert.rejects(copyIn(docker, { kind: 'container', id }, '/', [big]), isCode('not-found', /No container/))
    await released()
  })

  it('into a read-only root: refused, and the file is closed', async () => {
    const container = await docker.createContainer({
      Image: BUSYBOX_IMAGE,
      Cmd: IDLE,
      Labels: { [TEST_LABEL]: '1' },
      HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true },
    })
    // Running: Podman writes into a container it has not started whatever its --read-only.
    await container.start()
    await assert.rejects(copyIn(docker, { kind: 'container', id: container.id }, '/', [big]), isCode('unauthorized', /read-only/))
    await released()
  })
})
