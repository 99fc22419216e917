// `npm run bench:terminal`: the terminal's speed, each figure beside the engine's own in the same run.
//   Keystroke echo through `cat` in an exec TTY:
//     (e) the engine's round trip: a byte written to a hijacked exec connection until its echo comes back;
//     (k) Berth: a key pressed in the browser-mode page until its echo is drawn by xterm, in legs
//         (key → sent, sent → echo in the page, echo → drawn), beside the browser's own floor: how
//         long an animation frame asked for as the echo arrives takes to come.
//   BYTES (default 100 MB) of output through an exec TTY:
//     (a) `docker exec -t <c> sh -c 'head -c N /dev/zero | tr -c a a' > /dev/null` with the CLI;
//     (b) Berth's pipeline: engine → session → WebSocket (binary frames) → a client in a process of
//         its own (bench/terminal-client.ts) acknowledging as the page does;
//     (c) the pane: the same command in the Terminal tab until its last line is drawn, with the
//         longest main-thread task and the peak JS heap.
// Uses DOCKER_HOST when set; otherwise starts its own private engine and removes it afterwards.
import { spawn } from 'node:child_process'
import type { Duplex } from 'node:stream'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { BrowserMode } from '@main/browser-mode/server'
import { DOCKER_CLI } from '../test/env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../test/env/session'
import { sleep } from '../test/env/wait'
import { bench, heapProbe, openBrowser, seconds, timeIntoDevNull, verdict } from './harness'

const BYTES = Number(process.env.BENCH_BYTES ?? 100_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const KEYS = Number(process.env.BENCH_KEYS ?? 200)
const TARGETS = { p50: 10, p95: 25, pipeline: 0.9, paneMBps: 10, longTaskMs: 100 }
const FLOOD = (n: number) => `head -c ${n} /dev/zero | tr -c a a; echo; echo END-OF-FLOOD`
const ACK_EVERY = 256 * 1024

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] as number
const median = (xs: number[]) => quantile(xs, 0.5)

/** (e) The engine's own echo: one byte into a hijacked `cat` exec until it comes back. */
async function engineEcho(id: string): Promise<number[]> {
  const docker = testDocker()
  const exec = await docker.getContainer(id).exec({ Cmd: ['cat'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true })
  const socket = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex
  const samples: number[] = []
  let waiting: (() => void) | null = null
  socket.on('data', () => waiting?.())
  for (let i = 0; i < KEYS; i++) {
    const start = performance.now()
    await new Promise<void>((done) => {
      waiting = done
      socket.write('x')
    })
    samples.push(performance.now() - start)
    await sleep(5)
  }
  socket.destroy()
  return samples
}

/** (a) The CLI into /dev/null. */
const cliFlood = (id: string) => timeIntoDevNull(DOCKER_CLI, ['exec', '-t', id, 'sh', '-c', FLOOD(BYTES)])

/** (b) Berth's pipeline to a WebSocket client in a process of its own that acknowledges like the page. */
async function pipeline(mode: BrowserMode, id: string): Promise<number> {
  const args = { port: mode.port, token: mode.token, origin: mode.origin, id, bytes: BYTES, command: ['sh', '-c', FLOOD(BYTES)], ackEvery: ACK_EVERY }
  const output = await new Promise<string>((done, fail) => {
    let out = ''
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'terminal-client.ts')], {
      env: { ...process.env, BENCH_CLIENT: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`the pipeline client exited with ${code}`))))
  })
  return (JSON.parse(output) as { ms: number }).ms
}

type Probe = { lat: number[]; legs: Array<[number, number, number]>; tasks: Array<[number, number]>; wire: { sent: number[]; received: number[]; frame: number[] } }

async function openTerminal(page: Page, url: string, command: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('terminal-shell').selectOption('custom')
  await page.getByTestId('terminal-command').fill(command)
  await page.getByTestId('terminal-exec').click()
  await page.locator('[data-phase=attached]').waitFor({ state: 'attached' })
}

/** (k) A key pressed in the page until its echo is drawn (the rows' DOM changes in xterm's frame). */
async function paneEcho(page: Page, url: string): Promise<{ lat: number[]; legs: Array<[number, number, number]>; frame: number[] }> {
  await openTerminal(page, url, 'cat')
  // A string, not a function: the bundler's helpers would not exist in the page.
  await page.evaluate(`(() => {
    window.lat = []
    window.legs = []
    const rows = document.querySelector('.terminal-view .xterm-rows')
    const count = () => (rows.textContent.match(/x/g) || []).length
    let t0 = 0
    let want = 0
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'x') return
      t0 = performance.now()
      want = count() + 1
    }, true)
    new MutationObserver(() => {
      if (t0 && count() >= want) {
        const now = performance.now()
        const sent = window.wire.sent.find((t) => t >= t0) ?? NaN
        const echoed = window.wire.received.find((t) => t >= sent) ?? NaN
        window.lat.push(now - t0)
        window.legs.push([sent - t0, echoed - sent, now - echoed])
        t0 = 0
      }
    }).observe(rows, { subtree: true, childList: true, characterData: true })
  })()`)
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press('x')
    await page.waitForFunction((n) => (window as unknown as Probe).lat.length > n, i, { polling: 'raf' })
    await sleep(5)
  }
  return page.evaluate(() => {
    const w = window as unknown as Probe
    return { lat: w.lat, legs: w.legs, frame: w.wire.frame }
  })
}

interface PaneFigures {
  ms: number
  heapMb: number
  longTaskMs: number
}

/** (c) The flood in the Terminal tab until its last line is drawn. */
async function paneFlood(page: Page, url: string): Promise<PaneFigures> {
  const heap = await heapProbe(page)
  await page.goto('about:blank')
  await page.goto(url)
  await page.getByTestId('terminal-shell').selectOption('custom')
  await page.getByTestId('terminal-command').fill(`sh -c "${FLOOD(BYTES)}"`)
  heap.start()
  const t0 = await page.evaluate(() => performance.now())
  const start = performance.now()
  await page.getByTestId('terminal-exec').click()
  await page.waitForFunction(() => document.querySelector('.terminal-view .xterm-rows')?.textContent?.includes('END-OF-FLOOD'), null, {
    polling: 50,
    timeout: 600_000,
  })
  const ms = performance.now() - start
  const heapMb = await heap.stop()
  const tasks = await page.evaluate(() => (window as unknown as Probe).tasks)
  return { ms, heapMb, longTaskMs: Math.max(0, ...tasks.filter(([s, d]) => s + d >= t0).map(([, d]) => d)) }
}

bench(async () => {
  const docker = testDocker()
  const c = await createContainer(docker, { start: true })
  const name = c.Name.slice(1)
  const { mode, browser, close } = await openBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 760 } })
    await page.addInitScript(() => {
      const w = window as unknown as Probe
      w.tasks = []
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.tasks.push([entry.startTime, entry.duration])
      }).observe({ type: 'longtask', buffered: true })
      // When the bridge's messages leave the page and when binary ones (terminal output) reach its handler.
      w.wire = { sent: [], received: [], frame: [] }
      const send = WebSocket.prototype.send
      WebSocket.prototype.send = function (this: WebSocket, data) {
        w.wire.sent.push(performance.now())
        send.call(this, data)
      }
      const handler = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage') as PropertyDescriptor
      Object.defineProperty(WebSocket.prototype, 'onmessage', {
        ...handler,
        set(this: WebSocket, fn: ((e: MessageEvent) => void) | null) {
          handler.set?.call(this, fn && ((e: MessageEvent) => {
            if (typeof e.data !== 'string') {
              const at = performance.now()
              w.wire.received.push(at)
              // The floor for drawing: an animation frame asked for as the output arrives.
              requestAnimationFrame(() => w.wire.frame.push(performance.now() - at))
            }
            fn.call(this, e)
          }))
        },
      })
    })
    const url = mode.url.replace('#token=', `#/containers/${name}/terminal?token=`)
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`
    const task = (ms: number) => (ms ? `${ms.toFixed(0)} ms` : '< 50 ms')

    const engineKeys = await engineEcho(c.Id)
    const { lat: paneKeys, legs, frame } = await paneEcho(page, url)
    const leg = (i: number) => fmt(median(legs.map((l) => l[i] as number).filter((x) => !Number.isNaN(x))))
    const p = (xs: number[]) => `p50 ${fmt(median(xs))}  p95 ${fmt(quantile(xs, 0.95))}`
    console.log(`Keystroke echo through cat in an exec TTY, ${KEYS} keys, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`)
    console.log(`(e) engine round trip            ${p(engineKeys)}`)
    console.log(
      `(k) key in the page → echo drawn ${p(paneKeys)}  (target p50 ≤ ${TARGETS.p50}, p95 ≤ ${TARGETS.p95}) ` +
        verdict(median(paneKeys) <= TARGETS.p50 && quantile(paneKeys, 0.95) <= TARGETS.p95),
    )
    console.log(`    its legs (p50): key → sent ${leg(0)}, sent → echo reaches the page ${leg(1)}, echo → drawn ${leg(2)}`)
    console.log(`    the browser's own floor: an animation frame asked for as output arrives comes ${fmt(median(frame))} later (p50)`)

    const runs: Array<{ a: number; b: number; pane: PaneFigures }> = []
    const mb = BYTES / 1e6
    for (let i = 0; i < RUNS; i++) {
      const a1 = await cliFlood(c.Id)
      const b = await pipeline(mode, c.Id)
      const figures = await paneFlood(page, url)
      const a = (a1 + (await cliFlood(c.Id))) / 2
      runs.push({ a, b, pane: figures })
      console.log(
        `run ${i + 1}: a ${seconds(a)}  b ${seconds(b)}  c ${seconds(figures.ms)}  a/b ${(a / b).toFixed(2)}  ` +
          `pane ${(mb / (figures.ms / 1000)).toFixed(1)} MB/s  heap ${figures.heapMb.toFixed(1)} MB  longest task ${task(figures.longTaskMs)}  load ${loadavg()[0]?.toFixed(2)}`,
      )
    }
    const mid = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick))
    const ratio = mid((r) => r.a / r.b)
    const paneRate = mb / (mid((r) => r.pane.ms) / 1000)
    const heap = Math.max(...runs.map((r) => r.pane.heapMb))
    const longest = mid((r) => r.pane.longTaskMs)
    console.log(`\n${mb} MB through an exec TTY, median of ${RUNS} runs`)
    console.log(`(a) docker exec -t … > /dev/null ${seconds(mid((r) => r.a))}  ${(mb / (mid((r) => r.a) / 1000)).toFixed(1)} MB/s`)
    console.log(`(b) Berth's pipeline             ${seconds(mid((r) => r.b))}  ${(mb / (mid((r) => r.b) / 1000)).toFixed(1)} MB/s  speed b/a = ${ratio.toFixed(2)} (target ≥ ${TARGETS.pipeline}) ${verdict(ratio >= TARGETS.pipeline)}`)
    console.log(`(c) the pane, drawn              ${seconds(mid((r) => r.pane.ms))}  ${paneRate.toFixed(1)} MB/s (target ≥ ${TARGETS.paneMBps}) ${verdict(paneRate >= TARGETS.paneMBps)}`)
    console.log(`    longest task                 ${task(longest)} (target ≤ ${TARGETS.longTaskMs}) ${verdict(longest <= TARGETS.longTaskMs)}`)
    console.log(`    peak JS heap (worst run)     ${heap.toFixed(1)} MB`)
  } finally {
    await close()
  }
  await removeTestContainers(docker)
})
