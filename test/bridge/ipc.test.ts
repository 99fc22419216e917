// Electron cannot run here, so ipcMain and WebContents are stood in for by the few methods the
// transport uses. The engine behind them is the real one.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { Engine } from '../../main/engine'
import { createBridge, type Bridge } from '../../main/bridge'
import { isAppUrl, serveOverIpc, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../main/bridge/ipc'
import { callChannel, eventChannel } from '../../preload/contract'
import type { Result } from '../../main/engine/types'

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
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener)
  }
  destroy(): void {
    this.destroyed = true
    this.onDestroyed.forEach((l) => l())
  }
}

const APP = 'file:///opt/Berth/resources/app/out/renderer/index.html'

describe('IPC transport', () => {
  const engine = new Engine()
  let bridge: Bridge
  const ipc = new FakeIpcMain()
  let stop: () => void
  before(() => {
    bridge = createBridge(engine)
    stop = serveOverIpc(bridge, ipc, APP)
  })
  after(() => {
    stop()
    bridge.close()
    engine.stop()
  })

  const invoke = (url: string | null, channel: string, input: unknown, sender = new FakeContents()) =>
    ipc.handlers.get(channel)!({ senderFrame: url === null ? null : { url }, sender }, input)

  it('registers one handler per contract call, and removes them on stop', () => {
    assert.deepEqual([...ipc.handlers.keys()].sort(), [...bridge.router.channels].sort())
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
    bridge.hub.emit('containers', 'changed', [])
    assert.deepEqual(page.sent.at(-1), [eventChannel('containers', 'changed'), []])
    page.destroy()
    const count = page.sent.length
    bridge.hub.emit('containers', 'changed', [])
    assert.equal(page.sent.length, count)
  })

  it('recognises the app page by file path or dev-server origin only', () => {
    assert.equal(isAppUrl(APP, APP), true)
    assert.equal(isAppUrl('file:///opt/Berth/other.html', APP), false)
    assert.equal(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173'), true)
    assert.equal(isAppUrl('http://localhost:5174/', 'http://localhost:5173'), false)
    assert.equal(isAppUrl('http://localhost.evil:5173/', 'http://localhost:5173'), false)
  })
})
