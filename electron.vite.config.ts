import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

/**
 * `npm run dev` only: Vite's dev server injects styles as <style> tags and talks to the page over a
 * WebSocket for hot reload, which the page's strict CSP forbids. Builds keep the strict policy.
 */
const devServerCsp: Plugin = {
  name: 'berth-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
}

/** The import aliases of tsconfig.base.json, for the bundles (tsx and Playwright read them from tsconfig). */
const resolveAliases = {
  alias: {
    '@common': resolve(__dirname, 'common'),
    '@main': resolve(__dirname, 'main'),
    '@renderer': resolve(__dirname, 'renderer/src'),
  },
}

export default defineConfig({
  main: {
    resolve: resolveAliases,
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts') } },
    },
  },
  preload: {
    resolve: resolveAliases,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle everything into one file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: resolveAliases,
    plugins: [vue(), devServerCsp],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
