import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import LogWindow from './views/LogWindow.vue'
import './styles.css'

// A popped-out log pane is the same page at `#logs=<container>`; the bridge has already taken the token off the hash.
const route = new URLSearchParams(location.hash.slice(1))
const logsOf = route.get('logs')
const tail = route.get('tail')

const root = logsOf
  ? createApp(LogWindow, { id: logsOf, tail: tail === 'all' ? 'all' : Math.min(1_000_000, Math.max(0, Number(tail ?? 1000) || 0)) })
  : createApp(App)
root.use(createPinia()).mount('#app')
