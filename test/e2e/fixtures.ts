// Playwright fixtures: Berth's browser mode, started in the worker against the engine `npm test`
// started, and a page opened on its tokened URL.
import { resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { parseHost } from '@main/engine/endpoint'
import { startPrivateEngine, type PrivateEngine } from '../env/engine'
import { copyFixtureImage } from '../env/private-images'
import { within } from '../env/wait'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

/** The sidebar once connected: it names the engine, "Docker Engine 20.10.24" or "Podman 4.3.1". */
export const CONNECTED = /(Docker Engine|Podman|Engine) \d/

/** The engine this run is against (test/run.ts sets it): a few things read differently on Podman. */
export const ENGINE_KIND: 'docker' | 'podman' = process.env.BERTH_TEST_ENGINE === 'podman' ? 'podman' : 'docker'

export const test = base.extend<{ app: Page; calls: string[]; shownOnFailure: void }, { berth: BrowserMode }>({
  // A failed test's report says what each of its pages showed then (the engine line and the page's
  // text), so a failure in a CI log reads as what a user would have seen, without its trace.
  shownOnFailure: [
    async ({ context }, use, testInfo) => {
      await use()
      if (testInfo.status === testInfo.expectedStatus) return
      for (const [i, p] of context.pages().entries()) {
        const read = p.evaluate(() => {
          const text = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '(none)'
          return `engine: ${text('[data-testid=engine-status]')} | page: ${text('main')}`
        })
        // A page that hangs must not hold the report up.
        const shown = await within(read, 'reading the page', 2000).catch((err: Error) => `(unreadable: ${err.message})`)
        await testInfo.attach(`page ${i + 1} showed, at ${p.url().replace(/token=[^&]*/, 'token=…')}`, { body: shown, contentType: 'text/plain' })
      }
    },
    { auto: true },
  ],
  berth: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const mode = await startBrowserMode({ rendererDir: RENDERER_DIR })
      await use(mode)
      await mode.close()
    },
    { scope: 'worker' },
  ],
  // The calls the app's page sent over its WebSocket (`logs.older`, …), in the order it sent them:
  // seeing one sent after a moment proves every call sent before it has been seen too.
  // eslint-disable-next-line no-empty-pattern
  calls: async ({}, use) => use([]),
  app: async ({ page, berth, calls }, use) => {
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const call = typeof payload === 'string' ? /^\{"id":\d+,"channel":"berth:call:([^"]+)"/.exec(payload)?.[1] : undefined
        if (call) calls.push(call)
      }),
    )
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('dialog', (dialog) => {
      problems.push(`unexpected dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.goto(berth.url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await use(page)
    expect(problems, 'the page raised errors or dialogs').toEqual([])
  },
})

export { expect }

/** The list row of one container, by name. */
export const containerRow = (page: Page, name: string) => page.locator(`[data-container="${name}"]`)

/** The tokened browser-mode link, at a route of the app (`/containers/web/files`, `/images?x=1`). */
export const routeUrl = (berth: BrowserMode, route: string): string =>
  berth.url.replace('#token=', `#${route}${route.includes('?') ? '&' : '?'}token=`)

/**
 * Berth's browser mode against an engine of the test's own (one it may stop and start), found as a
 * user's `DOCKER_HOST` would find it. `retryDelaysMs`: how soon it tries again once the engine is lost.
 */
export const browserModeOn = (host: string, retryDelaysMs?: number[]): Promise<BrowserMode> =>
  startBrowserMode({ rendererDir: RENDERER_DIR, engine: { endpoint: { host, source: 'DOCKER_HOST', options: parseHost(host, {}) }, retryDelaysMs } })

/**
 * Runs `body` with a private engine of this run's kind and Berth's browser mode on it; both are gone
 * afterwards, whatever happened. `fixtureImage`: the test image is copied there first.
 */
export async function onPrivateEngine(
  body: (engine: PrivateEngine, mode: BrowserMode) => Promise<void>,
  options: { fixtureImage?: boolean; retryDelaysMs?: number[] } = {},
): Promise<void> {
  const engine = await startPrivateEngine()
  try {
    const mode = await browserModeOn(engine.host, options.retryDelaysMs)
    try {
      if (options.fixtureImage) await copyFixtureImage(engine.host)
      await body(engine, mode)
    } finally {
      await mode.close()
    }
  } finally {
    await engine.destroy()
  }
}
