// The page's side of browser mode (renderer/src/bridge/websocket.ts) against the real WebSocket server
// over the real engine: the token taken from the address and kept for a reload, calls queued until the
// socket opens, bytes in binary frames both ways, a wrong token refused, and a dropped connection taken
// up again. Then the stores over the page's own bridge (renderer/src/bridge/index.ts), where what they do
// depends on main: the acknowledgements that let a log or a terminal flood through.
// `ws` is the browser's WebSocket here; it is told the page's Origin, which a browser sends by itself.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type NetConnectOpts, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import WebSocket from 'ws'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { createClient } from '@common/client'
import type { TerminalState } from '@common/contract/terminal'
import { createWebSocketTransport, TOKEN_KEY, type LinkState } from '@renderer/bridge/websocket'
import { createContainer, removeTestContainers, testDocker } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually, within } from '../env/wait'

/** The page reconnecting by itself after a drop: its retries start at 250 ms and grow to 5 s. */
const RECONNECT_MS = 30_000
/** Several megabytes of output from a container, through main and the page, on a busy machine. */
const LOG_FLOOD_MS = 60_000

/** The page's TCP connections to Berth, so a test can drop them as a network does. */
const connections = new Set<Socket>()
/** How many of the next connections are cut as soon as they connect, before the socket opens. */
let cutNextConnects = 0
/** Whether each message the page received was a binary frame. */
const received: boolean[] = []

class PageSocket extends WebSocket {
  constructor(url: string) {
    super(url, {
      origin: `http://${new URL(url).host}`,
      createConnection: ((options: NetConnectOpts) => {
        const socket = connect(options)
        // A connection cut on its way, as Chromium cuts them when the host's network changes.
        if (cutNextConnects > 0) {
          cutNextConnects--
          socket.once('connect', () => socket.destroy())
        }
        connections.add(socket)
        socket.on('close', () => connections.delete(socket))
        return socket
      }) as typeof connect,
    })
    this.on('message', (_data, isBinary) => received.push(isBinary))
    // A browser's socket reports a failed connection as an event no one need hear, then closes.
    this.on('error', () => {})
  }
}

/** The address bar: what the page put there instead of the address it was opened with. */
const replaced: string[] = []
const g = globalThis as unknown as Record<string, unknown>
g.WebSocket = PageSocket
g.history = { replaceState: (_state: unknown, _title: string, url: string) => void replaced.push(url) }
g.requestAnimationFrame = (draw: (now: number) => void) => void setImmediate(() => draw(performance.now()))

function storage(): Storage {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (i: number) => [...items.keys()][i] ?? null,
    get length() {
      return items.size
    },
  }
}

const address = (mode: BrowserMode, hash: string) => ({ protocol: 'http:', host: `127.0.0.1:${mode.port}`, pathname: '/', search: '', hash }) as Location

/** The states each page's link went through, every page of this file. */
const links: LinkState[][] = []

/** A page opened at `hash`: its client, and every state its link was in. */
function page(mode: BrowserMode, hash: string, kept = storage()) {
  const transport = createWebSocketTransport(address(mode, hash), kept)
  const states: LinkState[] = []
  links.push(states)
  transport.onState((state) => states.push(state))
  const berth = createClient({ ...transport, invoke: (channel, input) => within(transport.invoke(channel, input), channel, ENGINE_ANSWER_MS) })
  return { berth, states, kept }
}

const decode = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('latin1')

const docker = testDocker()
const rendererDir = mkdtempSync(join(tmpdir(), 'berth-renderer-'))
let mode: BrowserMode
before(async () => {
  mode = await startBrowserMode({ rendererDir })
})
after(async () => {
  await mode.close()
  await removeTestContainers(docker)
  rmSync(rendererDir, { recursive: true, force: true })
  // Berth is gone now: every page says so, and stops trying. One that kept trying would keep this
  // process alive for ever, and the run with it: it fails instead, and the process ends.
  try {
    await eventually(() => links.every((states) => states.at(-1) === 'refused'), 'every page to give up on a Berth that is gone', RECONNECT_MS)
  } catch (err) {
    setTimeout(() => process.exit(1), 1000).unref()
    throw err
  }
})

describe('the page’s WebSocket client', () => {
  it('takes the token from the address, keeps it for a reload, and leaves the route in the address bar', async () => {
    const first = page(mode, `#/containers/web/logs?popout=1&token=${mode.token}`)
    assert.deepEqual(replaced.splice(0), ['/#/containers/web/logs?popout=1'], 'only the token leaves the address bar')
    assert.equal(first.kept.getItem(TOKEN_KEY), mode.token)
    assert.equal((await first.berth.engine.status()).ok, true)
    assert.deepEqual(first.states, ['open'])

    const reload = page(mode, '#/containers/web/logs?popout=1', first.kept)
    assert.equal((await reload.berth.engine.status()).ok, true, 'a reload connects with the kept token')
    assert.deepEqual(replaced.splice(0), [])

    page(mode, `#token=${mode.token}`)
    assert.deepEqual(replaced.splice(0), ['/#/'])
  })

  it('is refused with a wrong token: calls end as lost, and the page is told', async () => {
    const kept = storage()
    kept.setItem(TOKEN_KEY, 'f'.repeat(64))
    const stale = page(mode, '#/', kept)
    const answer = await stale.berth.engine.status()
    assert.ok(!answer.ok && answer.error.code === 'engine-unreachable', 'the call was not left hanging')
    await eventually(() => stale.states.includes('refused'), 'the refusal', ENGINE_ANSWER_MS)
    assert.deepEqual(stale.states, ['refused'])
  })

  it('a connection cut before it opens is tried again, not taken for a refusal; calls made meanwhile wait for it', async () => {
    cutNextConnects = 2
    const cut = page(mode, `#token=${mode.token}`)
    const meanwhile = cut.berth.engine.status()
    assert.ok((await meanwhile).ok, 'the call made while the connection was being cut is answered')
    assert.equal(cutNextConnects, 0, 'both cuts happened')
    assert.deepEqual(cut.states, ['open'])
  })

  it('answers calls made before the socket opened, each with its own answer', async () => {
    const { berth } = page(mode, `#token=${mode.token}`)
    const [status, containers, missing] = await Promise.all([
      berth.engine.status(),
      berth.containers.list(),
      berth.containers.inspect({ id: 'no-such-container-here' }),
    ])
    assert.ok(status.ok && status.value.state !== undefined)
    assert.ok(containers.ok && Array.isArray(containers.value.items))
    assert.ok(!missing.ok && missing.error.code === 'not-found')
  })

  it('carries a terminal’s bytes both ways in binary frames, unchanged', async () => {
    const { berth } = page(mode, `#token=${mode.token}`)
    const c = await createContainer(docker, { start: true })
    const output: Uint8Array[] = []
    const states: TerminalState[] = []
    berth.terminal.onOutput((o) => o.session === 'bytes' && output.push(o.data))
    berth.terminal.onState((s) => s.session === 'bytes' && states.push(s))
    // Raw and without echo, so the terminal passes every byte; READY once it is.
    const command = ['sh', '-c', 'stty raw -echo; echo READY; head -c 6 | od -An -tx1; printf "\\000\\001\\377\\200\\303\\251"']
    assert.ok((await berth.terminal.exec({ session: 'bytes', id: c.Id, size: { cols: 80, rows: 24 }, command })).ok)
    await eventually(() => decode(output).includes('READY'), 'the terminal in raw mode', CONTAINER_RUN_MS)

    const framesBefore = received.length
    assert.ok((await berth.terminal.input({ session: 'bytes', data: new Uint8Array([0x00, 0xff, 0x80, 0xc3, 0xa9, 0x0a]) })).ok)
    await eventually(() => states.some((s) => s.phase === 'exited'), 'the command to end', CONTAINER_RUN_MS)
    const text = decode(output)
    assert.match(text, /00 ff 80 c3 a9 0a/, 'the input arrived as it was typed')
    assert.ok(text.endsWith('\x00\x01\xff\x80\xc3\xa9'), `the output came as written: ${JSON.stringify(text.slice(-12))}`)
    assert.ok(received.slice(framesBefore).includes(true), 'output came in binary frames')
  })

  it('after the connection drops: calls in flight end as lost, it reconnects, and calls made meanwhile go then', async () => {
    const dropped = page(mode, `#token=${mode.token}`)
    assert.ok((await dropped.berth.engine.status()).ok)
    const inFlight = dropped.berth.containers.list()
    for (const socket of connections) socket.destroy()
    const lost = await inFlight
    assert.ok(!lost.ok && lost.error.code === 'engine-unreachable')
    await eventually(() => dropped.states.includes('closed'), 'the page to see the drop', ENGINE_ANSWER_MS)

    const meanwhile = dropped.berth.engine.status()
    await eventually(() => dropped.states.at(-1) === 'open', 'the page to reconnect', RECONNECT_MS)
    assert.ok((await meanwhile).ok, 'the queued call was sent once the socket opened')
    assert.deepEqual(dropped.states.slice(0, 2), ['open', 'closed'])
  })
})

describe('the stores over the page’s bridge', () => {
  type Stores = typeof import('@renderer/features/terminal/terminals-store') & typeof import('@renderer/features/logs/use-log-stream')
  let stores: Stores
  before(async () => {
    // No window.berth: renderer/src/bridge builds the client over the WebSocket, as in a browser tab.
    g.window = { location: address(mode, `#token=${mode.token}`), sessionStorage: storage(), setTimeout, clearTimeout }
    stores = { ...(await import('@renderer/features/terminal/terminals-store')), ...(await import('@renderer/features/logs/use-log-stream')) }
    const states: LinkState[] = ['open']
    links.push(states)
    ;(await import('@renderer/bridge')).onLinkState((state) => states.push(state))
    setActivePinia(createPinia())
  })

  // Of a stopped container: on Podman its follow stream skipped lines while the page read slower, so
  // Berth reads a stopped container's log to its end instead (main/engine/logs/logs.ts).
  it('a pane gets the whole of a log far longer than main sends before it is acknowledged', async () => {
    // Main sends at most 8 batches of at most 5,000 lines before the page acknowledges.
    const c = await createContainer(docker, { cmd: ['seq', '1', '60000'], start: true })
    await docker.getContainer(c.Id).wait()
    const scope = effectScope()
    const pane = scope.run(() => stores.useLogStream(() => ({ id: c.Id, name: c.Name.slice(1) }), () => 'all'))
    assert.ok(pane)
    try {
      await eventually(() => pane.view.engineLines >= 60000, 'all 60,000 lines in the pane', LOG_FLOOD_MS)
      const ring = pane.view.ring
      const lines = Array.from({ length: ring.size }, (_, i) => ring.text(ring.first + i)).filter((_, i) => ring.kind(ring.first + i) !== 'm')
      assert.equal(lines.length, 60000)
      assert.equal(lines[0], '1')
      assert.equal(lines.at(-1), '60000')
    } finally {
      scope.stop()
    }
  })

  it('a terminal: what is typed runs, and a flood bigger than main holds unacknowledged comes through as it is drawn', async () => {
    const terminals = stores.useTerminalsStore()
    const c = await createContainer(docker, { start: true })
    const tab = terminals.open({ id: c.Id, name: c.Name.slice(1) }, { kind: 'exec', command: ['sh'] })
    let tail = ''
    let drawn = 0
    // An xterm that draws at once: each write is done as soon as it is made.
    terminals.connectView(tab.session, (data, done) => {
      tail = (tail + Buffer.from(data).toString('latin1')).slice(-4096)
      drawn += data.length
      done()
    })
    await terminals.connect(tab.session, { cols: 80, rows: 24 })
    assert.equal(tab.phase, 'attached', tab.message)

    terminals.input(tab.session, 'echo $((6*7))\r')
    await eventually(() => tail.includes('\r\n42\r\n'), 'the shell’s answer', CONTAINER_RUN_MS)
    // About 8 MB, where main stops reading at 2 MiB unacknowledged. The marker is computed, so its echo does not count.
    terminals.input(tab.session, 'seq 1 1000000; echo FLOOD-$((1+1))\r')
    await eventually(() => tail.includes('FLOOD-2\r\n'), 'the end of the flood', LOG_FLOOD_MS)
    assert.ok(drawn > 6_000_000, `${drawn} bytes drawn`)

    terminals.input(tab.session, 'exit 3\r')
    await eventually(() => tab.phase === 'exited', 'the shell to exit', CONTAINER_RUN_MS)
    assert.equal(tab.code, 3)
    terminals.closeAll()
  })
})
