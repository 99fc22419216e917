// `npm run bench:logs`: a fixture container prints 1,000,000 numbered lines; then, in one run,
//   (a) `docker logs <id> > /dev/null` with the CLI,
//   (b) Berth's engine log pipeline delivering every line to a consumer that acknowledges each batch,
//   (c) the log pane in Chromium (browser mode), from opening the page to showing the last line,
//       with the peak JS heap and the longest main-thread task (PerformanceObserver 'longtask').
// Uses DOCKER_HOST when set; otherwise starts its own private engine and removes it afterwards.
import { cpus, loadavg } from 'node:os'
import { LogFollower } from '@main/engine/logs/logs'
import { DOCKER_CLI } from '../test/env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../test/env/session'
import { eventually } from '../test/env/wait'
import { bench, heapProbe, median, openBrowser, seconds, timeIntoDevNull, verdict } from './harness'

const LINES = 1_000_000
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const TARGETS = { pipeline: 1.2, pane: 2.0, heapMb: 150, longTaskMs: 100 }
/** How long the fixture may take to print its million lines on a busy machine. */
const PRINT_EVERY_LINE_MS = 300_000

const cliLogs = (id: string) => timeIntoDevNull(DOCKER_CLI, ['logs', id])

async function pipeline(id: string): Promise<number> {
  const docker = testDocker()
  let lines = 0
  const start = performance.now()
  await new Promise<void>((done, fail) => {
    const follower: LogFollower = new LogFollower(docker, id, { follow: true, tail: 'all' }, {
      lines: (batch) => {
        for (const kind of batch.kinds) if (kind !== 'm') lines++
        follower.ack(batch.seq)
        if (lines >= LINES) {
          follower.close()
          done()
        }
      },
      state: (phase, message) => phase === 'failed' && fail(new Error(message)),
    })
    follower.start().catch(fail)
  })
  return performance.now() - start
}

interface PaneFigures {
  ms: number
  heapMb: number
  /** Longest task from the first line on screen to the last. */
  longTaskMs: number
  /** Longest task before that: loading and mounting the page, not ingest. */
  startupTaskMs: number
}

type LongTasks = { tasks: Array<[number, number]> }

async function pane(id: string): Promise<PaneFigures> {
  const { mode, browser, close } = await openBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 760 } })
    await page.addInitScript(() => {
      const w = window as unknown as LongTasks
      w.tasks = []
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.tasks.push([entry.startTime, entry.duration])
      }).observe({ type: 'longtask', buffered: true })
    })
    const heap = await heapProbe(page)
    const start = performance.now()
    await page.goto(mode.url.replace('#token=', `#/containers/${id}/logs?popout=1&tail=all&token=`))
    heap.start()
    await page.waitForSelector('[data-testid=log-row]', { timeout: 60_000 })
    const ingestStart = await page.evaluate(() => performance.now())
    await page.waitForFunction(
      (last) => [...document.querySelectorAll('[data-testid=log-row]')].some((row) => row.textContent === last),
      String(LINES),
      { polling: 10, timeout: 300_000 },
    )
    const ms = performance.now() - start
    const heapMb = await heap.stop()
    const tasks = await page.evaluate(() => (window as unknown as LongTasks).tasks)
    const longest = (list: Array<[number, number]>) => Math.max(0, ...list.map(([, d]) => d))
    return {
      ms,
      heapMb,
      longTaskMs: longest(tasks.filter(([start, d]) => start + d >= ingestStart)),
      startupTaskMs: longest(tasks.filter(([start, d]) => start + d < ingestStart)),
    }
  } finally {
    await close()
  }
}

bench(async () => {
  const docker = testDocker()
  const c = await createContainer(docker, { cmd: ['seq', '1', String(LINES)], start: true })
  await eventually(async () => !(await docker.getContainer(c.Id).inspect()).State.Running, 'the fixture to print every line', PRINT_EVERY_LINE_MS)

  // Each run measures a, b and c back to back, with (a) before and after, so the ratios compare
  // figures taken under the same load; the machine may be shared. Verdicts use the median run.
  const runs: Array<{ a: number; b: number; pane: PaneFigures; load: number }> = []
  // The browser reports only tasks of 50 ms or more.
  const task = (ms: number) => (ms ? `${ms.toFixed(0)} ms` : '< 50 ms')
  for (let i = 0; i < RUNS; i++) {
    const a1 = await cliLogs(c.Id)
    const b = await pipeline(c.Id)
    const figures = await pane(c.Id)
    const a = (a1 + (await cliLogs(c.Id))) / 2
    runs.push({ a, b, pane: figures, load: loadavg()[0] as number })
    console.log(
      `run ${i + 1}: a ${seconds(a)}  b ${seconds(b)}  c ${seconds(figures.ms)}  b/a ${(b / a).toFixed(2)}  c/a ${(figures.ms / a).toFixed(2)}  ` +
        `heap ${figures.heapMb.toFixed(1)} MB  longest task ${task(figures.longTaskMs)}  load ${loadavg()[0]?.toFixed(2)}`,
    )
  }
  const mid = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick))
  const ratioB = mid((r) => r.b / r.a)
  const ratioC = mid((r) => r.pane.ms / r.a)
  const heap = Math.max(...runs.map((r) => r.pane.heapMb))
  const longest = mid((r) => r.pane.longTaskMs)
  const worstTask = Math.max(...runs.map((r) => r.pane.longTaskMs))
  const startup = Math.max(...runs.map((r) => r.pane.startupTaskMs))
  console.log(`\n${LINES.toLocaleString('en')} lines, median of ${RUNS} runs, ${cpus().length} cores`)
  console.log(`(a) docker logs > /dev/null      ${seconds(mid((r) => r.a))}`)
  console.log(`(b) engine log pipeline          ${seconds(mid((r) => r.b))}   b/a = ${ratioB.toFixed(2)} (target ≤ ${TARGETS.pipeline}) ${verdict(ratioB <= TARGETS.pipeline)}`)
  console.log(`(c) pane, open to last line      ${seconds(mid((r) => r.pane.ms))}   c/a = ${ratioC.toFixed(2)} (target ≤ ${TARGETS.pane}) ${verdict(ratioC <= TARGETS.pane)}`)
  console.log(`    peak JS heap (worst run)     ${heap.toFixed(1)} MB (target ≤ ${TARGETS.heapMb}) ${verdict(heap <= TARGETS.heapMb)}`)
  console.log(`    longest task during ingest   ${task(longest)}, worst run ${task(worstTask)} (target ≤ ${TARGETS.longTaskMs}) ${verdict(longest <= TARGETS.longTaskMs)}`)
  console.log(`    (page start-up task          ${task(startup)}, before the first line: loading and mounting the page)`)
  await removeTestContainers(docker)
})
