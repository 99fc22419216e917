// What preload puts on the page's window. Declared here, where the renderer's program and the
// Node program (its unit tests import renderer code) both read it.
import type { BerthApi } from './api'

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in browser mode. */
    berth?: BerthApi
    /** The desktop window only: where a dropped file is on this machine. */
    berthDesktop?: { pathForFile(file: File): string }
  }
}
