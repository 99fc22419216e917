/// <reference types="vite/client" />
import type { BerthApi } from '../../preload/api'

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in browser mode. */
    berth?: BerthApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
