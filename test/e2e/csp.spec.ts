// A clean console: every route, in the light theme and the dark one, with real things on each page (a
// running container, its image, a volume, a network), logs no error and breaks no rule of the
// Content-Security-Policy (style-src 'self': no inline style attribute or element from markup).
import type { Page } from '@playwright/test'
import { everyRoute } from './every-route'
import { expect, routeUrl, test } from './fixtures'

const ROUTES = everyRoute('e2e-csp')

declare global {
  interface Window {
    cspViolations?: string[]
  }
}

/** Every console error and CSP violation from now on (the page is loaded again, so its start counts too). */
async function watchConsole(page: Page): Promise<string[]> {
  const found: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') found.push(`console error: ${message.text()}`)
  })
  await page.addInitScript(() => {
    window.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || 'the page'}:${e.lineNumber} ${e.sample ? `(${e.sample})` : ''}`.trim())
    })
  })
  await page.reload()
  return found
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no console error or CSP violation on any route, ${scheme} theme`, async ({ app, berth }) => {
    test.setTimeout(ROUTES.length * 10_000)
    await app.emulateMedia({ colorScheme: scheme })
    const consoleErrors = await watchConsole(app)
    const found: string[] = []
    for (const route of ROUTES) {
      await app.goto(routeUrl(berth, route))
      await expect(app.locator('.view').first()).toBeVisible()
      // What the page draws after its data arrives counts too: its heading is there by then.
      await expect(app.locator('.view h1, .view h2, main [role=status]').first()).toBeVisible()
      const violations = await app.evaluate(() => window.cspViolations!.splice(0))
      found.push(...violations.map((v) => `${route}: ${v}`), ...consoleErrors.splice(0).map((e) => `${route}: ${e}`))
    }
    // The footer's Activity panel, over the last page.
    await app.getByTestId('activity-open').click()
    await expect(app.getByTestId('activity-panel')).toBeVisible()
    found.push(...(await app.evaluate(() => window.cspViolations!.splice(0))).map((v) => `activity panel: ${v}`), ...consoleErrors.splice(0))
    expect(found).toEqual([])
  })
}
