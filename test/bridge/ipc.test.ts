// Electron cannot run here, so ipcMain and WebContents are stood in for by the few methods the
// transport uses. The engine behind them is the real one.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { createBridge, type Bridge } from '@main/bridge'
import { isAppUrl, serveOverIpc, type InvokeEventLike, type IpcMainLike, type NavigationLike, type WebContentsLike } from '@main/bridge/ipc'
import { openLogConnections } from '@main/engine/logs/logs'
import { api } from '@common/api'
import { callChannel, eventChannel } from '@common/contract/spec'
import type { LogBatch } from '@common/contract/logs'
import type { Result } from '@common/contract/shared'
import { docker as cli } from '../env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../env/wait'

type Handler = (event: InvokeEventLike, input: unknown) => Promise<Result<unknown>>

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Handler>()
  handle(channel: string, listener: Handler): void {
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
}

class FakeContents implements WebContentsLike {
  sent: Array<[string, unknown]> = []
  destroyed = false
  private onDestroyed: Array<() => void> = []
  private onNavigation: Array<(details: NavigationLike) => void> = []
  private onGone: Array<() => void> = []
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener)
  }
  on(event: 'did-start-navigation', listener: (details: NavigationLike) => void): void
  on(event: 'render-process-gone', listener: () => void): void
  on(event: 'did-start-navigation' | 'render-process-gone', listener: ((details: NavigationLike) => void) | (() => void)): void {
    if (event === 'did-start-navigation') this.onNavigation.push(listener)
    else this.onGone.push(listener as () => void)
  }
  destroy(): void {
    this.destroyed = true
    this.onDestroyed.forEach((l) => l())
  }
  /** A reload (F5) is a main-frame, cross-document navigation. */
  navigate(details: NavigationLike = { isMainFrame: true, isSameDocument: false }): void {
    this.onNavigation.forEach((l) => l(details))
  }
  crash(): void {
    this.onGone.forEach((l) => l())
  }
}

const APP = 'file:///opt/Berth/resources/app/out/renderer/index.html'

const docker = testDocker()

/** Every call channel the contract declares, derived from preload/api.ts rather than from the router. */
const contractChannels = Object.entries(api).flatMap(([domain, spec]) => Object.keys(spec.calls).map((name) => callChannel(domain, name)))

describe('IPC transport', () => {
  const engine = new Engine()
  let bridge: Bridge
  const ipc = new FakeIpcMain()
  let stop: () => void
  before(() => {
    bridge = createBridge(engine)
    stop = serveOverIpc(bridge, ipc, APP)
  })
  after(async () => {
    stop()
    bridge.close()
    engine.stop()
    await removeTestContainers(docker)
  })

  const invoke = (url: string | null, channel: string, input: unknown, sender = new FakeContents()) =>
    ipc.handlers.get(channel)!({ senderFrame: url === null ? null : { url }, sender }, input)

  it('registers one handler per contract call, and removes them on stop', () => {
    assert.ok(contractChannels.length > 10)
    assert.deepEqual([...ipc.handlers.keys()].sort(), [...contractChannels].sort())
    const own = new FakeIpcMain()
    const stopOwn = serveOverIpc(bridge, own, APP)
    assert.deepEqual([...own.handlers.keys()].sort(), [...contractChannels].sort())
    stopOwn()
    assert.deepEqual([...own.handlers.keys()], [])
    // Stopping one transport leaves the other's handlers alone.
    assert.equal(ipc.handlers.size, contractChannels.length)
  })

  it('refuses calls from frames that are not the app page', async () => {
    for (const url of [null, 'https://evil.example/', 'file:///tmp/evil.html', 'about:blank', 'devtools://devtools/x', 'not a url']) {
      const result = await invoke(url, callChannel('containers', 'list'), {})
      assert.equal(result.ok, false, `accepted ${url}`)
      assert.equal(!result.ok && result.error.code, 'unauthorized')
    }
  })

  it('answers the app page and validates its input', async () => {
    const ok = await invoke(`${APP}#/logs/abc`, callChannel('containers', 'list'), {})
    assert.equal(ok.ok, true)
    const bad = await invoke(APP, callChannel('containers', 'start'), { id: 1 })
    assert.equal(!bad.ok && bad.error.code, 'invalid-input')
  })

  it('pushes events to pages that called, until they are destroyed', async () => {
    const page = new FakeContents()
    await invoke(APP, callChannel('engine', 'status'), {}, page)
    const change = { base: 0, version: 1, add: [], update: [], remove: [] }
    bridge.hub.emit('containers', 'changed', change)
    assert.deepEqual(page.sent.at(-1), [eventChannel('containers', 'changed'), change])
    page.destroy()
    const count = page.sent.length
    bridge.hub.emit('containers', 'changed', change)
    assert.equal(page.sent.length, count)
  })

  /** A page with a followed log stream open through the bridge: one engine connection. */
  async function pageWithLogStream(): Promise<{ page: FakeContents; id: string }> {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "echo hello; trap 'exit 0' TERM; sleep 3600 & wait"], start: true })
    const page = new FakeContents()
    const opened = await invoke(APP, callChannel('logs', 'open'), { stream: 'pane', id: c.Id, tail: 10, follow: true }, page)
    assert.ok(opened.ok, JSON.stringify(opened))
    await eventually(() => linesSent(page).includes('hello'), 'the first lines', ENGINE_ANSWER_MS)
    assert.equal(openLogConnections(), 1)
    return { page, id: c.Id }
  }

  /** The log lines a page was sent, in order. */
  const linesSent = (page: FakeContents) =>
    page.sent.filter(([channel]) => channel === eventChannel('logs', 'lines')).flatMap(([, batch]) => (batch as LogBatch).lines)

  it('closes the streams of a page when its window is destroyed', async () => {
    const { page } = await pageWithLogStream()
    page.destroy()
    await eventually(() => openLogConnections() === 0, 'the stream to close with its window', ENGINE_ANSWER_MS)
  })

  it('closes the streams of a page when it reloads or crashes, and serves the new page afresh', async () => {
    const { page, id } = await pageWithLogStream()
    // A fragment change (the router) or a frame inside the page is still the same page.
    page.navigate({ isMainFrame: true, isSameDocument: true })
    page.navigate({ isMainFrame: false, isSameDocument: false })
    // The stream is still open when a line the container writes after the navigations reaches the page.
    await cli(['exec', id, 'sh', '-c', 'echo after-navigation > /proc/1/fd/1'])
    await eventually(() => linesSent(page).includes('after-navigation'), 'a line written after the in-page navigations', ENGINE_ANSWER_MS)
    assert.equal(openLogConnections(), 1, 'an in-page navigation closed the stream')

    page.navigate()
    await eventually(() => openLogConnections() === 0, 'the stream to close on reload', ENGINE_ANSWER_MS)
    // The reloaded page is a new caller: it does not own the old page's stream and hears nothing of it.
    const sentBefore = page.sent.length
    const older = await invoke(APP, callChannel('logs', 'older'), { stream: 'pane', before: '2000-01-01T00:00:00.000000000Z', skip: 0, count: 10 }, page)
    assert.equal(!older.ok && older.error.code, 'not-found')
    assert.equal(page.sent.length, sentBefore)

    const { page: again } = await pageWithLogStream()
    again.crash()
    await eventually(() => openLogConnections() === 0, 'the stream to close when the renderer dies', ENGINE_ANSWER_MS)
  })

  it('recognises the app page by file path or dev-server origin only', () => {
    assert.equal(isAppUrl(APP, APP), true)
    assert.equal(isAppUrl('file:///opt/Berth/other.html', APP), false)
    assert.equal(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173'), true)
    assert.equal(isAppUrl('http://localhost:5174/', 'http://localhost:5173'), false)
    assert.equal(isAppUrl('http://localhost.evil:5173/', 'http://localhost:5173'), false)
  })
})
