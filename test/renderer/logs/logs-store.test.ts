// What the log panes share: the display choices, and downloads. A download reads the whole log as a
// stream of its own, acknowledges each batch, and saves the lines once main says the log ended; what
// went wrong is said in every pane shown. Main's answers and events are given by hand here; a download
// of a real container's log through the real bridge is in test/bridge/websocket-client.test.ts.
import { strict as assert } from 'node:assert'
import { resolveObjectURL } from 'node:buffer'
import { beforeEach, describe, it, mock } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { useLogsStore } from '@renderer/features/logs/logs-store'
import { useEngineStore } from '@renderer/features/engine/engine-store'
import type { LogBatch, LogStreamInfo } from '@common/contract/logs'
import type { Result } from '@common/contract/shared'

const web = { id: 'c0ffee', name: 'web' }
const T1 = '2026-01-02T03:04:05.000000001Z'
const T2 = '2026-01-02T03:04:05.000000002Z'

/** What the page saves: the browser's download link, stood in by an element that records its click. */
const clicked: { href: string; download: string }[] = []
const page = globalThis as unknown as { document?: unknown }
page.document = {
  createElement: () => ({ href: '', download: '', style: {}, click() { clicked.push({ href: this.href, download: this.download }) }, remove() {} }),
  body: { append() {} },
}

/** Runs `act` and returns the files it saved, with their text. */
async function saved(act: () => void): Promise<{ name: string; text: string }[]> {
  const before = clicked.length
  // Saving lets go of the file's blob a minute later; that timer would keep this process a minute.
  mock.timers.enable({ apis: ['setTimeout'] })
  try {
    act()
  } finally {
    mock.timers.reset()
  }
  return Promise.all(clicked.slice(before).map(async (c) => ({ name: c.download, text: (await resolveObjectURL(c.href)?.text()) ?? '' })))
}

const batch = (stream: string, seq: number, lines: string[], times = lines.map(() => T1)): LogBatch => ({ stream, seq, lines, kinds: 'o'.repeat(lines.length), times })
const opened = (stream: string): Result<LogStreamInfo> => ({ ok: true, value: { stream, name: 'web', tty: false } })

describe('logs store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
  })

  it('downloads the whole log as a stream of its own, acknowledging each batch, and saves it when it ended', async () => {
    const logs = useLogsStore()
    bridge.answer('logs', 'open', ({ stream }) => opened(stream))
    await logs.download(web)
    const [open] = bridge.calls('logs', 'open')
    assert.ok(open)
    assert.deepEqual({ ...open, stream: '' }, { stream: '', id: web.id, tail: 'all', follow: false })
    assert.equal(logs.downloading, true)

    await logs.download(web)
    assert.equal(bridge.calls('logs', 'open').length, 1, 'one download at a time')

    bridge.emit('logs', 'lines', batch(open.stream, 1, ['first', 'second']))
    bridge.emit('logs', 'lines', batch('pane1', 1, ['a pane’s line']))
    bridge.emit('logs', 'lines', batch(open.stream, 2, ['third']))
    await settle()
    assert.deepEqual(bridge.calls('logs', 'ack'), [{ stream: open.stream, seq: 1 }, { stream: open.stream, seq: 2 }], 'a pane acknowledges its own batches')

    const files = await saved(() => bridge.emit('logs', 'state', { stream: open.stream, phase: 'ended' }))
    assert.deepEqual(files, [{ name: 'web.log', text: 'first\nsecond\nthird\n' }])
    assert.equal(logs.downloading, false)
  })

  it('puts each line’s time first when the panes show times', async () => {
    const logs = useLogsStore()
    logs.showTimes = true
    bridge.answer('logs', 'open', ({ stream }) => opened(stream))
    await logs.download(web)
    const stream = bridge.calls('logs', 'open')[0]?.stream ?? ''
    bridge.emit('logs', 'lines', batch(stream, 1, ['up', 'down'], [T1, T2]))
    const files = await saved(() => bridge.emit('logs', 'state', { stream, phase: 'ended' }))
    assert.equal(files[0]?.text, `${T1} up\n${T2} down\n`)
  })

  it('says in every pane shown why a download stopped, and saves nothing', async () => {
    const logs = useLogsStore()
    const heard: string[] = []
    const gone: string[] = []
    logs.onDownloadNotice((notice) => heard.push(`one: ${notice}`))
    logs.onDownloadNotice((notice) => heard.push(`two: ${notice}`))
    const leave = logs.onDownloadNotice((notice) => gone.push(notice))
    leave()

    bridge.answer('logs', 'open', ({ stream }) => opened(stream))
    await logs.download(web)
    const stream = bridge.calls('logs', 'open')[0]?.stream ?? ''
    bridge.emit('logs', 'lines', batch(stream, 1, ['partial']))
    const files = await saved(() => bridge.emit('logs', 'state', { stream, phase: 'removed', message: 'The container was removed.' }))
    assert.deepEqual(files, [])
    assert.deepEqual(heard, ['one: The container was removed.', 'two: The container was removed.'])
    assert.deepEqual(gone, [], 'a pane that went hears nothing')
    assert.equal(logs.downloading, false)

    bridge.answer('logs', 'open', () => ({ ok: false, error: { code: 'not-found', message: 'No such container: web' } }))
    await logs.download(web)
    assert.equal(heard.at(-1), 'two: No such container: web')
    assert.equal(logs.downloading, false, 'another download can start')
  })

  it('says a download stopped when the page’s own link to Berth dropped, once the panes have reopened', async () => {
    const logs = useLogsStore()
    const engine = useEngineStore()
    const heard: string[] = []
    logs.onDownloadNotice((notice) => heard.push(notice))
    const answer = deferred<Result<LogStreamInfo>>()
    bridge.answer('logs', 'open', () => answer.promise)
    const downloading = logs.download(web)

    // The link drops before main answers: the answer is the transport's "lost", not the download's end.
    engine.link = 'closed'
    answer.resolve({ ok: false, error: { code: 'engine-unreachable', message: 'Lost the connection to Berth.' } })
    await downloading
    assert.deepEqual(heard, [], 'not yet: the panes reopening would clear it')
    assert.equal(logs.downloading, true)

    engine.link = 'open'
    engine.reconnectedAt = Date.now()
    await settle()
    assert.deepEqual(heard, ['The connection to Berth dropped during the download, so it stopped. Download again.'])
    assert.equal(logs.downloading, false)

    engine.reconnectedAt = Date.now() + 1
    await settle()
    assert.equal(heard.length, 1, 'said once: the download is over')
  })

  it('shares the display choices: a query is compiled once for every pane', () => {
    const logs = useLogsStore()
    const matches = (text: string) => logs.compiled.matcher?.test(text) ?? 'no query'
    assert.equal(matches('anything'), 'no query')
    logs.query = 'ERR(or)?'
    assert.equal(matches('an error'), false, 'plain text by default')
    assert.equal(matches('err(or)? as written'), true)
    logs.regex = true
    assert.equal(matches('an error'), true)
    logs.query = '('
    assert.match(logs.compiled.error ?? '', /Not a valid regular expression/)
  })
})
