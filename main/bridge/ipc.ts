// The Electron IPC transport. Written against the few parts of ipcMain / WebContents it uses, so
// this file never imports electron and its checks can be tested under plain Node.
import type { Bridge, Caller } from './index'
import { eventChannel } from '../../preload/contract'
import type { Result } from '../engine/types'

export interface FrameLike {
  url: string
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): unknown
}

export interface InvokeEventLike {
  senderFrame: FrameLike | null
  sender: WebContentsLike
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<Result<unknown>>): void
  removeHandler(channel: string): void
}

/** True when `url` is the app's own page: the same file for a packaged build, the same origin for the dev server. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const frame = new URL(url)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === app.pathname
    return frame.origin === app.origin
  } catch {
    return false
  }
}

const refused: Result<unknown> = {
  ok: false,
  error: { code: 'unauthorized', message: 'Berth only answers its own pages.' },
}

export function serveOverIpc(bridge: Bridge, ipcMain: IpcMainLike, appUrl: string): () => void {
  const pages = new Map<WebContentsLike, Caller>()

  const callerFor = (contents: WebContentsLike): Caller => {
    let caller = pages.get(contents)
    if (caller) return caller
    const cleanups: Array<() => void> = []
    caller = {
      send: (domain, event, payload) => {
        if (!contents.isDestroyed()) contents.send(eventChannel(domain, event), payload)
      },
      onClose: (cleanup) => cleanups.push(cleanup),
    }
    pages.set(contents, caller)
    contents.once('destroyed', () => {
      pages.delete(contents)
      cleanups.forEach((c) => c())
    })
    return caller
  }

  for (const channel of bridge.router.channels) {
    ipcMain.handle(channel, async (event, input) => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url, appUrl)) return refused
      return bridge.router.dispatch(channel, input, callerFor(event.sender))
    })
  }
  const unsubscribe = bridge.hub.subscribe((channel, payload) => {
    for (const contents of pages.keys()) if (!contents.isDestroyed()) contents.send(channel, payload)
  })
  return () => {
    unsubscribe()
    for (const channel of bridge.router.channels) ipcMain.removeHandler(channel)
  }
}
