// The window domain: a place in the app popped out into a window of its own, where the host has windows.
import type { Handlers } from './router'

/** What the host gives the window domain. Electron opens windows; browser mode cannot. */
export interface WindowHost {
  /** Opens another window on the app's page, at this route (the URL fragment, already validated). */
  openWindow?(route: string): void
}

export function createWindowHandlers(host: WindowHost = {}): Handlers['window'] {
  return {
    popOut: async ({ route }) => {
      if (!host.openWindow) return { opened: false }
      host.openWindow(route)
      return { opened: true }
    },
  }
}
