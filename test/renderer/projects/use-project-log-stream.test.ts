// A project's merged stream on the pane stream it shares with a container's pane: opened for the
// project with its first tail and closed with the pane, its own batches taken and acknowledged through
// the projects calls, each line's prefix from its container and service, the service filter, each
// container's phase, and a reopen once the page's own link to Berth is back. Main's side is given by hand.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { bridge, settle } from '../bridge-stand-in'
import { eventually } from '../../env/wait'
import { useProjectLogStream } from '@renderer/features/projects/use-project-log-stream'
import { useEngineStore } from '@renderer/features/engine/engine-store'
import type { ProjectLogBatch } from '@common/contract/projects'

/** How long new lines may take to be drawn: the pane draws at most every 50 ms, on the next frame. */
const DRAWN_MS = 10_000
const T = '2026-01-02T03:04:05.000000000Z'
const web1 = { id: 'w1', container: 'shop-web-1', service: 'web' }
const db1 = { id: 'd1', container: 'shop-db-1', service: 'db' }

function batch(stream: string, seq: number, lines: string[], source: number[], sources = [web1, db1]): ProjectLogBatch {
  return { stream, seq, lines, kinds: 'o'.repeat(lines.length), times: lines.map(() => T), sources, source }
}

function mount() {
  const scope = effectScope()
  const pane = scope.run(() => useProjectLogStream(() => 'shop', () => 100, () => ['web', 'db']))
  assert.ok(pane)
  return { pane, unmount: () => scope.stop() }
}

const lastOpen = () => bridge.calls('projects', 'openLogs').at(-1)?.stream ?? ''
const shown = (pane: ReturnType<typeof mount>['pane']) => Array.from({ length: pane.size }, (_, i) => pane.prefix(pane.view.lineAt(i))?.label)

describe('a project’s merged log stream', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
  })

  it('opens for the project, prefixes each line with its container and acknowledges only its own batches', async () => {
    const { pane } = mount()
    await settle()
    assert.deepEqual({ ...bridge.calls('projects', 'openLogs')[0], stream: '' }, { stream: '', project: 'shop', tail: 100 })
    assert.equal(pane.phase, 'following')
    bridge.emit('projects', 'lines', batch(lastOpen(), 1, ['web says', 'db says'], [0, 1]))
    bridge.emit('projects', 'lines', batch('another', 1, ['not ours'], [0]))
    await eventually(() => pane.size === 2, 'the lines drawn', DRAWN_MS)
    assert.deepEqual(shown(pane), ['web-1', 'db-1'])
    assert.deepEqual(pane.prefix(pane.view.lineAt(1)), { label: 'db-1', title: 'shop-db-1 (service db)', colour: 0 })
    assert.deepEqual(bridge.calls('projects', 'ackLogs'), [{ stream: lastOpen(), seq: 1 }])
    assert.deepEqual(bridge.calls('logs', 'ack'), [], 'a container pane’s calls are not used')

    // A later batch names its sources in another order: the page's own table keeps each one's index.
    bridge.emit('projects', 'lines', batch(lastOpen(), 2, ['db again'], [0], [db1]))
    await eventually(() => pane.size === 3, 'the next line drawn', DRAWN_MS)
    assert.deepEqual(shown(pane), ['web-1', 'db-1', 'db-1'])
  })

  it('hides a service’s lines, shows one alone, and keeps each container’s phase', async () => {
    const { pane } = mount()
    await settle()
    bridge.emit('projects', 'lines', batch(lastOpen(), 1, ['w', 'd', 'w2'], [0, 1, 0]))
    await eventually(() => pane.size === 3, 'the lines drawn', DRAWN_MS)
    pane.toggleService('db')
    await settle()
    assert.deepEqual(shown(pane), ['web-1', 'web-1'])
    pane.onlyService('db')
    await settle()
    assert.deepEqual(shown(pane), ['db-1'])
    pane.onlyService('db')
    await settle()
    assert.equal(pane.size, 3, 'every service again')

    bridge.emit('projects', 'state', { stream: lastOpen(), container: 'shop-db-1', service: 'db', phase: 'waiting' })
    assert.equal(pane.containerPhases.get('shop-db-1'), 'waiting')
    bridge.emit('projects', 'state', { stream: lastOpen(), container: 'shop-db-1', service: 'db', phase: 'removed' })
    assert.equal(pane.containerPhases.has('shop-db-1'), false)
  })

  it('opens again when the page’s link is back, and closes its stream and listeners when the pane goes', async () => {
    const { pane, unmount } = mount()
    await settle()
    const first = lastOpen()
    bridge.emit('projects', 'lines', batch(first, 1, ['before'], [0]))
    useEngineStore().reconnectedAt = Date.now()
    await settle()
    assert.notEqual(lastOpen(), first)
    assert.deepEqual(bridge.calls('projects', 'closeLogs'), [{ stream: first }])
    assert.equal(pane.view.ring.size, 0, 'the old stream’s lines went with it')

    const second = lastOpen()
    unmount()
    await settle()
    assert.deepEqual(bridge.calls('projects', 'closeLogs').at(-1), { stream: second })
    assert.deepEqual([bridge.listening('projects', 'lines'), bridge.listening('projects', 'state')], [0, 0])
  })
})
