// Sharing an image from the window: log in, tag, push with per-layer progress, pull it back, log out,
// against a real registry with htpasswd auth. Browser mode keeps logins for the session only.
import { docker as cli } from '../env/docker-cli'
import { buildUniqueImage } from '../env/registry-images'
import { startTestRegistry, type TestRegistry } from '../env/registry'
import { uniqueName } from '../env/session'
import { ENGINE_KIND, expect, test } from './fixtures'

let registry: TestRegistry
const local = `berth-test/${uniqueName('share')}:1`
let remote = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  registry = await startTestRegistry()
  remote = `${registry.host}/team/${uniqueName('app')}:1.0`
  await buildUniqueImage(local)
})

test.afterAll(async () => {
  await cli(['rmi', '-f', local, remote]).catch(() => {})
  await registry.stop()
})

test('tags an image and pushes it with per-layer progress, logging in when the registry says so', async ({ app }) => {
  await app.locator('[data-nav=images]').click()
  await app.locator(`[data-image="${local}"]`).getByTestId('image-tag').click()
  await app.getByTestId('tag-target').fill('Team/App')
  await app.getByTestId('tag-submit').click()
  await expect(app.getByTestId('tag-error')).toContainText('lowercase')
  await app.getByTestId('tag-target').fill(remote)
  await app.getByTestId('tag-submit').click()
  await expect(app.getByTestId('tag-done')).toContainText(remote)
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker tag ${local} ${remote}`)
  await expect(app.locator(`[data-image="${local}"]`), 'the old name stays').toHaveCount(1)
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(1)

  await app.getByTestId('tag-push').click()
  await app.getByTestId('push-start').click()
  await expect(app.getByTestId('transfer-error')).toHaveText(`denied: log in to ${registry.host} first`)

  await app.getByTestId('push-login').click()
  await expect(app.getByTestId('login-registry')).toHaveValue(registry.host)
  await expect(app.getByTestId('login-storage')).toContainText('Not stored')
  await app.getByTestId('login-username').fill(registry.username)
  await app.getByTestId('login-password').fill('wrong-password')
  await app.getByTestId('login-submit').click()
  if (ENGINE_KIND === 'podman') {
    // Podman's Docker API logs in over https only but to localhost:<port>; the test registry is plain
    // http on 127.0.0.1 (its compat auth handler), so the window says what to do instead.
    await expect(app.getByTestId('login-error')).toHaveText(
      `${registry.host} answers over plain http, and Podman's Docker API logs in over https only (plain http only to localhost:<port> addresses). Give the registry https, or reach it as localhost:<port>.`,
    )
    return
  }

  await expect(app.getByTestId('login-error')).toContainText(`${registry.host} refused the username or password`)
  await app.getByTestId('login-password').fill(registry.password)
  await app.getByTestId('login-submit').click()
  // Logged in, the push starts again by itself.
  const transfer = app.getByTestId('transfer')
  await expect(transfer.getByTestId('transfer-done')).toBeVisible()
  await expect(transfer.getByTestId('digest')).toHaveText(/^sha256:[0-9a-f]{64}$/)
  await expect(transfer.getByTestId('overall-percent')).toHaveText('100%')
  const layers = transfer.locator('[data-layer]')
  expect(await layers.count()).toBeGreaterThanOrEqual(2)
  for (const state of await layers.evaluateAll((items) => items.map((i) => i.getAttribute('data-layer-state')))) {
    expect(['pushed', 'exists']).toContain(state)
  }
  await expect(transfer.locator('[data-layer-state=pushed]').first()).toContainText('pushed')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker push ${remote}`)
  await app.screenshot({ path: 'test-results/registry-push.png' })
  await app.getByTestId('dialog-close').click()

  await app.locator('[data-nav=registries]').click()
  await expect(app.locator(`tr[data-registry="${registry.host}"]`)).toContainText(registry.username)
  await expect(app.locator(`tr[data-registry="${registry.host}"]`)).toContainText('this session only')
  await expect(app.locator('body')).not.toContainText(registry.password)
  await app.screenshot({ path: 'test-results/registry-logins.png' })
})

test('pulls the image back with per-layer progress, then logs out', async ({ app }) => {
  await cli(['rmi', remote, local]) // both names, so our own layer is gone and must be downloaded
  if (ENGINE_KIND === 'podman') {
    // Nothing was pushed there (Podman could not log in, above): the pull is refused, and says why.
    await app.locator('[data-nav=images]').click()
    await app.getByTestId('images-pull').click()
    await app.getByTestId('pull-reference').fill(remote)
    await app.getByTestId('pull-start').click()
    await expect(app.getByTestId('transfer-error')).toHaveText(`denied: log in to ${registry.host} first`)
    return
  }
  await app.locator('[data-nav=images]').click()
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(0)
  await app.getByTestId('images-pull').click()
  await app.getByTestId('pull-reference').fill(remote)
  await app.getByTestId('pull-start').click()
  const transfer = app.getByTestId('transfer')
  await expect(transfer.getByTestId('transfer-done')).toBeVisible()
  await expect(transfer.getByTestId('overall-percent')).toHaveText('100%')
  await expect(transfer.locator('[data-layer-state=exists]')).not.toHaveCount(0)
  await expect(transfer.locator('[data-layer-state=done]')).not.toHaveCount(0)
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker pull ${remote}`)
  await app.screenshot({ path: 'test-results/registry-pull.png' })
  await app.getByTestId('dialog-close').click()
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(1)

  await app.locator('[data-nav=registries]').click()
  await app.locator(`tr[data-registry="${registry.host}"]`).getByTestId('logout').click()
  await expect(app.getByTestId('no-logins')).toBeVisible()
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker logout ${registry.host}`)
})
