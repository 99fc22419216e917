// The one place the renderer reaches `window.berth`. In the Electron window preload provides it;
// in browser mode the same contract is built over the loopback WebSocket. Stores import this; views never do.
import type { BerthApi } from '@common/api'
import { createWebSocketTransport, type LinkState } from './websocket'
import { earlyTransport, withEarlyAnswers } from './early'
import { createLazyClient } from './client'

function connect(): { berth: BerthApi; onLinkState: (listener: (state: LinkState) => void) => () => void } {
  if (window.berth) return { berth: window.berth, onLinkState: () => () => {} }
  // early.ts opened it as the page started (it does whenever preload gave no window.berth).
  const transport = earlyTransport ?? createWebSocketTransport(window.location, window.sessionStorage)
  return { berth: createLazyClient(withEarlyAnswers(transport)), onLinkState: transport.onState }
}

export const { berth, onLinkState } = connect()

/** Paths of dropped files on this machine, in the desktop window; null in a browser (or when any has none). */
export function hostPathsOf(files: File[]): string[] | null {
  const desktop = window.berthDesktop
  if (!desktop) return null
  const paths = files.map((f) => desktop.pathForFile(f))
  return paths.every(Boolean) ? paths : null
}
export type { LinkState }
