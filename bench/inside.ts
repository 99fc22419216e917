// `npm run bench:inside`: opening the "looking inside" pages in Chromium (browser mode) against a real
// engine: an image's Layers tab with 40 layers, a container's Inspect tab, and its Changes tab with
// 10,000 changed paths. Each sample is a fresh page on the containers list, then an in-app navigation
// (the hash changes, as a click does) timed in the page to the frame after the tab's content is drawn,
// so it includes the bridge call, the engine's answer and the rendering. Target: ≤ 150 ms each.
import { loadavg } from 'node:os'
import type { Browser } from '@playwright/test'
import type { BrowserMode } from '@main/browser-mode/server'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { buildFixtureImages, fixtureImage, TEST_LABEL } from '../test/env/fixtures'
import { buildImage, docker as cli } from '../test/env/docker-cli'
import { removeTestContainers, testDocker } from '../test/env/session'
import { imageHistory } from '@main/engine/images/history'
import { inspectContainer } from '@main/engine/containers/inspect'
import { containerChanges } from '@main/engine/containers/changes'
import { median, openBrowser } from './harness'

const TARGET_MS = 150
const RUNS = Number(process.env.BENCH_INSIDE_RUNS ?? 5)
const IMAGE = 'berth-bench/forty-layers:1'
const CONTAINER = 'berth-bench-changes'

export interface InsideFigures {
  layers: { steps: number; samples: number[]; engine: number[] }
  inspect: { samples: number[]; engine: number[] }
  changes: { paths: number; samples: number[]; engine: number[] }
}

/** The same call straight from main to the engine, to tell the engine's part from the page's. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

const LAYER_FILES = Array.from({ length: 38 }, (_, i) => `layer-${String(i).padStart(2, '0')}.txt`)

/**
 * 38 COPY steps (each a layer; COPY runs no container, so the build is quick) on the base image's 2:
 * 40 layers, and 42 steps with its CMDs.
 */
function fortyLayerDockerfile(): string {
  return [`FROM ${fixtureImage('busybox')}`, ...LAYER_FILES.map((f) => `COPY ${f} /layers/`), 'CMD ["sh"]', ''].join('\n')
}

/** 100 folders of 100 files: 10,000 added paths (plus the folders) in the writable layer. */
const TEN_THOUSAND = 'for d in $(seq 1 100); do mkdir -p /many/d$d; for f in $(seq 1 100); do : > /many/d$d/f$f; done; done'

async function prepare(): Promise<number> {
  await cli(['rm', '-f', CONTAINER]).catch(() => {})
  await buildImage(IMAGE, fortyLayerDockerfile(), Object.fromEntries(LAYER_FILES.map((f) => [f, `${f}\n`])))
  await cli(['run', '--name', CONTAINER, '--label', `${TEST_LABEL}=1`, '--network', 'none', fixtureImage('busybox'), 'sh', '-c', TEN_THOUSAND], { timeoutMs: 300_000 })
  const diff = await cli(['diff', CONTAINER])
  return diff.split('\n').filter(Boolean).length
}

/** A fresh page on the containers list, then the route; ms from the hash change to the frame after `selector` appears. */
async function openOnce(browser: Browser, mode: BrowserMode, route: string, selector: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  try {
    await page.goto(mode.url.replace('#token=', '#/containers?token='))
    await page.locator('[data-testid=container-list], .empty').first().waitFor()
    // As text: tsx would wrap named functions in a helper the page does not have.
    return await page.evaluate<number>(`new Promise((done) => {
      const selector = ${JSON.stringify(selector)}
      let start = 0
      const afterPaint = () => requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => done(performance.now() - start)
        channel.port2.postMessage(0)
      })
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return
        observer.disconnect()
        afterPaint()
      })
      observer.observe(document, { childList: true, subtree: true, attributes: true })
      start = performance.now()
      location.hash = ${JSON.stringify(route)}
    })`)
  } finally {
    await page.close()
  }
}

export async function measureInsideOpen(runs = RUNS): Promise<InsideFigures> {
  const engine = await engineFromEnvOrPrivate()
  const { mode, browser, close } = await openBrowser()
  try {
    await buildFixtureImages()
    const paths = await prepare()
    const steps = (await cli(['history', '-q', IMAGE])).split('\n').length
    const figures: InsideFigures = { layers: { steps, samples: [], engine: [] }, inspect: { samples: [], engine: [] }, changes: { paths, samples: [], engine: [] } }
    const docker = testDocker()
    // One warm-up each: Chromium compiles the page's code on first use.
    const layerRoute = `/images/${encodeURIComponent(IMAGE)}/layers`
    const layerDrawn = `[data-testid=layer-row]:nth-child(${steps})`
    const inspectRoute = `/containers/${CONTAINER}/inspect`
    const inspectDrawn = '[data-testid=json-text]'
    const changesRoute = `/containers/${CONTAINER}/changes`
    const changesDrawn = '[data-testid=changes-tree] .vlist-row[data-path]'
    await openOnce(browser, mode, layerRoute, layerDrawn)
    await openOnce(browser, mode, inspectRoute, inspectDrawn)
    await openOnce(browser, mode, changesRoute, changesDrawn)
    for (let i = 0; i < runs; i++) {
      figures.layers.samples.push(await openOnce(browser, mode, layerRoute, layerDrawn))
      figures.inspect.samples.push(await openOnce(browser, mode, inspectRoute, inspectDrawn))
      figures.changes.samples.push(await openOnce(browser, mode, changesRoute, changesDrawn))
      figures.layers.engine.push(await timed(() => imageHistory(docker, IMAGE)))
      figures.inspect.engine.push(await timed(() => inspectContainer(docker, CONTAINER)))
      figures.changes.engine.push(await timed(() => containerChanges(docker, CONTAINER)))
    }
    return figures
  } finally {
    await close()
    await removeTestContainers(testDocker()).catch(() => {})
    await cli(['rmi', IMAGE]).catch(() => {})
    await engine?.destroy()
  }
}

const max = (xs: number[]) => Math.max(...xs)

async function main(): Promise<void> {
  const f = await measureInsideOpen()
  const line = (label: string, xs: number[], engine: number[]) => {
    const ok = median(xs) <= TARGET_MS ? 'ok' : 'MISSED'
    console.log(
      `${label.padEnd(40)} median ${median(xs).toFixed(0).padStart(4)} ms, worst ${max(xs).toFixed(0).padStart(4)} ms (target ≤ ${TARGET_MS}) ${ok}; ` +
        `the engine call alone ${median(engine).toFixed(0)} ms`,
    )
  }
  console.log(`Opening the inside pages, ${f.layers.samples.length} runs each (load average ${loadavg()[0]?.toFixed(1)}):`)
  line(`Image Layers tab (${f.layers.steps} steps)`, f.layers.samples, f.layers.engine)
  line('Container Inspect tab', f.inspect.samples, f.inspect.engine)
  line(`Container Changes tab (${f.changes.paths} paths)`, f.changes.samples, f.changes.engine)
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
