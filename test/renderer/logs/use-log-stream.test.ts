// A log pane's own stream, run in an effect scope as a mounted pane runs it: opened for its container
// and closed with it, its batches taken and acknowledged (and no one else's), another container's
// stream instead of the first's, older lines fetched from where the pane's begin, and a reopen once
// the page's own link to Berth is back. Main's answers and events are given by hand here.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope, ref } from 'vue'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { eventually } from '../../env/wait'
import { useLogStream, type LogTarget } from '@renderer/features/logs/use-log-stream'
import { useLogsStore } from '@renderer/features/logs/logs-store'
import { useEngineStore } from '@renderer/features/engine/engine-store'
import type { LogBatch, LogStreamInfo, OlderLogLines } from '@common/contract/logs'
import type { Result } from '@common/contract/shared'

/** How long new lines may take to be drawn: the pane draws at most every 50 ms, on the next frame. */
const DRAWN_MS = 10_000

const web = { id: 'c0ffee', name: 'web' }
const db = { id: 'decade', name: 'db' }
const time = (s: number) => `2026-01-02T03:04:${String(s).padStart(2, '0')}.000000000Z`

function batch(stream: string, seq: number, lines: string[], from = 10, kinds = 'o'.repeat(lines.length)): LogBatch {
  return { stream, seq, lines, kinds, times: lines.map((_, i) => (kinds[i] === 'm' ? '' : time(from + i))) }
}
const opened = (stream: string, name = 'web', tty = false): Result<LogStreamInfo> => ({ ok: true, value: { stream, name, tty } })

/** The pane, mounted on `target`; unmount() is the pane going away. */
function mount(target = ref<LogTarget>(web), firstTail: () => number | 'all' = () => 500) {
  const scope = effectScope()
  const pane = scope.run(() => useLogStream(() => target.value, firstTail))
  assert.ok(pane)
  return { pane, target, unmount: () => scope.stop() }
}

const lastOpen = () => bridge.calls('logs', 'open').at(-1)?.stream ?? ''

describe('a log pane’s stream', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
    bridge.answer('logs', 'open', ({ stream }) => opened(stream))
  })

  it('follows its container from the first tail, and draws and acknowledges only its own batches', async () => {
    bridge.answer('logs', 'open', ({ stream }) => opened(stream, 'web-renamed', true))
    const { pane } = mount()
    assert.equal(pane.phase, 'opening')
    await settle()
    const [open] = bridge.calls('logs', 'open')
    assert.deepEqual({ ...open, stream: '' }, { stream: '', id: web.id, tail: 500, follow: true })
    assert.equal(pane.phase, 'following')
    assert.deepEqual(pane.container, { id: web.id, name: 'web-renamed' })
    assert.equal(pane.tty, true)

    const drawn = pane.version
    bridge.emit('logs', 'lines', batch(lastOpen(), 1, ['one', 'two']))
    bridge.emit('logs', 'lines', batch('download1', 1, ['a download’s line']))
    await eventually(() => pane.version > drawn, 'the first lines drawn', DRAWN_MS)
    assert.equal(pane.size, 2)
    bridge.emit('logs', 'lines', batch(lastOpen(), 2, ['three']))
    await eventually(() => pane.size === 3, 'the next line drawn too', DRAWN_MS)
    assert.deepEqual(bridge.calls('logs', 'ack'), [{ stream: lastOpen(), seq: 1 }, { stream: lastOpen(), seq: 2 }])
    assert.equal(pane.view.ring.text(pane.view.lineAt(2)), 'three')

    bridge.emit('logs', 'state', { stream: lastOpen(), phase: 'waiting' })
    bridge.emit('logs', 'state', { stream: 'download1', phase: 'failed', message: 'not ours' })
    assert.equal(pane.phase, 'waiting')
    assert.equal(pane.problem, '')
  })

  it('says why its stream could not open', async () => {
    bridge.answer('logs', 'open', () => ({ ok: false, error: { code: 'not-found', message: 'No such container: web' } }))
    const { pane } = mount()
    await settle()
    assert.equal(pane.phase, 'failed')
    assert.equal(pane.problem, 'No such container: web')
  })

  it('opens another container’s stream in place of the first, and keeps it through a rename', async () => {
    let tail: number | 'all' = 500
    const { pane, target } = mount(ref(web), () => tail)
    await settle()
    const first = lastOpen()
    bridge.emit('logs', 'lines', batch(first, 1, ['web says']))

    tail = 'all'
    target.value = db
    await settle()
    const second = lastOpen()
    assert.notEqual(second, first)
    assert.deepEqual(bridge.calls('logs', 'close'), [{ stream: first }])
    assert.equal(bridge.calls('logs', 'open').at(-1)?.tail, 'all', 'the first tail is asked again for the new container')
    assert.equal(pane.view.ring.size, 0, 'the first container’s lines went with it')

    bridge.emit('logs', 'lines', batch(first, 2, ['late from web']))
    bridge.emit('logs', 'lines', batch(second, 1, ['db says']))
    await eventually(() => pane.size === 1, 'db’s line drawn', DRAWN_MS)
    assert.equal(pane.view.ring.text(pane.view.lineAt(0)), 'db says')
    assert.deepEqual(bridge.calls('logs', 'ack').map((a) => a.stream), [first, second], 'a late batch of the old stream is not taken')

    target.value = { ...db, name: 'db-renamed' }
    await settle()
    assert.equal(bridge.calls('logs', 'open').length, 2, 'a rename keeps the stream')
  })

  it('lets an answer for a container it no longer shows go', async () => {
    const slow = deferred<Result<LogStreamInfo>>()
    bridge.answer('logs', 'open', () => slow.promise)
    const { pane, target } = mount()
    await settle()
    const first = lastOpen()
    bridge.answer('logs', 'open', ({ stream }) => opened(stream, 'db'))
    target.value = db
    await settle()
    slow.resolve({ ok: false, error: { code: 'not-found', message: 'No such container: web' } })
    await settle()
    assert.notEqual(lastOpen(), first)
    assert.equal(pane.phase, 'following')
    assert.deepEqual(pane.container, { id: db.id, name: 'db' })
  })

  it('closes its stream and stops listening when the pane goes', async () => {
    const { unmount } = mount()
    await settle()
    const stream = lastOpen()
    assert.deepEqual([bridge.listening('logs', 'lines'), bridge.listening('logs', 'state')], [1, 1])
    unmount()
    await settle()
    assert.deepEqual(bridge.calls('logs', 'close'), [{ stream }])
    assert.deepEqual([bridge.listening('logs', 'lines'), bridge.listening('logs', 'state')], [0, 0], 'a pane that went leaves no listener behind')
    bridge.emit('logs', 'lines', batch(stream, 1, ['after the pane went']))
    await settle()
    assert.deepEqual(bridge.calls('logs', 'ack'), [])
  })

  it('opens its stream again when the page’s own link to Berth is back, unless the container is gone', async () => {
    const { pane } = mount()
    await settle()
    const first = lastOpen()
    const engine = useEngineStore()
    engine.reconnectedAt = Date.now()
    await settle()
    assert.equal(bridge.calls('logs', 'open').length, 2)
    assert.notEqual(lastOpen(), first, 'a new stream: the server closed the old one')
    assert.equal(bridge.calls('logs', 'open').at(-1)?.id, web.id)

    bridge.emit('logs', 'state', { stream: lastOpen(), phase: 'removed' })
    engine.reconnectedAt = Date.now() + 1
    await settle()
    assert.equal(bridge.calls('logs', 'open').length, 2)
    assert.equal(pane.phase, 'removed')
  })

  it('fetches the lines before the oldest it holds, until the engine has no more', async () => {
    const { pane } = mount()
    await settle()
    const stream = lastOpen()
    // Berth's own note first (it has no time), then three engine lines, two of them in the same second.
    bridge.emit('logs', 'lines', { stream, seq: 1, lines: ['started', 'c', 'd', 'e'], kinds: 'mooo', times: ['', time(20), time(20), time(21)] })
    await eventually(() => pane.size === 4, 'the first lines drawn', DRAWN_MS)

    const answers: Array<(r: Result<OlderLogLines>) => void> = []
    bridge.answer('logs', 'older', () => new Promise((resolve) => answers.push(resolve)))
    const loading = pane.loadOlder()
    assert.equal(pane.older, 'loading')
    void pane.loadOlder()
    await settle()
    assert.deepEqual(bridge.calls('logs', 'older'), [{ stream, before: time(20), skip: 3, count: 1000, sameTime: 2 }], 'asked once, from the oldest engine line')
    answers[0]?.({ ok: true, value: { lines: ['a', 'b'], kinds: 'oo', times: [time(18), time(19)], complete: false } })
    await loading
    assert.equal(pane.older, 'idle')
    assert.deepEqual(Array.from({ length: pane.size }, (_, i) => pane.view.ring.text(pane.view.lineAt(i))), ['a', 'b', 'started', 'c', 'd', 'e'])

    const last = pane.loadOlder()
    await settle()
    assert.equal(bridge.calls('logs', 'older').at(-1)?.before, time(18))
    answers[1]?.({ ok: true, value: { lines: [], kinds: '', times: [], complete: true } })
    await last
    assert.equal(pane.older, 'done')
    await pane.loadOlder()
    assert.equal(bridge.calls('logs', 'older').length, 2, 'nothing older to ask for')
  })

  it('says why older lines could not come, and asks for none after a clear or with the whole log', async () => {
    const { pane } = mount()
    await settle()
    bridge.emit('logs', 'lines', batch(lastOpen(), 1, ['x']))
    bridge.answer('logs', 'older', () => ({ ok: false, error: { code: 'engine-unreachable', message: 'The engine stopped answering.' } }))
    await pane.loadOlder()
    assert.equal(pane.notice, 'The engine stopped answering.')
    assert.equal(pane.older, 'idle', 'it may be asked again')

    pane.clear()
    assert.equal(pane.cleared, true)
    bridge.emit('logs', 'lines', batch(lastOpen(), 2, ['after the clear']))
    await pane.loadOlder()
    assert.equal(bridge.calls('logs', 'older').length, 1, 'a cleared pane does not bring back what was cleared')

    pane.tail = 'all'
    pane.reopen()
    await settle()
    bridge.emit('logs', 'lines', batch(lastOpen(), 1, ['y']))
    await pane.loadOlder()
    assert.equal(pane.older, 'done')
    assert.equal(bridge.calls('logs', 'older').length, 1, 'the whole log is already there')
  })

  it('steps through the matches of the shared query, and stops following to show one', async () => {
    const logs = useLogsStore()
    const { pane } = mount()
    await settle()
    bridge.emit('logs', 'lines', batch(lastOpen(), 1, ['error one', 'fine', 'error two']))
    logs.query = 'error'
    await settle()
    assert.equal(pane.matchCount, 2)
    assert.equal(pane.current, -1)

    pane.step(1)
    assert.equal(pane.current, 0)
    assert.equal(pane.following, false)
    assert.equal(pane.reveal?.index, 0)
    pane.step(1)
    assert.equal(pane.reveal?.index, 2)
    pane.step(1)
    assert.equal(pane.current, 0, 'round to the first again')
    pane.step(-1)
    assert.equal(pane.current, 1)

    logs.filter = true
    await settle()
    assert.equal(pane.current, -1, 'new rules, a new search')
    assert.equal(pane.size, 2, 'only the matching lines are shown')
  })
})
