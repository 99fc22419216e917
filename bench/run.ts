// `npm run bench:run`: `docker run -d` from the dialog (browser mode, Chromium) to "running" on the
// container's page, against the 20.10 CLI's `docker run -d` wall time, in the same run, same engine,
// same image and flags. Times in the page run from the click on Run to the frame that shows
// "running"; the CLI's from spawn to exit. Rounds alternate which goes first.
import type { Page } from '@playwright/test'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { docker as cli } from '../test/env/docker-cli'
import { buildFixtureImages, fixtureImage } from '../test/env/fixtures'
import { median, openBrowser } from './harness'

const IDLE = `sh -c "trap 'exit 0' TERM; sleep 3600 & wait"`

/** In the page: click Run, then wait for the frame that shows "running" on the container's page. */
const TIME_RUN = `new Promise((done) => {
  const t0 = performance.now()
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid=container-page] [data-testid=state]')?.textContent?.trim() !== 'running') return
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)))
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
  document.querySelector('[data-testid=run-submit]').click()
})`

/** One run from the dialog: opened and filled first (not timed), then Run clicked and timed in the page. */
async function runFromDialog(page: Page, line: string): Promise<number> {
  await page.getByTestId('containers-run').click()
  await page.getByTestId('run-paste').fill(line)
  await page.getByTestId('run-paste-fill').click()
  await page.getByTestId('run-submit').waitFor()
  // A string, not a function: tsx would wrap the page's inner functions in helpers the page lacks.
  return page.evaluate<number>(TIME_RUN)
}

export interface RunBench {
  berthMs: number[]
  cliMs: number[]
  berthMedian: number
  cliMedian: number
  ratio: number
}

/** Needs DOCKER_HOST set to an engine with the busybox fixture, and the built renderer. */
export async function measureRunDetached(rounds = 7, image = fixtureImage('busybox')): Promise<RunBench> {
  const { mode, browser, close } = await openBrowser()
  const berthMs: number[] = []
  const cliMs: number[] = []
  const names: string[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(mode.url)
    await page.getByTestId('containers-run').waitFor()
    const stamp = Date.now().toString(36)
    // One warm-up each, not counted: the first create on an engine pays for its image's layers.
    for (let i = -1; i < rounds; i++) {
      const ours = `bench-run-berth-${stamp}-${i + 1}`
      const theirs = `bench-run-cli-${stamp}-${i + 1}`
      names.push(ours, theirs)
      const viaCli = async () => {
        const t0 = performance.now()
        await cli(['run', '-d', '--network', 'none', '--name', theirs, image, 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"])
        return performance.now() - t0
      }
      const viaBerth = async () => {
        const ms = await runFromDialog(page, `docker run -d --network none --name ${ours} ${image} ${IDLE}`)
        await page.goto(mode.url.replace('#token=', '#/containers?token='))
        await page.getByTestId('containers-run').waitFor()
        return ms
      }
      let b: number
      let c: number
      if (i % 2 === 0) {
        b = await viaBerth()
        c = await viaCli()
      } else {
        c = await viaCli()
        b = await viaBerth()
      }
      if (i >= 0) {
        berthMs.push(b)
        cliMs.push(c)
      }
    }
  } finally {
    await close()
    if (names.length) await cli(['rm', '-f', ...names]).catch(() => {})
  }
  const berthMedian = median(berthMs)
  const cliMedian = median(cliMs)
  return { berthMs, cliMs, berthMedian, cliMedian, ratio: berthMedian / cliMedian }
}

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  try {
    if (engine) await buildFixtureImages()
    const r = await measureRunDetached(Number(process.env.BENCH_ROUNDS ?? 7))
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ')
    console.log(`docker run -d, click on Run to "running" on screen (Berth, browser mode): median ${r.berthMedian.toFixed(0)} ms  [${fmt(r.berthMs)}]`)
    console.log(`docker run -d, the 20.10 CLI's wall time:                              median ${r.cliMedian.toFixed(0)} ms  [${fmt(r.cliMs)}]`)
    console.log(`ratio Berth / CLI: ${r.ratio.toFixed(2)}× (goal ≤ 1.0×)`)
  } finally {
    await engine?.destroy()
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
