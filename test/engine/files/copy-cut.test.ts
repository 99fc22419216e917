// A copy out of a container whose archive breaks off mid-file, because the connection to the engine
// is cut (a relay between Berth and the real engine drops it part-way through the engine's answer,
// as an engine that stops does): the error names the file and how far it got, and no partial file
// is left under its name (nor a replaced one lost).
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import type { FileTarget } from '@common/contract/volumes'
import { EngineError } from '@main/engine/errors'
import { copyOut } from '@main/engine/files/copy'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { startRelay, type SocketRelay } from '../../env/socket-relay'

const MB = 1024 * 1024

describe('a copy cut short (real engine, connection cut part-way)', () => {
  const docker = testDocker()
  const dirs: string[] = []
  const relays: SocketRelay[] = []
  let source: FileTarget

  /** A relay that drops the connection once this much of the engine's answer has passed. */
  async function cutAfter(bytes: number): Promise<SocketRelay> {
    const relay = await startRelay({ fault: { cutAfterBytes: bytes } })
    relays.push(relay)
    return relay
  }
  const hostDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cut-'))
    dirs.push(dir)
    return dir
  }

  before(async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "mkdir /logs && head -c 10485760 /dev/zero | tr '\\0' x > /logs/app.log"], start: true })
    await docker.getContainer(c.Id).wait()
    source = { kind: 'container', id: c.Id }
  })
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.close()))
  })
  after(async () => {
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))
    await removeTestContainers(docker)
  })

  it('copies the whole file when nothing cuts it (the relay itself loses nothing)', async () => {
    const relay = await cutAfter(100 * MB)
    const dir = hostDir()
    await copyOut(relay.docker, source, '/logs', dir)
    assert.equal(readFileSync(join(dir, 'logs', 'app.log')).length, 10 * MB)
  })

  it('names the file and how far it got, and leaves no partial file', async () => {
    const relay = await cutAfter(Math.round(3.2 * MB))
    const dir = hostDir()
    const error = await copyOut(relay.docker, source, '/logs', dir).then(() => null, (err: unknown) => err)
    assert.ok(error instanceof EngineError, `an EngineError, not ${String(error)}`)
    assert.equal(error.code, 'engine-unreachable')
    const got = /^Copy of "app\.log" stopped at (\d+\.\d) MB of 10\.0 MB: the Docker engine stopped\./.exec(error.message)
    assert.ok(got, error.message)
    // How far it got: what Berth had read of the file when the connection went, at most what the relay let through.
    assert.ok(Number(got[1]) <= 3.2, error.message)
    assert.deepEqual(readdirSync(join(dir, 'logs')), [], 'neither app.log nor a temporary file is left')
  })

  it('keeps the file it was to replace when the copy over it is cut', async () => {
    const relay = await cutAfter(2 * MB)
    const dir = hostDir()
    const logs = join(dir, 'logs')
    mkdirSync(logs)
    writeFileSync(join(logs, 'app.log'), 'the old one')
    await assert.rejects(copyOut(relay.docker, source, '/logs', dir, { overwrite: true }), /Copy of "app\.log" stopped at [0-2]\.\d MB of 10\.0 MB/)
    assert.deepEqual(readdirSync(logs), ['app.log'])
    assert.equal(readFileSync(join(logs, 'app.log'), 'utf8'), 'the old one')
  })
})
