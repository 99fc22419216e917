// `npm run bench:soak [-- --minutes N]` (default 10): does Berth stay the same size over time?
// Browser mode with the containers list and a log pane open (two tabs of one Chromium) while, every
// 200 ms, a container is created, started, its logs read, stopped and removed (dockerode, against
// the bench's own private engine). Printed after warm-up, at the middle and at the end: RSS and heap
// of the server (this process runs browser mode, so it is Berth's main process here), the pages' JS
// heap and their renderers' RSS, open file descriptors, and event lag: a container created → its
// row painted in the list (p50/p95 over the period before each print).
import { readdirSync } from 'node:fs'
import type Dockerode from 'dockerode'
import { startPrivateEngine } from '../test/env/engine'
import { buildFixtureImages, IDLE, TEST_LABEL } from '../test/env/fixtures'
import { BUSYBOX_IMAGE, testDocker } from '../test/env/session'
import { openWatchedPage, pageHeap, renderersRss, rssOf, takePainted } from './soak-page'
import { sleep } from '../test/env/wait'
import { openBrowser, quantile } from './harness'

const flag = process.argv.indexOf('--minutes')
const MINUTES = flag > 0 ? Number(process.argv[flag + 1]) : 10
if (!(MINUTES > 0)) throw new Error('--minutes takes a number above 0, e.g. --minutes 3')
const EVERY_MS = 200
/** Cycles allowed in flight; a tick finding this many running is skipped (and counted). */
const IN_FLIGHT = 4
const TARGET_LAG_P95 = 250

const now = () => performance.timeOrigin + performance.now()
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
const fds = () => readdirSync('/proc/self/fd').length

interface Figures {
  label: string
  minute: number
  serverRss: number
  serverHeap: number
  pageHeap: number
  /** Of that, the log pane's page: it keeps the ticker's lines (up to 100,000) by design. */
  logsHeap: number
  renderersRss: number
  fds: number
  lagP50: number
  lagP95: number
  rows: number
  /** Containers whose row was never painted (gone before the list showed them). */
  missed: number
  cycles: number
}

async function main(): Promise<void> {
  const engine = await startPrivateEngine()
  process.env.DOCKER_HOST = engine.host
  console.log(`Soak for ${MINUTES} min against a private engine; a cycle every ${EVERY_MS} ms.`)
  await buildFixtureImages()
  const docker = testDocker()
  // The log pane follows a container of its own that writes a line every 100 ms throughout.
  const ticker = await docker.createContainer({
    name: 'soak-ticker',
    Image: BUSYBOX_IMAGE,
    Cmd: ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done"],
    Labels: { [TEST_LABEL]: '1' },
    HostConfig: { NetworkMode: 'none' },
  })
  await ticker.start()

  const { mode, browser, close } = await openBrowser()
  const list = await openWatchedPage(browser, mode.url.replace('#token=', '#/containers?token='))
  const logs = await openWatchedPage(browser, mode.url.replace('#token=', '#/containers/soak-ticker/logs?token='))
  await list.locator('[data-container="soak-ticker"]').waitFor()
  await logs.getByTestId('log-row').first().waitFor()
  const cdps = [await list.context().newCDPSession(list), await logs.context().newCDPSession(logs)]
  for (const cdp of cdps) await cdp.send('Performance.enable')

  const created = new Map<string, number>()
  let lags: number[] = []
  let cycles = 0
  let skipped = 0
  let failed = 0
  let inFlight = 0
  let serial = 0

  const cycle = async () => {
    const name = `soak-${++serial}`
    inFlight++
    try {
      const container: Dockerode.Container = await docker.createContainer({
        name, Image: BUSYBOX_IMAGE, Cmd: IDLE, Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' },
      })
      // The change is in the engine once create answers: the lag runs from here to the painted row.
      created.set(name, now())
      await container.start()
      await container.logs({ stdout: true, stderr: true, tail: 10 })
      await container.stop({ t: 0 })
      await container.remove({ force: true })
      cycles++
    } catch {
      failed++
    } finally {
      inFlight--
    }
  }
  const collect = async () => {
    for (const [name, at] of await takePainted(list)) {
      const start = created.get(name)
      if (start === undefined) continue
      created.delete(name)
      lags.push(at - start)
    }
  }

  const began = Date.now()
  const total = MINUTES * 60_000
  const warmUp = Math.min(60_000, total * 0.15)
  const marks = [
    { label: 'start (after warm-up)', at: warmUp },
    { label: 'middle', at: total / 2 },
    { label: 'end', at: total },
  ]
  const figures: Figures[] = []
  const ticker200 = setInterval(() => {
    if (inFlight >= IN_FLIGHT) skipped++
    else void cycle()
  }, EVERY_MS)
  const collector = setInterval(() => void collect().catch(() => {}), 1000)

  for (const mark of marks) {
    await sleep(Math.max(0, began + mark.at - Date.now()))
    await collect()
    let missed = 0
    for (const [name, at] of created) {
      if (now() - at < 5000) continue
      created.delete(name)
      missed++
    }
    global.gc?.()
    const memory = process.memoryUsage()
    const listHeap = await pageHeap(cdps[0]!)
    const logsHeap = await pageHeap(cdps[1]!)
    const f: Figures = {
      label: mark.label,
      minute: (Date.now() - began) / 60_000,
      serverRss: rssOf('self'),
      serverHeap: memory.heapUsed,
      pageHeap: listHeap,
      logsHeap,
      renderersRss: await renderersRss(browser),
      fds: fds(),
      lagP50: quantile(lags, 0.5),
      lagP95: quantile(lags, 0.95),
      rows: lags.length,
      missed,
      cycles,
    }
    figures.push(f)
    lags = []
    console.log(
      `${f.label.padEnd(22)} ${f.minute.toFixed(1)} min  server RSS ${mb(f.serverRss)}, heap ${mb(f.serverHeap)} · list page heap ${mb(f.pageHeap)}, log page ${mb(f.logsHeap)}, ` +
        `renderers RSS ${mb(f.renderersRss)} · fds ${f.fds} · lag p50 ${f.lagP50.toFixed(0)} ms, p95 ${f.lagP95.toFixed(0)} ms (${f.rows} rows, ${f.missed} never painted) · ${f.cycles} cycles`,
    )
  }
  clearInterval(ticker200)
  clearInterval(collector)
  while (inFlight > 0) await sleep(50)

  const [first, , last] = figures as [Figures, Figures, Figures]
  const growth = (key: 'serverRss' | 'serverHeap' | 'pageHeap' | 'logsHeap' | 'renderersRss') => (last[key] - first[key]) / first[key]
  console.log(`\n${cycles} cycles (create, start, logs, stop, rm), ${skipped} ticks skipped with ${IN_FLIGHT} cycles in flight, ${failed} failed.`)
  for (const key of ['serverRss', 'serverHeap', 'pageHeap', 'logsHeap', 'renderersRss'] as const) {
    console.log(`${key.padEnd(13)} start → end ${pct(growth(key))} (goal: under +10 %) ${growth(key) < 0.1 ? 'meets' : 'MISSES'}`)
  }
  console.log(`fds          ${first.fds} → ${figures[1]!.fds} → ${last.fds} (goal: flat) ${last.fds <= first.fds + 2 ? 'meets' : 'MISSES'}`)
  const worst = Math.max(...figures.map((f) => f.lagP95))
  console.log(`event lag    worst p95 ${worst.toFixed(0)} ms (goal: ≤ ${TARGET_LAG_P95} ms throughout) ${worst <= TARGET_LAG_P95 ? 'meets' : 'MISSES'}`)

  await close()
  await engine.destroy()
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err)
  process.exit(1)
})
