/// <reference types="vite/client" />
// window.berth and window.berthDesktop are declared in common/window.d.ts.

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
