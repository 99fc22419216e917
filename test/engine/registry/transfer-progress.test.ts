import { strict as assert } from 'node:assert'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import { readProgressStream, TransferTracker, type DaemonProgress } from '@main/engine/registry/transfer-progress'

const line = (event: DaemonProgress) => `${JSON.stringify(event)}\n`
const LAYER = 'a1b2c3d4e5f6'

describe('transfer progress', () => {
  it('follows each layer through download and extraction to an overall figure', () => {
    const t = new TransferTracker('op', 'pull', 'docker.io/library/app:1')
    t.apply({ id: '1', status: 'Pulling from library/app' })
    t.apply({ id: LAYER, status: 'Pulling fs layer' })
    t.apply({ id: 'f6e5d4c3b2a1', status: 'Already exists' })
    assert.equal(t.snapshot().overall, 0.5)
    t.apply({ id: LAYER, status: 'Downloading', progressDetail: { current: 50, total: 100 } })
    assert.deepEqual(t.snapshot().layers[0], { id: LAYER, state: 'downloading', current: 50, total: 100, fraction: 0.4 })
    t.apply({ id: LAYER, status: 'Extracting', progressDetail: { current: 100, total: 100 } })
    t.apply({ id: LAYER, status: 'Pull complete' })
    t.apply({ status: `Digest: sha256:${'e'.repeat(64)}` })
    const done = t.snapshot(true)
    assert.equal(done.overall, 1)
    assert.deepEqual(done.layers.map((l) => l.state), ['done', 'exists'])
    assert.equal(t.digest, `sha256:${'e'.repeat(64)}`)
    assert.deepEqual(t.counts(), { skipped: 1, transferred: 1 })
  })

  it('keeps the error line the engine sends inside the stream', () => {
    const t = new TransferTracker('op', 'push', 'r/app:1')
    t.apply({ id: LAYER, status: 'Preparing' })
    t.apply({ errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' })
    assert.equal(t.error, 'no basic auth credentials')
  })

  it('reads lines split across chunks and ends with the stream', async () => {
    const stream = new PassThrough()
    const seen: DaemonProgress[] = []
    const done = readProgressStream(stream, (e) => seen.push(e), new AbortController().signal)
    const text = line({ id: LAYER, status: 'Pushing' }) + line({ status: 'done' })
    stream.write(text.slice(0, 7))
    stream.end(text.slice(7))
    assert.equal(await done, 'end')
    assert.deepEqual(seen.map((e) => e.status), ['Pushing', 'done'])
  })

  it('cancels by destroying the stream, which stops the engine', async () => {
    const stream = new PassThrough()
    const controller = new AbortController()
    const done = readProgressStream(stream, () => controller.abort(), controller.signal)
    stream.write(line({ id: LAYER, status: 'Downloading' }))
    assert.equal(await done, 'cancelled')
    assert.equal(stream.destroyed, true)
  })

  it('fails when the stream closes before the engine finished', async () => {
    const stream = new PassThrough()
    const done = readProgressStream(stream, () => {}, new AbortController().signal)
    stream.destroy()
    await assert.rejects(done, /closed the transfer before it finished/)
  })
})
