/// <reference types="vite/client" />
import type { BerthApi } from '@common/api'

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in browser mode. */
    berth?: BerthApi
    /** The desktop window only: where a dropped file is on this machine. */
    berthDesktop?: { pathForFile(file: File): string }
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
