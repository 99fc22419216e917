// What the benchmarks that set Berth beside a CLI share: the engine they run on, the built renderer
// in Chromium, the CLI's time into /dev/null, the page's peak JS heap, and how a run ends.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { engineFromEnvOrPrivate, type PrivateEngine } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { CHROMIUM } from '../test/e2e/chromium'
import { sleep } from '../test/env/wait'
import { createContainer } from '../test/env/session'
import type Dockerode from 'dockerode'
import { WebSocketServer, type WebSocket } from 'ws'

/**
 * The renderer builds the page loads: BENCH_RENDERER_DIR measures another (an older one, for a
 * before/after on the same engine and load), or several, comma-separated, where a benchmark takes turns
 * (bench:startup); the others load the first.
 */
export const RENDERER_DIRS = (process.env.BENCH_RENDERER_DIR ?? resolve(__dirname, '../out/renderer')).split(',').map((dir) => resolve(dir))
const RENDERER_DIR = RENDERER_DIRS[0]!

/**
 * A function of this file as a script for a page, called with `args` (JSON): tsx names functions with
 * a helper of its own (`__name`), which the page lacks, so the script brings a stand-in for it.
 */
export function pageScript(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `var __name = (f) => f;\n(${fn.toString()})(${args.map((a) => JSON.stringify(a)).join(', ')})\n`
}

/** The value at `q` (0–1) of the sorted samples; NaN for none. */
export const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN
export const median = (xs: number[]): number => quantile(xs, 0.5)
export const p95 = (xs: number[]): number => quantile(xs, 0.95)

/** A duration in milliseconds, in seconds as the benchmarks print their longer figures. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

/** Creates test containers (never started), 50 at a time, until the engine has `total`. */
export async function fillTo(docker: Dockerode, total: number): Promise<void> {
  const have = (await docker.listContainers({ all: true })).length
  for (let i = have; i < total; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, total - i) }, () => createContainer(docker)))
  }
}

export const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target')

/**
 * Runs a benchmark on the engine in DOCKER_HOST, or else on a private one removed afterwards, with the
 * fixture images built and a Docker config of its own (no user's credentials or contexts); then exits,
 * with 1 on a failure, whatever streams are still open.
 */
export function bench(body: () => Promise<void>): void {
  const run = async () => {
    const unbuilt = RENDERER_DIRS.find((dir) => !existsSync(join(dir, 'index.html')))
    if (unbuilt) throw new Error(`Build the renderer first (npx electron-vite build): ${unbuilt} has no index.html`)
    const scratch = mkdtempSync(join(tmpdir(), 'berth-bench-'))
    process.env.DOCKER_CONFIG ??= join(scratch, 'docker-config')
    let engine: PrivateEngine | undefined
    try {
      engine = await engineFromEnvOrPrivate()
      await buildFixtureImages()
      await body()
    } finally {
      await engine?.destroy()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
  run().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}

/** Browser mode on the built renderer, and Debian's Chromium to open it in. */
export async function openBrowser(): Promise<{ mode: BrowserMode; browser: Browser; close(): Promise<void> }> {
  const mode = await startBrowserMode({ rendererDir: RENDERER_DIR })
  const browser = await chromium.launch(CHROMIUM).catch(async (err: unknown) => {
    await mode.close()
    throw err
  })
  return {
    mode,
    browser,
    async close() {
      await browser.close()
      await mode.close()
    },
  }
}

/** How long a CLI takes to write all its output into /dev/null, as a user's redirect would. */
export async function timeIntoDevNull(command: string, args: string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w')
  const start = performance.now()
  const code = await new Promise<number | null>((done) => {
    spawn(command, args, { stdio: ['ignore', devNull, devNull] }).on('close', done)
  })
  closeSync(devNull)
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${code}`)
  return performance.now() - start
}

/**
 * The page's peak used JS heap: sampled every 100 ms from `start` until `stop`, which gives it in MB.
 * Sampled, not read once at the end: the heap peaks while lines arrive and is collected afterwards.
 * The DevTools session is opened here, before a timed part begins.
 */
export async function heapProbe(page: Page): Promise<{ start(): void; stop(): Promise<number> }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  let peak = 0
  let sampling = false
  let sampler = Promise.resolve()
  return {
    start() {
      sampling = true
      sampler = (async () => {
        while (sampling) {
          const { metrics } = await cdp.send('Performance.getMetrics')
          peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0)
          await sleep(100)
        }
      })()
    },
    async stop() {
      sampling = false
      await sampler
      return peak / 1024 / 1024
    },
  }
}

/** Where the page's main thread spent a stretch, in ms: all its tasks, and script, style and layout among them (Chromium's Performance metrics). */
export interface ThreadTime {
  task: number
  script: number
  style: number
  layout: number
}

/** Chromium's counters of the page's main thread, read at `start` and at `stop`: the difference, in ms. `close` detaches. */
export async function threadProbe(page: Page): Promise<{ start(): Promise<void>; stop(): Promise<ThreadTime>; close(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  let before: Record<string, number> = {}
  const ms = (after: Record<string, number>, name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000
  return {
    async start() {
      before = await read()
    },
    async stop() {
      const after = await read()
      return { task: ms(after, 'TaskDuration'), script: ms(after, 'ScriptDuration'), style: ms(after, 'RecalcStyleDuration'), layout: ms(after, 'LayoutDuration') }
    },
    close: () => cdp.detach(),
  }
}

/** What a bench origin answers at a path: a page (HTML) by default. */
export interface Answer {
  type?: string
  body: string | Buffer
}

/**
 * An origin of the benchmark's own on 127.0.0.1, for a blank page and its WebSocket: a page's socket
 * to another origin would be a cross-origin one. `answer` serves each GET; each socket goes to `onSocket`.
 */
export async function ownOrigin(answer: (path: string) => Answer, onSocket: (ws: WebSocket) => void): Promise<{ url: string; close(): void }> {
  const http = createServer((req, res) => {
    const { type = 'text/html', body } = answer(req.url ?? '/')
    res.writeHead(200, { 'Content-Type': type }).end(body)
  })
  const sockets = new WebSocketServer({ server: http })
  sockets.on('connection', onSocket)
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', () => done()))
  return {
    url: `http://127.0.0.1:${(http.address() as { port: number }).port}/`,
    close() {
      sockets.close()
      http.closeAllConnections()
      http.close()
    },
  }
}
