// The terminals store's own bookkeeping: which call opens a session, output kept until the pane's
// xterm is there, drawn once a frame in slices and acknowledged once parsed, input cut into pieces the bridge takes,
// and what each state event makes of a tab. Main's answers and events are given by hand here; the
// bytes' round trip through the real bridge is in test/bridge/websocket-client.test.ts.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { useTerminalsStore, type Writer } from '@renderer/features/terminal/terminals-store'
import { useEngineStore } from '@renderer/features/engine/engine-store'
import { MAX_INPUT_BYTES, TERMINAL_FLOW, type TerminalInfo } from '@common/contract/terminal'
import type { Result } from '@common/contract/shared'

const web = { id: 'c0ffee', name: 'web' }
const size = { cols: 80, rows: 24 }
const info = (session: string, name = 'web'): Result<TerminalInfo> => ({
  ok: true,
  value: { session, kind: 'exec', containerId: web.id, name, tty: true, cli: `docker exec -it ${name} sh` },
})

/** An xterm stand-in: records each write and finishes drawing it when the test says. */
function screen() {
  const writes: { data: Uint8Array; done: () => void }[] = []
  const writer: Writer = (data, done) => writes.push({ data: data.slice(), done })
  const text = () => writes.map((w) => new TextDecoder().decode(w.data)).join('')
  return { writes, writer, text }
}

const bytes = (n: number) => new Uint8Array(n).fill(0x61)

describe('terminals store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
  })

  it('opens each kind of session with its own call, and names the tab after it', async () => {
    const terminals = useTerminalsStore()
    bridge.answer('terminal', 'exec', ({ session }) => info(session))
    bridge.answer('terminal', 'attach', ({ session }) => info(session, 'web-renamed'))
    bridge.answer('terminal', 'startAttached', ({ session }) => info(session))

    const shell = terminals.open(web, { kind: 'exec', command: ['sh', '-l'], user: 'root' })
    assert.equal(shell.label, 'sh -l')
    assert.equal(shell.phase, 'opening')
    await terminals.connect(shell.session, size)
    assert.deepEqual(bridge.calls('terminal', 'exec'), [{ session: shell.session, id: web.id, size, command: ['sh', '-l'], user: 'root' }])
    assert.equal(shell.phase, 'attached')
    assert.equal(shell.info?.cli, 'docker exec -it web sh')

    const attach = terminals.open(web, { kind: 'attach' })
    await terminals.connect(attach.session, size)
    assert.deepEqual(bridge.calls('terminal', 'attach'), [{ session: attach.session, id: web.id, size }])
    assert.equal(attach.label, 'attach web-renamed', 'the name the engine answered, not the one the page had')

    const start = terminals.open(web, { kind: 'start' })
    assert.equal(start.label, 'start -a -i web')
    await terminals.connect(start.session, size)
    assert.equal(bridge.calls('terminal', 'startAttached').length, 1)
    assert.equal(new Set([shell.session, attach.session, start.session]).size, 3, 'every session has its own name')
    assert.equal(terminals.active, start.session)
  })

  it('says why a session could not open', async () => {
    const terminals = useTerminalsStore()
    bridge.answer('terminal', 'exec', () => ({ ok: false, error: { code: 'not-found', message: 'No shell in this container.' } }))
    const tab = terminals.open(web, { kind: 'exec' })
    await terminals.connect(tab.session, size)
    assert.equal(tab.phase, 'failed')
    assert.equal(tab.message, 'No shell in this container.')
  })

  it('keeps output that comes before the pane’s xterm, and draws it first, in order', async () => {
    const terminals = useTerminalsStore()
    const tab = terminals.open(web, { kind: 'exec' })
    bridge.emit('terminal', 'output', { session: tab.session, data: new TextEncoder().encode('one ') })
    bridge.emit('terminal', 'output', { session: 'someone-else', data: new TextEncoder().encode('not ours ') })
    bridge.emit('terminal', 'output', { session: tab.session, data: new TextEncoder().encode('two ') })
    const xterm = screen()
    terminals.connectView(tab.session, xterm.writer)
    bridge.emit('terminal', 'output', { session: tab.session, data: new TextEncoder().encode('three') })
    await settle()
    assert.equal(xterm.text(), 'one two three', 'in the pane’s first frame')
  })

  it('draws a flood once a frame, in slices, and acknowledges what xterm has parsed', async () => {
    const terminals = useTerminalsStore()
    const tab = terminals.open(web, { kind: 'exec' })
    const xterm = screen()
    terminals.connectView(tab.session, xterm.writer)

    // 300 KiB: it waits for the next frame, then goes to xterm in slices of at most 16 KiB, each a short task.
    bridge.emit('terminal', 'output', { session: tab.session, data: bytes(300 * 1024) })
    assert.equal(xterm.writes.length, 0, 'a flood waits for the frame')
    await settle()
    assert.ok(xterm.writes.length >= 19, `${xterm.writes.length} writes`)
    assert.ok(xterm.writes.every((w) => w.data.length <= 16 * 1024))
    assert.deepEqual(bridge.calls('terminal', 'ack'), [], 'nothing is acknowledged before xterm has parsed it')

    // An ack every 128 KiB parsed, not one per slice.
    for (const write of xterm.writes) write.done()
    await settle()
    assert.deepEqual(
      bridge.calls('terminal', 'ack').map((a) => a.bytes),
      [TERMINAL_FLOW.ackEvery, 2 * TERMINAL_FLOW.ackEvery],
    )
  })

  it('ends a slice after 64 lines as well: a flood of short lines goes in short writes, every byte in order', async () => {
    const terminals = useTerminalsStore()
    const tab = terminals.open(web, { kind: 'exec' })
    const xterm = screen()
    terminals.connectView(tab.session, xterm.writer)

    // `seq 1 30000` as a TTY sends it: 7–8 bytes a line, 2,000 lines in a 16 KiB slice.
    const flood = Array.from({ length: 30_000 }, (_, i) => `${i + 1}\r\n`).join('')
    bridge.emit('terminal', 'output', { session: tab.session, data: new TextEncoder().encode(flood) })
    await settle()
    assert.equal(xterm.text(), flood, 'every byte, in order')
    const lines = xterm.writes.map((w) => w.data.filter((b) => b === 0x0a).length)
    assert.ok(lines.every((n) => n <= 64), `at most 64 lines a write: ${Math.max(...lines)}`)
    assert.ok(xterm.writes.slice(0, -1).every((w) => w.data.at(-1) === 0x0a), 'each write but the last ends at a line feed')
    assert.equal(xterm.writes.length, Math.ceil(30_000 / 64))
  })

  it('writes an echo at once, and what arrives while xterm parses in the next frame, in order', async () => {
    const terminals = useTerminalsStore()
    const tab = terminals.open(web, { kind: 'exec' })
    const xterm = screen()
    terminals.connectView(tab.session, xterm.writer)
    const say = (text: string) => bridge.emit('terminal', 'output', { session: tab.session, data: new TextEncoder().encode(text) })

    say('x')
    assert.equal(xterm.text(), 'x', 'a keystroke’s echo does not wait for a frame')
    say('one ')
    say('two ')
    await settle()
    assert.equal(xterm.writes.length, 1, 'nothing more goes to xterm while it has not parsed the last')
    xterm.writes[0]?.done()
    await settle()
    assert.equal(xterm.writes.length, 2, 'what waited goes together')
    assert.equal(xterm.text(), 'xone two ')
  })

  it('counts a reconnected stream’s bytes from zero, whatever the old one left unparsed', async () => {
    const terminals = useTerminalsStore()
    bridge.answer('terminal', 'exec', ({ session }) => info(session))
    const tab = terminals.open(web, { kind: 'exec' })
    const xterm = screen()
    terminals.connectView(tab.session, xterm.writer)
    await terminals.connect(tab.session, size)
    bridge.emit('terminal', 'output', { session: tab.session, data: bytes(TERMINAL_FLOW.ackEvery + 100) })
    await settle()
    const old = xterm.writes.splice(0)
    for (const write of old.slice(0, -1)) write.done()
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'exited', code: 0 })

    await terminals.connect(tab.session, size)
    assert.equal(tab.opens, 2, 'the pane writes a separator line')
    old.at(-1)?.done()
    bridge.emit('terminal', 'output', { session: tab.session, data: bytes(TERMINAL_FLOW.ackEvery) })
    await settle()
    for (const write of xterm.writes) write.done()
    await settle()
    // The old stream's last slice, parsed after the reconnect, counts for neither.
    assert.deepEqual(bridge.calls('terminal', 'ack').map((a) => a.bytes), [TERMINAL_FLOW.ackEvery, TERMINAL_FLOW.ackEvery])
  })

  it('sends input only while attached, as UTF-8, in pieces the bridge accepts', async () => {
    const terminals = useTerminalsStore()
    const answer = deferred<Result<TerminalInfo>>()
    bridge.answer('terminal', 'exec', () => answer.promise)
    const tab = terminals.open(web, { kind: 'exec' })
    const opening = terminals.connect(tab.session, size)
    terminals.input(tab.session, 'too early')
    terminals.resize(tab.session, { cols: 100, rows: 30 })
    answer.resolve(info(tab.session))
    await opening

    terminals.input(tab.session, 'é\r')
    const paste = new Uint8Array(MAX_INPUT_BYTES * 2 + 5).map((_, i) => i % 251)
    terminals.input(tab.session, paste)
    terminals.resize(tab.session, { cols: 100, rows: 30 })
    await settle()
    const sent = bridge.calls('terminal', 'input').map((i) => i.data)
    assert.deepEqual(sent[0], new Uint8Array([0xc3, 0xa9, 0x0d]))
    assert.deepEqual(sent.slice(1).map((d) => d.length), [MAX_INPUT_BYTES, MAX_INPUT_BYTES, 5])
    assert.deepEqual(Buffer.concat(sent.slice(1)), Buffer.from(paste), 'the pieces are the paste, in order')
    assert.deepEqual(bridge.calls('terminal', 'resize'), [{ session: tab.session, size: { cols: 100, rows: 30 } }])

    bridge.emit('terminal', 'state', { session: tab.session, phase: 'exited', code: 3 })
    terminals.input(tab.session, 'after the end')
    await settle()
    assert.equal(bridge.calls('terminal', 'input').length, 4)
    assert.equal(tab.phase, 'exited')
    assert.equal(tab.code, 3)
  })

  it('adds “can come back” to what happened, and the engine’s restart outranks the container’s start', async () => {
    const terminals = useTerminalsStore()
    bridge.answer('terminal', 'attach', ({ session }) => info(session))
    const tab = terminals.open(web, { kind: 'attach' })
    await terminals.connect(tab.session, size)
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'engine-lost', message: 'The engine stopped answering.' })
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'can-return', reason: 'engine-restarted' })
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'can-return', reason: 'container-started' })
    assert.equal(tab.phase, 'engine-lost')
    assert.equal(tab.message, 'The engine stopped answering.')
    assert.equal(tab.reason, 'engine-restarted')

    // Main attached again by itself: what was is over.
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'attached' })
    assert.equal(tab.phase, 'attached')
    assert.equal(tab.reason, undefined)
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'container-stopped' })
    bridge.emit('terminal', 'state', { session: tab.session, phase: 'can-return', reason: 'container-started' })
    assert.equal(tab.reason, 'container-started')
  })

  it('ends the sessions it had open when the page’s own link to Berth dropped', async () => {
    const terminals = useTerminalsStore()
    bridge.answer('terminal', 'exec', ({ session }) => info(session))
    const live = terminals.open(web, { kind: 'exec' })
    await terminals.connect(live.session, size)
    const ended = terminals.open(web, { kind: 'exec' })
    await terminals.connect(ended.session, size)
    bridge.emit('terminal', 'state', { session: ended.session, phase: 'exited', code: 0 })

    useEngineStore().reconnectedAt = Date.now()
    await settle()
    assert.equal(live.phase, 'engine-lost')
    assert.match(live.message ?? '', /connection to Berth dropped/)
    assert.equal(ended.phase, 'exited', 'a session that had ended says how it ended')
  })

  it('closes a session in main, drops its tab, and an answer arriving after that changes nothing', async () => {
    const terminals = useTerminalsStore()
    const first = terminals.open(web, { kind: 'exec' })
    const second = terminals.open(web, { kind: 'exec' })
    const answer = deferred<Result<TerminalInfo>>()
    bridge.answer('terminal', 'exec', () => answer.promise)
    const opening = terminals.connect(second.session, size)
    terminals.close(second.session)
    assert.equal(terminals.active, first.session)
    answer.resolve(info(second.session))
    await opening
    assert.deepEqual(terminals.tabs.map((t) => t.session), [first.session])
    assert.equal(second.phase, 'opening', 'the closed tab is not brought back to life')

    terminals.closeAll()
    await settle()
    assert.deepEqual(bridge.calls('terminal', 'close'), [{ session: second.session }, { session: first.session }])
    assert.deepEqual(terminals.tabs, [])
    assert.equal(terminals.active, '')
  })
})
