import { rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { buildStampOf, sourcesHash } from './scripts/current-build.mjs'

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

/**
 * What `npm run web` and `npm start` check to build only when a source changed (scripts/current-build.mjs):
 * the hash of the sources, taken as the config loads, before any part is built; forgotten as the first
 * part (main) starts, recorded once the last (the renderer) is written. A failed or half-done build, or
 * a dev run (which rewrites out/main), leaves no record, so the next launch builds.
 */
const sourcesAtStart = sourcesHash(__dirname)
const forgetBuildStamp: Plugin = { name: 'berth-forget-build-stamp', buildStart: () => rmSync(buildStampOf(__dirname), { force: true }) }
const recordBuildStamp: Plugin = { name: 'berth-record-build-stamp', apply: 'build', writeBundle: () => writeFileSync(buildStampOf(__dirname), `${sourcesAtStart}\n`) }

/**
 * Builds: the page's first script is the bridge's early start (renderer/src/bridge/early.ts, an entry
 * of its own), ahead of the app's, so the WebSocket opens while the app's chunks still load.
 */
const earlyBridgeFirst: Plugin = {
  name: 'berth-early-bridge-first',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle }) {
      const early = Object.values(bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early')
      if (!early) throw new Error('The renderer build has no "early" entry (renderer/src/bridge/early.ts).')
      // Just before the app's script, and so after the CSP's <meta>, which governs only what follows it.
      // async: it runs as soon as it has arrived, not after the stylesheets as a deferred script would.
      const script = `<script type="module" async crossorigin src="./${early.fileName}"></script>`
      return html.replace(/^(\s*)(<script type="module")/m, `$1${script}\n$1$2`)
    },
  },
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
    plugins: [forgetBuildStamp],
    build: {
      outDir: 'out/main',
      // web: `npm run web`'s server, plain Node, loaded by scripts/web.mjs without a TypeScript loader.
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts'), web: resolve(__dirname, 'main/web.ts') } },
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
    plugins: [vue(), devServerCsp, earlyBridgeFirst, recordBuildStamp],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the first page loads a fraction of the bytes.
      minify: true,
      // The polyfill would be an inline script, which the page's CSP refuses; Chromium (Electron's and the
      // browser mode's) supports <link rel=modulepreload> natively.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html'), early: resolve(__dirname, 'renderer/src/bridge/early.ts') },
        // Vue, its router, Pinia and the virtual list in one chunk, which every page needs, rather than
        // in as many small ones: each file is a request the page waits for.
        output: { codeSplitting: { groups: [{ name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|@tanstack)[\\/]/ }] } },
      },
    },
  },
})
