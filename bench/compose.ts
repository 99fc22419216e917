// `npm run bench:compose`: a project of 8 services, made as Compose v2 labels them, each printing
// 100,000 numbered lines; then, in one run,
//   (a) `docker-compose -p bench logs --no-color > /dev/null` (docker-compose 1.29) to its end,
//   (b) the project page's merged Logs tab in Chromium (browser mode), from opening the page to the
//       last line of every container shown, with the peak JS heap.
// The containers have finished printing before either reads, so both read the same 800,000 lines.
// Uses DOCKER_HOST when set; otherwise starts its own private engine and removes it afterwards.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserMode } from '@main/browser-mode/server'
import { engineFromEnvOrPrivate, type PrivateEngine } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { COMPOSE_CLI, composeFolder, runV2Container } from '../test/env/compose-project'
import { removeTestContainers, testDocker } from '../test/env/session'
import { eventually, sleep } from '../test/env/wait'

const SERVICES = ['web', 'api', 'db', 'worker', 'cache', 'queue', 'mail', 'proxy']
const LINES = 100_000
const PROJECT = 'bench'
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const TARGETS = { ratio: 1.5 }
const PRINT_EVERY_LINE_MS = 300_000
const RENDERER_DIR = resolve(__dirname, '../out/renderer')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function composeLogs(file: string): Promise<number> {
  const devNull = openSync('/dev/null', 'w')
  const start = performance.now()
  const code = await new Promise<number | null>((done) => {
    spawn(COMPOSE_CLI, ['-p', PROJECT, '-f', file, 'logs', '--no-color'], { stdio: ['ignore', devNull, devNull] }).on('close', done)
  })
  closeSync(devNull)
  if (code !== 0) throw new Error(`docker-compose logs exited with ${code}`)
  return performance.now() - start
}

interface PaneFigures {
  ms: number
  heapMb: number
}

async function pane(): Promise<PaneFigures> {
  const mode = await startBrowserMode({ rendererDir: RENDERER_DIR })
  const browser = await chromium.launch({
    executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 760 } })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    let peak = 0
    let sampling = true
    const sample = async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics')
        peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0)
        await sleep(100)
      }
    }
    const start = performance.now()
    await page.goto(mode.url.replace('#token=', `#/projects/${PROJECT}/logs?popout=1&tail=all&token=`))
    const sampler = sample()
    // Each container's stream says it waits for a start only once every line before it went out:
    // all eight waiting, and the last row drawn is the last one's stop note, is the end of the log.
    await page.waitForFunction(
      (n) => {
        const waiting = document.querySelector('[data-testid=log-waiting]')?.textContent ?? ''
        const rows = document.querySelectorAll('[data-testid=log-row]')
        return (waiting.match(/bench-/g) ?? []).length === n && (rows[rows.length - 1]?.textContent ?? '').includes('container stopped')
      },
      SERVICES.length,
      { polling: 10, timeout: 600_000 },
    )
    const ms = performance.now() - start
    sampling = false
    await sampler
    return { ms, heapMb: peak / 1024 / 1024 }
  } finally {
    await browser.close()
    await mode.close()
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  const scratch = mkdtempSync(join(tmpdir(), 'berth-bench-'))
  let engine: PrivateEngine | undefined
  process.env.DOCKER_CONFIG ??= join(scratch, 'docker-config')
  const folder = composeFolder(Object.fromEntries(SERVICES.map((s) => [s, { networkNone: true }])))
  try {
    engine = await engineFromEnvOrPrivate()
    await buildFixtureImages()
    const docker = testDocker()
    await Promise.all(SERVICES.map((s) => runV2Container(PROJECT, s, 1, ['seq', '1', String(LINES)])))
    await eventually(
      async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`], status: ['running'] } })).length === 0,
      'every service to print every line',
      PRINT_EVERY_LINE_MS,
    )
    const runs: Array<{ a: number; b: PaneFigures }> = []
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`
    for (let i = 0; i < RUNS; i++) {
      const a1 = await composeLogs(folder.file)
      const b = await pane()
      const a = (a1 + (await composeLogs(folder.file))) / 2
      runs.push({ a, b })
      console.log(`run ${i + 1}: a ${fmt(a)}  b ${fmt(b.ms)}  b/a ${(b.ms / a).toFixed(2)}  heap ${b.heapMb.toFixed(1)} MB  load ${loadavg()[0]?.toFixed(2)}`)
    }
    const ratio = median(runs.map((r) => r.b.ms / r.a))
    const heap = Math.max(...runs.map((r) => r.b.heapMb))
    console.log(`\n${SERVICES.length} services × ${LINES.toLocaleString('en')} lines, median of ${RUNS} runs, ${cpus().length} cores`)
    console.log(`(a) docker-compose logs > /dev/null     ${fmt(median(runs.map((r) => r.a)))}`)
    console.log(`(b) merged pane, open to last line      ${fmt(median(runs.map((r) => r.b.ms)))}   b/a = ${ratio.toFixed(2)} (target ≤ ${TARGETS.ratio}) ${ratio <= TARGETS.ratio ? 'meets target' : 'MISSES target'}`)
    console.log(`    peak JS heap (worst run)            ${heap.toFixed(1)} MB`)
    await removeTestContainers(docker)
  } finally {
    folder.remove()
    await engine?.destroy()
    rmSync(scratch, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
