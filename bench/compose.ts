// `npm run bench:compose`: a project of 8 services, made as Compose v2 labels them, each printing
// 100,000 numbered lines; then, in one run,
//   (a) `docker-compose -p bench logs --no-color > /dev/null` (docker-compose 1.29) to its end,
//   (b) the project page's merged Logs tab in Chromium (browser mode), from opening the page to the
//       last line of every container shown, with the peak JS heap.
// The containers have finished printing before either reads, so both read the same 800,000 lines.
// Uses DOCKER_HOST when set; otherwise starts its own private engine and removes it afterwards.
import { cpus, loadavg } from 'node:os'
import { COMPOSE_CLI, composeFolder, runV2Container } from '../test/env/compose-project'
import { removeTestContainers, testDocker } from '../test/env/session'
import { eventually } from '../test/env/wait'
import { bench, heapProbe, median, openBrowser, seconds, timeIntoDevNull, verdict } from './harness'

const SERVICES = ['web', 'api', 'db', 'worker', 'cache', 'queue', 'mail', 'proxy']
const LINES = 100_000
const PROJECT = 'bench'
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const TARGETS = { ratio: 1.5 }
const PRINT_EVERY_LINE_MS = 300_000

interface PaneFigures {
  ms: number
  heapMb: number
}

async function pane(): Promise<PaneFigures> {
  const { mode, browser, close } = await openBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 760 } })
    const heap = await heapProbe(page)
    const start = performance.now()
    await page.goto(mode.url.replace('#token=', `#/projects/${PROJECT}/logs?popout=1&tail=all&token=`))
    heap.start()
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
    return { ms, heapMb: await heap.stop() }
  } finally {
    await close()
  }
}

bench(async () => {
  const folder = composeFolder(Object.fromEntries(SERVICES.map((s) => [s, { networkNone: true }])))
  try {
    const docker = testDocker()
    await Promise.all(SERVICES.map((s) => runV2Container(PROJECT, s, 1, ['seq', '1', String(LINES)])))
    await eventually(
      async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`], status: ['running'] } })).length === 0,
      'every service to print every line',
      PRINT_EVERY_LINE_MS,
    )
    const composeLogs = () => timeIntoDevNull(COMPOSE_CLI, ['-p', PROJECT, '-f', folder.file, 'logs', '--no-color'])
    const runs: Array<{ a: number; b: PaneFigures }> = []
    for (let i = 0; i < RUNS; i++) {
      const a1 = await composeLogs()
      const b = await pane()
      const a = (a1 + (await composeLogs())) / 2
      runs.push({ a, b })
      console.log(`run ${i + 1}: a ${seconds(a)}  b ${seconds(b.ms)}  b/a ${(b.ms / a).toFixed(2)}  heap ${b.heapMb.toFixed(1)} MB  load ${loadavg()[0]?.toFixed(2)}`)
    }
    const ratio = median(runs.map((r) => r.b.ms / r.a))
    const heap = Math.max(...runs.map((r) => r.b.heapMb))
    console.log(`\n${SERVICES.length} services × ${LINES.toLocaleString('en')} lines, median of ${RUNS} runs, ${cpus().length} cores`)
    console.log(`(a) docker-compose logs > /dev/null     ${seconds(median(runs.map((r) => r.a)))}`)
    console.log(`(b) merged pane, open to last line      ${seconds(median(runs.map((r) => r.b.ms)))}   b/a = ${ratio.toFixed(2)} (target ≤ ${TARGETS.ratio}) ${verdict(ratio <= TARGETS.ratio)}`)
    console.log(`    peak JS heap (worst run)            ${heap.toFixed(1)} MB`)
    await removeTestContainers(docker)
  } finally {
    folder.remove()
  }
})
