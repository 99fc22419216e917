// Sharing an image from the window: log in, tag, push with per-layer progress, pull it back, log out,
// against a real registry with htpasswd auth, on both engines. Browser mode keeps logins for the
// session only. The registry speaks plain http on 127.0.0.1: Docker uses plain http there by itself;
// Podman's Docker API logs in over plain http only to localhost:<port> (and pushes and pulls over it to
// registries its registries.conf lists as insecure, as the test engine's does), so on Podman the window
// reaches the same registry as localhost:<port>, as the README tells users to.
import { docker as cli } from '../env/docker-cli'
import { buildUniqueImage } from '../env/registry-images'
import { startTestRegistry, type TestRegistry } from '../env/registry'
import { BUSYBOX_IMAGE, uniqueName } from '../env/session'
import { IMAGE_TRANSFER_MS } from '../env/wait'
import { ENGINE_KIND, expect, test } from './fixtures'

let registry: TestRegistry
/** The registry as this engine logs in to it over plain http. */
let host = ''
const local = `berth-test/${uniqueName('share')}:1`
let remote = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  registry = await startTestRegistry()
  host = ENGINE_KIND === 'podman' ? `localhost:${registry.port}` : registry.host
  remote = `${host}/team/${uniqueName('app')}:1.0`
  await buildUniqueImage(local)
})

/** The digest of the manifest the registry keeps for `reference`, from the registry's own HTTP API. */
async function registryDigest(reference: string): Promise<string> {
  const [, repository, tag] = /^[^/]+\/(.+):([^:/]+)$/.exec(reference) ?? []
  const answer = await fetch(`http://127.0.0.1:${registry.port}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
      accept: ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'].join(', '),
    },
  })
  expect(answer.status, `the registry has ${reference}`).toBe(200)
  return answer.headers.get('docker-content-digest') ?? ''
}

test.afterAll(async () => {
  await cli(['rmi', '-f', local, remote]).catch(() => {})
  await registry.stop()
})

test('tags an image and pushes it, with per-layer progress where the engine reports it, logging in when the registry says so', async ({ app }) => {
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
  await expect(app.getByTestId('transfer-error')).toHaveText(`denied: log in to ${host} first`, { timeout: IMAGE_TRANSFER_MS })

  await app.getByTestId('push-login').click()
  await expect(app.getByTestId('login-registry')).toHaveValue(host)
  await expect(app.getByTestId('login-storage')).toContainText('Not stored')
  await app.getByTestId('login-username').fill(registry.username)
  await app.getByTestId('login-password').fill('wrong-password')
  await app.getByTestId('login-submit').click()
  await expect(app.getByTestId('login-error')).toContainText(`${host} refused the username or password`)
  await app.getByTestId('login-password').fill(registry.password)
  await app.getByTestId('login-submit').click()
  // Logged in, the push starts again by itself.
  const transfer = app.getByTestId('transfer')
  await expect(transfer.getByTestId('transfer-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  await expect(transfer.getByTestId('digest')).toHaveText(/^sha256:[0-9a-f]{64}$/)
  expect(await transfer.getByTestId('digest').textContent(), 'the digest the registry keeps for the tag').toBe(await registryDigest(remote))
  await expect(transfer.getByTestId('overall-percent')).toHaveText('100%')
  const layers = transfer.locator('[data-layer]')
  if (ENGINE_KIND === 'podman') {
    // Podman 4.3's Docker API reports a push as a whole: its stream names no layer, so there is none to show.
    await expect(layers).toHaveCount(0)
  } else {
    expect(await layers.count()).toBeGreaterThanOrEqual(2)
    for (const state of await layers.evaluateAll((items) => items.map((i) => i.getAttribute('data-layer-state')))) {
      expect(['pushed', 'exists']).toContain(state)
    }
    await expect(transfer.locator('[data-layer-state=pushed]').first()).toContainText('pushed')
  }
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker push ${remote}`)
  await app.screenshot({ path: 'test-results/registry-push.png' })
  await app.getByTestId('dialog-close').click()

  await app.locator('[data-nav=registries]').click()
  await expect(app.locator(`tr[data-registry="${host}"]`)).toContainText(registry.username)
  await expect(app.locator(`tr[data-registry="${host}"]`)).toContainText('this session only')
  await expect(app.locator('body')).not.toContainText(registry.password)
  await app.screenshot({ path: 'test-results/registry-logins.png' })
})

test('pulls the image back with per-layer progress, then logs out', async ({ app }) => {
  await cli(['rmi', remote, local]) // both names, so our own layer is gone and must be downloaded
  await app.locator('[data-nav=images]').click()
  // The list is drawn (the fixture image is in it), and the pushed image is not.
  await expect(app.locator(`[data-image="${BUSYBOX_IMAGE}"]`)).toBeVisible()
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(0)
  await app.getByTestId('images-pull').click()
  await app.getByTestId('pull-reference').fill(remote)
  await app.getByTestId('pull-start').click()
  const transfer = app.getByTestId('transfer')
  await expect(transfer.getByTestId('transfer-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  await expect(transfer.getByTestId('overall-percent')).toHaveText('100%')
  await expect(transfer.locator('[data-layer-state=exists]')).not.toHaveCount(0)
  await expect(transfer.locator('[data-layer-state=done]')).not.toHaveCount(0)
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker pull ${remote}`)
  await app.screenshot({ path: 'test-results/registry-pull.png' })
  await app.getByTestId('dialog-close').click()
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(1)

  await app.locator('[data-nav=registries]').click()
  await app.locator(`tr[data-registry="${host}"]`).getByTestId('logout').click()
  await expect(app.getByTestId('no-logins')).toBeVisible()
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker logout ${host}`)
})

test('a pull the registry refuses for lack of login offers the login inline, and keeps the reference typed', async ({ app }) => {
  await cli(['rmi', remote]).catch(() => {})
  await app.locator('[data-nav=images]').click()
  await expect(app.locator(`[data-image="${BUSYBOX_IMAGE}"]`)).toBeVisible()
  await app.getByTestId('images-pull').click()
  await app.getByTestId('pull-reference').fill(remote)
  // Closed and opened again (to look something up, say): what was typed is still there.
  await app.getByTestId('dialog-close').click()
  await app.getByTestId('images-pull').click()
  await expect(app.getByTestId('pull-reference')).toHaveValue(remote)
  await app.getByTestId('pull-start').click()
  await expect(app.getByTestId('transfer-error')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  await app.getByTestId('pull-login').click()
  await expect(app.getByTestId('login-registry')).toHaveValue(host)
  await app.getByTestId('login-username').fill(registry.username)
  await app.getByTestId('login-password').fill(registry.password)
  await app.getByTestId('login-submit').click()
  // Logged in, the pull starts again by itself.
  await expect(app.getByTestId('transfer').getByTestId('transfer-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  await expect(app.getByTestId('pull-reference')).toHaveValue(remote)
  await app.getByTestId('dialog-close').click()
  await expect(app.locator(`[data-image="${remote}"]`)).toHaveCount(1)
  await app.locator('[data-nav=registries]').click()
  await app.locator(`tr[data-registry="${host}"]`).getByTestId('logout').click()
  await expect(app.getByTestId('no-logins')).toBeVisible()
})

test('a login at the registry’s 127.0.0.1 address: Docker logs in over plain http, Podman says to reach it as localhost:<port>', async ({ app }) => {
  await app.locator('[data-nav=registries]').click()
  await expect(app.getByTestId('no-logins')).toBeVisible()
  await app.getByTestId('login-registry').fill(registry.host)
  await app.getByTestId('login-username').fill(registry.username)
  await app.getByTestId('login-password').fill(registry.password)
  await app.getByTestId('login-submit').click()
  if (ENGINE_KIND === 'podman') {
    // Its compat auth handler uses https for every other address.
    await expect(app.getByTestId('login-error')).toHaveText(
      `${registry.host} answers over plain http, and Podman's Docker API logs in over https only (plain http only to localhost:<port> addresses). Give the registry https, or reach it as localhost:<port>.`,
    )
    await expect(app.getByTestId('no-logins')).toBeVisible()
    return
  }
  await expect(app.locator(`tr[data-registry="${registry.host}"]`)).toContainText(registry.username)
  await app.locator(`tr[data-registry="${registry.host}"]`).getByTestId('logout').click()
  await expect(app.getByTestId('no-logins')).toBeVisible()
})
