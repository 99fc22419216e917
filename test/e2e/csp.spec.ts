// A clean console: every route, in the light theme and the dark one, with real things on each page (a
// running container, its image, a volume, a network), logs no error and breaks no rule of the
// Content-Security-Policy (style-src 'self': no inline style attribute or element from markup).
import type { Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { expect, routeUrl, test } from './fixtures'

const name = uniqueName('e2e-csp')
const volume = uniqueName('e2e-csp-vol')

test.beforeAll(async () => {
  await cli(['volume', 'create', '--label', `${TEST_LABEL}=1`, volume])
  await cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', `${volume}:/data`, BUSYBOX_IMAGE, 'sh', '-c', 'echo hello; sleep 3600'])
})
test.afterAll(async () => {
  await removeTestContainers(testDocker())
  await cli(['volume', 'rm', volume]).catch(() => {})
})

const image = encodeURIComponent(BUSYBOX_IMAGE)
const ROUTES = [
  '/containers',
  ...['logs', 'files', 'inspect', 'changes', 'stats', 'terminal'].map((tab) => `/containers/${name}/${tab}`),
  '/images',
  `/images/${image}`,
  `/images/${image}/layers`,
  `/images/${image}/inspect`,
  '/volumes',
  `/volumes/${volume}/files`,
  `/volumes/${volume}/inspect`,
  '/networks',
  '/networks/none',
  '/networks/none/inspect',
  '/registries',
  '/build',
  '/compose',
  '/engines',
  '/no-such-page',
]

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
