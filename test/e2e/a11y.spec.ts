// Access: axe-core finds no serious or critical violation (WCAG 2 A and AA) on any route, in the
// light theme and the dark one, with real things on each page (a running container, its image, a
// volume, a network).
import AxeBuilder from '@axe-core/playwright'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { expect, routeUrl, test } from './fixtures'

const name = uniqueName('e2e-a11y')
const volume = uniqueName('e2e-a11y-vol')

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
