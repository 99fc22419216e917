// First: how zod behaves under the page's CSP, before any module builds a schema.
import './app/zod-jitless'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './app/App.vue'
import { router } from './app/router'
import './styles.css'

createApp(App).use(createPinia()).use(router).mount('#app')
