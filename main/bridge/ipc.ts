// The Electron IPC transport. Written against the few parts of ipcMain / WebContents it uses, so
// this file never imports electron and its checks can be tested under plain Node.
import type { Bridge, Caller } from './index'
import { eventChannel } from '@common/contract/spec'
import type { Result } from '@common/contract/shared'

export interface FrameLike {
  url: string
}

/** What Electron's 'did-start-navigation' hands over (its first argument, in Electron 25 and later). */
export interface NavigationLike {
  isMainFrame: boolean
  isSameDocument: boolean
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): unknown
  on(event: 'did-start-navigation', listener: (details: NavigationLike) => void): unknown
  on(event: 'render-process-gone', listener: () => void): unknown
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
  const pages = new Map<WebContentsLike, { caller: Caller; cleanups: Array<() => void> }>()
  const watched = new WeakSet<WebContentsLike>()

  // The page that made the calls is gone: its streams and pulls end with it. The web contents may
  // live on (reload, crash and restore); its next call gets a fresh Caller.
  const release = (contents: WebContentsLike) => {
    const page = pages.get(contents)
    if (!page) return
    pages.delete(contents)
    page.cleanups.forEach((c) => c())
  }

  // Electron emits 'destroyed' only when the window goes; a reload or navigation replaces the page
  // inside the same web contents and says so only through these.
  const watch = (contents: WebContentsLike) => {
    if (watched.has(contents)) return
    watched.add(contents)
    contents.once('destroyed', () => release(contents))
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) release(contents)
    })
    contents.on('render-process-gone', () => release(contents))
  }

  const callerFor = (contents: WebContentsLike): Caller => {
    const known = pages.get(contents)
    if (known) return known.caller
    const cleanups: Array<() => void> = []
    const caller: Caller = {
      send: (domain, event, payload) => {
        // A page that has gone (or been replaced) hears nothing more from this caller.
        if (pages.get(contents)?.caller === caller && !contents.isDestroyed()) contents.send(eventChannel(domain, event), payload)
      },
      onClose: (cleanup) => {
        // Registered after the page went: run it now, or it would never run.
        if (pages.get(contents)?.caller === caller) cleanups.push(cleanup)
        else cleanup()
      },
    }
    pages.set(contents, { caller, cleanups })
    watch(contents)
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
