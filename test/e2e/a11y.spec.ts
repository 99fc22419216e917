// Access: axe-core finds no serious or critical violation (WCAG 2 A and AA) on any route, in the
// light theme and the dark one, with real things on each page (a running container, its image, a
// volume, a network).
import AxeBuilder from '@axe-core/playwright'
import { everyRoute } from './every-route'
import { expect, routeUrl, test } from './fixtures'

const ROUTES = everyRoute('e2e-a11y')

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation on any route, ${scheme} theme`, async ({ app, berth }) => {
    test.setTimeout(ROUTES.length * 15_000)
    await app.emulateMedia({ colorScheme: scheme })
    const found: string[] = []
    for (const route of ROUTES) {
      await app.goto(routeUrl(berth, route))
      await expect(app.locator('main, [role="main"], .view').first()).toBeVisible()
      const result = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${route}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
      }
    }
    expect(found).toEqual([])
  })
}
