// The window names the engine it is connected to, as its version's components say, and the CLI
// lines it shows work against that engine (the docker CLI speaks to Podman's socket too).
import { docker as cli } from '../env/docker-cli'
import { CONNECTED, ENGINE_KIND, expect, test } from './fixtures'

test('names the engine it is connected to: Docker Engine or Podman, with its version', async ({ app }) => {
  const version = await cli(['version', '--format', '{{.Server.Version}}'])
  const name = ENGINE_KIND === 'podman' ? 'Podman' : 'Docker Engine'
  await expect(app.getByTestId('engine-product')).toHaveText(`${name} ${version}`)
  await expect(app.getByTestId('engine-status')).toContainText(CONNECTED)
  // The CLI line the images page shows runs as shown against this engine.
  await app.locator('[data-nav=images]').click()
  await expect(app.getByRole('main').locator('code', { hasText: /^docker images$/ })).toBeVisible()
  expect(await cli(['images'])).toMatch(/^berth-test\/busybox\s+latest/m)
})
