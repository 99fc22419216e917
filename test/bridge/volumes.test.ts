import { strict as assert } from 'node:assert'
import { readFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { callChannel } from '@common/contract/spec'
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { removeHelpers } from '@main/engine/volumes/helper'
import { testDocker, uniqueName } from '../env/session'

const caller: Caller = { send: () => {}, onClose: () => {} }

describe('volumes and files over the bridge (real engine)', () => {
  const engine = new Engine()
  const dragged: string[] = []
  const volume = uniqueName('bridge-vol')
  let bridge: Bridge
  before(() => {
    bridge = createBridge(engine, { startDrag: (path) => dragged.push(path) })
  })
  after(async () => {
    bridge.close()
    engine.stop()
    const docker = testDocker()
    await removeHelpers(docker)
    await docker.getVolume(volume).remove().catch(() => {})
    for (const path of dragged) rmSync(dirname(path), { recursive: true, force: true })
  })

  const dispatch = (domain: string, name: string, input: unknown) => bridge.router.dispatch(callChannel(domain, name), input, caller)

  it('refuses bad names, labels, paths and oversized uploads before touching the engine', async () => {
    const bad: Array<[string, string, unknown]> = [
      ['volumes', 'create', { name: '../etc' }],
      ['volumes', 'create', { name: '-rf' }],
      ['volumes', 'create', { name: 'ok', labels: { 'a=b': 'c' } }],
      ['volumes', 'remove', { name: '' }],
      ['files', 'list', { target: { kind: 'volume', name: 'ok' }, path: 'relative' }],
      ['files', 'list', { target: { kind: 'volume', name: 'ok' }, path: '/a/../../etc' }],
      ['files', 'list', { target: { kind: 'host', path: '/' }, path: '/' }],
      ['files', 'read', { target: { kind: 'container', id: 'x y' }, path: '/' }],
      ['files', 'upload', { target: { kind: 'volume', name: 'ok' }, dir: '/', name: '../x', data: '' }],
      ['files', 'upload', { target: { kind: 'volume', name: 'ok' }, dir: '/', name: 'big', data: 'A'.repeat(800_000) }],
    ]
    for (const [domain, name, input] of bad) {
      const result = await dispatch(domain, name, input)
      assert.equal(result.ok, false, `${domain}.${name} ${JSON.stringify(input).slice(0, 80)}`)
      assert.equal(!result.ok && result.error.code, 'invalid-input')
    }
    assert.equal((await testDocker().listVolumes()).Volumes?.some((v) => v.Name === 'ok'), false)
  })

  it('creates, uploads a small file, reads it back, and stages a drag out', async () => {
    const created = await dispatch('volumes', 'create', { name: volume, labels: { team: 'a' } })
    assert.ok(created.ok)
    const target = { kind: 'volume', name: volume }
    const data = Buffer.from('über small\n').toString('base64')
    assert.deepEqual(await dispatch('files', 'upload', { target, dir: '/', name: 'small note.txt', data }), { ok: true, value: undefined })
    const read = await dispatch('files', 'read', { target, path: '/small note.txt' })
    assert.equal(read.ok && (read.value as { text: string }).text, 'über small\n')

    const drag = await dispatch('files', 'dragOut', { target, path: '/small note.txt' })
    assert.ok(drag.ok)
    assert.equal(dragged.length, 1)
    assert.equal(readFileSync(dragged[0] as string, 'utf8'), 'über small\n')

    const removed = await dispatch('volumes', 'remove', { name: volume })
    assert.ok(removed.ok, 'the helper made for browsing does not block removal')
  })

  it('explains that dragging out needs the desktop window', async () => {
    const plain = createBridge(engine)
    const result = await plain.router.dispatch(callChannel('files', 'dragOut'), { target: { kind: 'volume', name: 'x' }, path: '/' }, caller)
    plain.close()
    assert.equal(!result.ok && result.error.code, 'invalid-input')
    assert.match(!result.ok ? result.error.message : '', /desktop window/)
  })
})
