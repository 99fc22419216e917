// `npm run bench:lists`: how fast Berth lists containers and images, against the docker CLI doing
// the same in the same run, with many containers on the engine. Also how long an outside change
// takes to reach Berth's live lists, and (in Chromium, browser mode) how fast the page paints the
// lists, filters, switches and scrolls them with 500 and 5,000 containers, and what one burst event
// with 5,000 containers costs it. Starts a private engine unless DOCKER_HOST is set.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { performance } from 'node:perf_hooks'
import { Engine } from '@main/engine'
import { listContainers } from '@main/engine/containers/containers'
import { listImages } from '@main/engine/images/images'
import type { ContainerSummary } from '@common/contract/containers'
import { DOCKER_CLI } from '../test/env/docker-cli'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { BUSYBOX_IMAGE, createContainer, removeTestContainers, testDocker } from '../test/env/session'
import { fillTo, median, verdict } from './harness'
import { type KeyFigures, filterKeys, firstPaint, floorKeys, nextBurst, openBrowser, scrollThrough, switchToImages } from './lists-page'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually, sleep } from '../test/env/wait'

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 500)
const TAGS = Number(process.env.BENCH_TAGS ?? 500)
const MANY = Number(process.env.BENCH_MANY ?? 5000)
const TARGETS = { firstPaint: 300, keyP95: 16, keyP95Many: 25, switchImages: 100, firstPaintMany: 800, longTask: 50, burst: 5 }
const RUNS = 15

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

async function timeMany(fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) samples.push(await time(fn))
  return median(samples)
}

const cli = (...args: string[]) => execFileSync(DOCKER_CLI, args, { stdio: ['ignore', 'ignore', 'inherit'] })
const ms = (x: number) => `${x.toFixed(1)} ms`

/** A keystroke line, with the page's own main-thread work per key and the browser's floor from the same run. */
const keyLine = (what: string, keys: KeyFigures, floor: KeyFigures, target: number) =>
  `| ${what}, key to paint | p50 ${ms(keys.median)}, p95 ${ms(keys.p95)}, max ${ms(keys.max)} (${keys.n} keys); per key: script ${ms(keys.script)}, style ${ms(keys.style)}, layout ${ms(keys.layout)} | a bare text box: p50 ${ms(floor.median)}, p95 ${ms(floor.p95)}, max ${ms(floor.max)} | p95 ≤ ${target} ms ${verdict(keys.p95 <= target)} |`

/** Creates containers until the engine has `total`, in parallel batches; created, never started. */
async function page(docker: Dockerode): Promise<void> {
  if (!existsSync(join(__dirname, '../out/renderer/index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  console.log(`\nTagging ${TAGS} images…`)
  const image = docker.getImage(BUSYBOX_IMAGE)
  for (let i = 0; i < TAGS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, TAGS - i) }, (_, j) => image.tag({ repo: `bench/app-${i + j}`, tag: '1' })))
  }
  const app = await openBrowser()
  try {
    const count = async () =>
      `${(await docker.listContainers({ all: true })).length} containers, ${(await docker.listImages()).reduce((n, i) => n + Math.max(1, i.RepoTags?.length ?? 0), 0)} image tags`
    const psA = await timeMany(() => cli('ps', '-a'))
    console.log(`\nPage (Chromium, browser mode), ${await count()}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}; docker ps -a takes ${ms(psA)}`)
    console.log('| measure | figure | against the CLI | target |\n| --- | --- | --- | --- |')
    const firsts: number[] = []
    let nav = 0
    for (let i = 0; i < 5; i++) {
      const first = await firstPaint(app.browser, app.mode)
      firsts.push(first.fromOpen)
      nav = first.fromNavigation
      if (i < 4) await first.page.close()
      else {
        const floor = await floorKeys(app.browser, 'berth-test-0')
        const keys = await filterKeys(first.page, 'berth-test-0')
        const switches = await switchToImages(first.page)
        await first.page.locator('[data-nav=images]').click()
        await first.page.locator('[data-image]').first().waitFor()
        const imageKeys = await filterKeys(first.page, 'bench/app-1', 'Filter images')
        await first.page.locator('[data-nav=containers]').click()
        console.log(`| first list painted, from the bridge opening | ${ms(median(firsts))} (median of 5; ${ms(nav)} from navigation) | ${(median(firsts) / psA).toFixed(2)} × docker ps -a | ≤ ${TARGETS.firstPaint} ms ${verdict(median(firsts) <= TARGETS.firstPaint)} |`)
        console.log(keyLine('filter keystroke', keys, floor, TARGETS.keyP95))
        console.log(keyLine('images filter keystroke', imageKeys, floor, TARGETS.keyP95))
        console.log(`| Containers → Images, click to paint | median ${ms(median(switches))}, max ${ms(Math.max(...switches))} | | ≤ ${TARGETS.switchImages} ms ${verdict(median(switches) <= TARGETS.switchImages)} |`)
        // Left open, it would follow the 4,500 creations below on the same two cores.
        await first.page.close()
      }
    }

    console.log(`\nCreating containers up to ${MANY}…`)
    await fillTo(docker, MANY)
    // Let the engine and Berth work through the creation's thousands of events first (a refresh of
    // 5,000 containers keeps the engine busy for over a second): this measures the page, not that backlog.
    await sleep(15_000)
    const psB = await timeMany(() => cli('ps', '-a'))
    console.log(`\nPage, ${await count()}, load ${loadavg()[0]?.toFixed(1)}; docker ps -a takes ${ms(psB)}`)
    console.log('| measure | figure | against the CLI | target |\n| --- | --- | --- | --- |')
    const manyFirsts: number[] = []
    for (let i = 0; i < 3; i++) {
      const first = await firstPaint(app.browser, app.mode)
      manyFirsts.push(first.fromOpen)
      if (i < 2) {
        await first.page.close()
        continue
      }
      console.log(`| first list painted, from the bridge opening | ${ms(median(manyFirsts))} (median of 3; ${ms(first.fromNavigation)} from navigation) | ${(median(manyFirsts) / psB).toFixed(2)} × docker ps -a | ≤ ${TARGETS.firstPaintMany} ms ${verdict(median(manyFirsts) <= TARGETS.firstPaintMany)} |`)
      const floor = await floorKeys(app.browser, 'berth-test-0')
      console.log(keyLine('filter keystroke', await filterKeys(first.page, 'berth-test-0'), floor, TARGETS.keyP95Many))
      // A wheel moves about three rows a notch; a fling, a screenful a frame (every row new each frame).
      const wheel = await scrollThrough(first.page, 120, 300)
      console.log(`| scroll at wheel speed, 120 px a frame | ${wheel.frames} frames, worst ${ms(wheel.worstFrame)}; ${wheel.longTasks} long tasks, longest ${ms(wheel.longest)} | | no task > ${TARGETS.longTask} ms ${verdict(wheel.longest <= TARGETS.longTask)} |`)
      const scroll = await scrollThrough(first.page)
      console.log(`| scroll top to bottom, a screenful a frame | ${scroll.frames} frames, worst ${ms(scroll.worstFrame)}; ${scroll.longTasks} long tasks, longest ${ms(scroll.longest)} | | no task > ${TARGETS.longTask} ms ${verdict(scroll.longest <= TARGETS.longTask)} |`)
      const bursts: Array<{ ms: number; handledMs: number; bytes: number; longest: number }> = []
      for (let j = 0; j < 5; j++) bursts.push(await nextBurst(first.page, () => createContainer(docker)))
      const worst = Math.max(...bursts.map((b) => b.longest))
      const size = bursts[0]!.bytes >= 1e5 ? `${(bursts[0]!.bytes / 1e6).toFixed(1)} MB` : `${(bursts[0]!.bytes / 1e3).toFixed(1)} kB`
      console.log(`| one containers.changed (${size}), handled (store and rows updated) | median ${ms(median(bursts.map((b) => b.handledMs)))}, max ${ms(Math.max(...bursts.map((b) => b.handledMs)))}; message to the next frame painted: median ${ms(median(bursts.map((b) => b.ms)))}; longest task ${worst ? ms(worst) : '< 50 ms'} | | a few ms (≤ ${TARGETS.burst} ms handled) ${verdict(median(bursts.map((b) => b.handledMs)) <= TARGETS.burst)} |`)
    }
  } finally {
    await app.close()
    await Promise.all(Array.from({ length: TAGS }, (_, i) => docker.getImage(`bench/app-${i}:1`).remove().catch(() => {})))
  }
}

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  const docker = testDocker()
  try {
    await buildFixtureImages()
    console.log(`Creating ${CONTAINERS} containers…`)
    await fillTo(docker, CONTAINERS)
    await createContainer(docker, { start: true })

    const rows: Array<[string, number, number]> = [
      ['containers (docker ps -a)', await timeMany(() => cli('ps', '-a', '--no-trunc')), await timeMany(() => listContainers(docker))],
      ['images (docker images)', await timeMany(() => cli('images', '--no-trunc')), await timeMany(() => listImages(docker))],
    ]

    // Outside change → Berth's live list: the engine's die event to the refreshed list.
    const live = new Engine()
    let latest: ContainerSummary[] = []
    live.watch({ containers: (l) => (latest = l) })
    live.start()
    await eventually(() => live.connection.status.state === 'connected' && latest.length > 0, 'first list', ENGINE_ANSWER_MS)
    const latencies: number[] = []
    for (let i = 0; i < 10; i++) {
      const c = await createContainer(docker, { start: true })
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'running'), 'start', ENGINE_ANSWER_MS)
      const t = performance.now()
      await docker.getContainer(c.Id).kill()
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'exited'), 'exit', CONTAINER_RUN_MS)
      latencies.push(performance.now() - t)
    }
    live.stop()

    console.log(`\nLists with ${CONTAINERS + 11} containers, median of ${RUNS} runs (Berth = engine call, CLI = process run)`)
    console.log('| list | docker CLI | Berth | Berth / CLI |')
    console.log('| --- | ---: | ---: | ---: |')
    for (const [name, a, b] of rows) console.log(`| ${name} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(b / a).toFixed(2)} |`)
    console.log(`\nOutside kill → Berth's live list refreshed: median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (10 runs)`)
    if (process.env.BENCH_PAGE !== '0') await page(docker)
  } finally {
    await removeTestContainers(docker)
    await engine?.destroy()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
