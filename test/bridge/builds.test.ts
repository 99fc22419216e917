// The builds domain through the bridge's router: a bad tag or build-arg name is refused before
// anything is sent, a page cancels only its own builds, a build's events go to the page that
// started it, and completion offers folders only.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { callChannel } from '@common/contract/spec'
import type { Result } from '@common/contract/shared'
import type { BuildResult, PathCompletion } from '@common/contract/build'
import { BUSYBOX_IMAGE } from '../env/session'

describe('builds over the bridge', () => {
  let engine: Engine
  let bridge: Bridge
  const dir = mkdtempSync(join(tmpdir(), 'berth-bridge-build-'))
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-bridge-build-data-'))
  const events: { page: string; event: string }[] = []
  const page = (name: string): Caller => ({ send: (_d, event) => events.push({ page: name, event }), onClose: () => {} })
  const a = page('a')
  const b = page('b')
  const call = <T>(name: string, input: unknown, caller = a) => bridge.router.dispatch(callChannel('builds', name), input, caller) as Promise<Result<T>>

  before(() => {
    engine = new Engine()
    bridge = createBridge(engine, { buildDataDir: dataDir })
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo bridge\n`)
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'subfile'), '')
  })
  after(() => {
    bridge.close()
    engine.stop()
    rmSync(dir, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  })

  const request = (extra: object = {}) => ({ folder: dir, tags: [], buildArgs: [], builder: 'buildkit', network: 'none', ...extra })

  it('refuses a bad tag and a bad build-arg name before sending anything', async () => {
    const badTag = await call('start', { operation: 'op1', request: request({ tags: ['Bad Name'] }) })
    assert.equal(badTag.ok, false)
    assert.equal(!badTag.ok && badTag.error.code, 'invalid-input')
    assert.match(!badTag.ok ? badTag.error.message : '', /Bad Name/)
    const badArg = await call('start', { operation: 'op2', request: request({ buildArgs: [{ name: 'A B', value: 'x' }] }) })
    assert.match(!badArg.ok ? badArg.error.message : '', /"A B" is not a build-arg name/)
    assert.equal(events.length, 0, 'no build began')
  })

  it("sends a build's events to its own page, and only that page can cancel it", async () => {
    const started = call<BuildResult>('start', { operation: 'mine', request: request({ tags: ['berth-test/bridge-build:1'] }) })
    const other = await call<{ cancelled: boolean }>('cancel', { operation: 'mine' }, b)
    assert.deepEqual(other, { ok: true, value: { cancelled: false } })
    const result = await started
    assert.ok(result.ok && result.value.imageId, 'built')
    assert.deepEqual(result.ok && result.value.tags, ['berth-test/bridge-build:1'])
    assert.ok(events.some((e) => e.page === 'a' && e.event === 'steps'))
    assert.ok(events.every((e) => e.page === 'a'))
  })

  it('completes a typed path with folders only', async () => {
    const result = await call<PathCompletion>('complete', { path: join(dir, 'su') })
    assert.deepEqual(result.ok && result.value.folders, [join(dir, 'sub')])
  })
})
