// Playwright fixtures: Berth's browser mode, started in the worker against the engine `npm test`
// started, and a page opened on its tokened URL.
import { resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '../../main/browser-mode/server'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

/** The sidebar once connected: it names the engine, "Docker Engine 20.10.24" or "Podman 4.3.1". */
export const CONNECTED = /(Docker Engine|Podman|Engine) \d/

/** The engine this run is against (test/run.ts sets it): a few things read differently on Podman. */
export const ENGINE_KIND: 'docker' | 'podman' = process.env.BERTH_TEST_ENGINE === 'podman' ? 'podman' : 'docker'

export const test = base.extend<{ app: Page }, { berth: BrowserMode }>({
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
  app: async ({ page, berth }, use) => {
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
