// The rough edges a new user met: times that froze, errors that outlived their fix, ids where names
// belong, CLI lines that were not valid shell, rebuilt images, refusals that came too late.
import type { Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS } from '../env/wait'
import { containerRow, ENGINE_KIND, expect, routeUrl, test } from './fixtures'

const engine = () => testDocker()
const volumes: string[] = []

test.afterEach(async () => {
  await removeTestContainers(engine())
  for (const name of volumes.splice(0)) await engine().getVolume(name).remove().catch(() => {})
  await cli(['rmi', '-f', 'ux/app:1']).catch(() => {})
})

const create = (name: string, ...args: string[]) =>
  cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, ...args])

test('relative times keep up with the clock, with no engine event to refresh them', async ({ app }) => {
  const name = uniqueName('ticking')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
  const row = containerRow(app, name)
  await expect(row.getByTestId('status')).toHaveText(/^Up (Less than a second|\d seconds?)$/)
  // Nothing happens to the container from here: only the clock moves.
  await expect(row.getByTestId('status')).toHaveText(/^Up [3-9] seconds$/, { timeout: 10_000 })
  await expect(row).toContainText(/created [3-9] seconds ago/)
})

async function createVolume(app: Page, name: string): Promise<void> {
  await app.getByTestId('volume-name').fill(name)
  await app.getByRole('button', { name: 'Create', exact: true }).click()
}

test('a bad volume name’s error goes once a good one is created; the CLI line is valid shell', async ({ app }) => {
  await app.locator('[data-nav=volumes]').click()
  await createVolume(app, 'Bad Name!')
  await expect(app.getByTestId('error')).toHaveCount(1)
  await expect(app.getByTestId('cli-equivalent')).toHaveText("$ docker volume create 'Bad Name!'")
  const good = uniqueName('good')
  volumes.push(good)
  await createVolume(app, good)
  await expect(app.locator(`[data-volume="${good}"]`)).toHaveCount(1)
  await expect(app.getByTestId('error')).toHaveCount(0)
})

test('an error stays on the page it happened on, and so does the CLI line', async ({ app }) => {
  await app.locator('[data-nav=volumes]').click()
  await createVolume(app, 'Bad Name!')
  await expect(app.getByTestId('error')).toHaveCount(1)
  await app.locator('[data-nav=images]').click()
  await expect(app.locator(`[data-image="${BUSYBOX_IMAGE}"]`)).toBeVisible()
  await expect(app.getByTestId('error')).toHaveCount(0)
  await expect(app.getByTestId('cli-equivalent')).toHaveCount(0)
  await app.locator('[data-nav=volumes]').click()
  await expect(app.getByTestId('error')).toHaveCount(1)
  await expect(app.getByTestId('cli-equivalent')).toHaveText("$ docker volume create 'Bad Name!'")
})

test('the Run dialog opens without errors, saying what it needs; a bad image is one error', async ({ app }) => {
  await app.getByTestId('containers-run').click()
  const dialog = app.getByTestId('run-dialog')
  await expect(dialog.getByTestId('run-missing')).toContainText('Name the image to run')
  await expect(dialog.getByTestId('run-problems')).toHaveCount(0)
  await expect(dialog.getByTestId('run-submit')).toBeDisabled()
  await dialog.getByTestId('run-image').fill('Not A Ref!')
  await expect(dialog.getByTestId('run-missing')).toHaveCount(0)
  await expect(dialog.getByTestId('run-problems').locator('li')).toHaveText(['Image: is not an image id or reference'])
  await dialog.getByTestId('run-image').fill(BUSYBOX_IMAGE)
  await expect(dialog.getByTestId('run-problems')).toHaveCount(0)
  await expect(dialog.getByTestId('run-submit')).toBeEnabled()
})

test('a stop that waits out its grace period says why, and exit code 137 is explained where it shows', async ({ app, berth }) => {
  const name = uniqueName('slow-stop')
  // A shell's sleep as PID 1 ignores SIGTERM: the engine kills it once the stop timeout runs out.
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, '--stop-timeout', '3', BUSYBOX_IMAGE, 'sleep', '3600'])
  const row = containerRow(app, name)
  await row.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(app.getByTestId('activity-state')).toContainText('the engine sent SIGTERM')
  await expect(row.getByTestId('state')).toHaveText('exited (137)')
  await expect(row.getByTestId('state')).toHaveAttribute('title', /killed with SIGKILL.*stop’s timeout ran out/)
  await expect(app.getByTestId('activity-state')).toHaveText('done')
  await app.goto(routeUrl(berth, `/containers/${name}/inspect`))
  await expect(app.getByTestId('inspect-exit-code')).toHaveText('137')
  await expect(app.getByTestId('inspect-exit-meaning')).toContainText('killed with SIGKILL')
})

test('removing a container says its anonymous volume stays, and offers -v to remove it too', async ({ app }) => {
  const kept = uniqueName('rm-keeps')
  const gone = uniqueName('rm-v')
  await create(kept, '-v', '/cache', BUSYBOX_IMAGE, 'true')
  await create(gone, '-v', '/cache', BUSYBOX_IMAGE, 'true')
  const anonymousOf = (name: string) => cli(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name])
  const [keptVolume, goneVolume] = [await anonymousOf(kept), await anonymousOf(gone)]
  volumes.push(keptVolume)
  const dialog = app.getByRole('dialog')
  // Both listed first: the list reuses its row elements, so a row found before the other container's
  // arrival shifted it would, by the time of the click, be that other container's.
  await expect(containerRow(app, gone)).toBeVisible({ timeout: CONTAINER_RUN_MS })
  await expect(containerRow(app, kept)).toBeVisible()

  await containerRow(app, kept).getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(dialog).toContainText(`Its anonymous volume (${keptVolume.slice(0, 12)}) stays`)
  await expect(dialog).toContainText(`docker rm ${kept}`)
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(containerRow(app, kept)).toHaveCount(0)
  expect((await cli(['volume', 'ls', '-q'])).split('\n')).toContain(keptVolume)

  await containerRow(app, gone).getByRole('button', { name: 'Remove', exact: true }).click()
  await dialog.getByTestId('remove-with-volumes').getByRole('checkbox').check()
  await expect(dialog).toContainText(`docker rm -v ${gone}`)
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(containerRow(app, gone)).toHaveCount(0)
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker rm -v ${gone}`)
  expect((await cli(['volume', 'ls', '-q'])).split('\n')).not.toContain(goneVolume)
})

test('Build is a section of its own in the sidebar', async ({ app }) => {
  await app.locator('[data-nav=build]').click()
  await expect(app).toHaveURL(/#\/build/)
  await expect(app.getByTestId('build-start')).toBeVisible()
  await expect(app.locator('[data-nav=build]')).toHaveAttribute('aria-current', 'page')
})

test('files go into a container through Upload… as well as by drop', async ({ app }) => {
  const name = uniqueName('picked-into')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
  await containerRow(app, name).getByTestId('files').click()
  const browser = app.getByTestId('file-browser')
  await expect(browser.locator('tr[data-file="bin"]')).toBeVisible()
  await browser.getByTestId('upload-input').setInputFiles([
    { name: 'picked one.txt', mimeType: 'text/plain', buffer: Buffer.from('first pick') },
    { name: 'two.txt', mimeType: 'text/plain', buffer: Buffer.from('second') },
  ])
  await expect(browser.locator('tr[data-file="picked one.txt"]')).toBeVisible()
  await expect(browser.locator('tr[data-file="two.txt"]')).toBeVisible()
  expect(await cli(['exec', name, 'cat', '/picked one.txt', '/two.txt'])).toBe('first picksecond')
})

test('Disk usage prunes the reclaimable build cache it shows, as docker builder prune does', async ({ app }) => {
  test.skip(ENGINE_KIND === 'podman', 'Podman keeps no BuildKit cache: its builds are Buildah’s')
  const tag = uniqueName('cache-maker')
  await cli(['build', '--network', 'none', '-t', tag, '-'], { input: `FROM ${BUSYBOX_IMAGE}\nRUN head -c 100000 /dev/urandom > /noise\n`, env: { DOCKER_BUILDKIT: '1' } })
  await cli(['rmi', tag])
  await app.locator('[data-nav=images]').click()
  await app.getByTestId('disk-usage-open').click()
  const row = app.getByTestId('disk-usage').locator('tr[data-kind="build-cache"]')
  await expect(row.getByTestId('prune-build-cache')).toBeEnabled()
  await row.getByTestId('prune-build-cache').click()
  await app.getByRole('dialog').getByRole('button', { name: 'Prune', exact: true }).click()
  await expect(app.getByTestId('cli-equivalent')).toHaveText('$ docker builder prune -a -f')
  await expect(app.getByTestId('activity-state')).toHaveText('done')
  await expect(row.getByTestId('reclaimable')).toHaveText('0 B')
  await expect(row.getByTestId('prune-build-cache')).toBeDisabled()
  const df = (await cli(['system', 'df', '--format', '{{.Type}}={{.Reclaimable}}'])).split('\n')
  expect(df).toContain('Build Cache=0B')
})

test('a build arg’s value shows, in the field and the command line, unless marked secret', async ({ app }) => {
  await app.locator('[data-nav=build]').click()
  await app.getByRole('button', { name: 'Add a build arg' }).click()
  await app.getByPlaceholder('NAME', { exact: true }).fill('VERSION')
  const value = app.getByTestId('build-arg-value')
  await value.fill('1.2 beta')
  await expect(value).toHaveAttribute('type', 'text')
  await expect(app.getByTestId('build-cli')).toContainText("--build-arg 'VERSION=1.2 beta'")
  await expect(app.getByTestId('build-secret-note')).toHaveCount(0)
  await app.getByTestId('build-arg-secret').check()
  await expect(value).toHaveAttribute('type', 'password')
  await expect(app.getByTestId('build-cli')).toContainText('--build-arg VERSION ')
  await expect(app.getByTestId('build-cli')).not.toContainText('1.2 beta')
  await expect(app.getByTestId('build-secret-note')).toContainText('leaves out the value of VERSION')
})

test('a bad tag’s error goes once a good tag of the same image works', async ({ app }) => {
  await app.locator('[data-nav=images]').click()
  await app.locator(`[data-image="${BUSYBOX_IMAGE}"]`).getByTestId('image-tag').click()
  const dialog = app.getByRole('dialog')
  const tagIt = async (target: string) => {
    await dialog.getByTestId('tag-target').fill(target)
    await dialog.getByTestId('tag-submit').click()
  }
  await tagIt('Not A Tag!')
  await expect(app.getByTestId('error')).toHaveCount(1)
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker tag ${BUSYBOX_IMAGE} 'Not A Tag!'`)
  await tagIt('ux/app:1')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker tag ${BUSYBOX_IMAGE} ux/app:1`)
  await expect(app.getByTestId('error')).toHaveCount(0)
})

test('a copy into a container names it as the user does, not by its id', async ({ app }) => {
  const name = uniqueName('copied-into')
  await create(name, BUSYBOX_IMAGE, ...IDLE)
  await containerRow(app, name).getByTestId('files').click()
  const list = app.getByTestId('file-browser').getByTestId('file-list')
  await expect(list).toBeVisible()
  const dataTransfer = await app.evaluateHandle(() => {
    const dt = new DataTransfer()
    dt.items.add(new File(['x'], 'app.conf', { type: 'text/plain' }))
    return dt
  })
  await list.dispatchEvent('dragover', { dataTransfer })
  await list.dispatchEvent('drop', { dataTransfer })
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker cp app.conf ${name}:/`)
  // Finished before the clean-up removes the container: Podman refuses to remove one mid-copy.
  await expect(app.getByTestId('activity-state')).toHaveText('done')
})

test('after a rebuild, old containers show the short id and that they run an older build', async ({ app }) => {
  const build = (n: number) => cli(['build', '-q', '-t', 'ux/app:1', '-'], { input: `FROM ${BUSYBOX_IMAGE}\nRUN echo ${n} > /version\n` })
  await build(1)
  const name = uniqueName('old-build')
  await create(name, 'ux/app:1')
  const row = containerRow(app, name)
  await expect(row).toContainText('ux/app:1')
  await expect(row.getByTestId('older-build')).toHaveCount(0)
  await build(2)
  // Docker's `docker ps` now lists the old image by its short id; Podman's keeps the name (it lists
  // the reference a container was made from), so there the id comes from the container itself.
  const listed = await cli(['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Image}}'])
  const imageId = (await cli(['inspect', '-f', '{{.Image}}', name])).replace(/^sha256:/, '').slice(0, 12)
  const shortId = ENGINE_KIND === 'podman' ? imageId : listed
  expect(shortId).toMatch(/^[0-9a-f]{12}$/)
  if (ENGINE_KIND === 'docker') expect(shortId).toBe(imageId)
  await expect(row).toContainText(shortId)
  await expect(row).not.toContainText('sha256:')
  await expect(row.getByTestId('older-build')).toHaveText('older build of ux/app:1')
})

test('the prune dialog words one volume as one, with the line this engine understands', async ({ app }) => {
  const name = uniqueName('lonely')
  volumes.push(name)
  // Only this one unused: the private engine's other unused volumes are test leftovers.
  await cli(['volume', 'prune', '-f'])
  await cli(['volume', 'create', name])
  await app.locator('[data-nav=volumes]').click()
  await expect(app.locator(`[data-volume="${name}"]`)).toHaveCount(1)
  await app.getByTestId('prune-volumes').click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toContainText(`1 volume used by no container will be deleted with its data: ${name}.`)
  // This engine speaks API 1.41: `docker volume prune` (no -a, which needs 1.42) removes every unused volume.
  await expect(dialog).toContainText('docker volume prune')
  await expect(dialog).not.toContainText('prune -a')
  await dialog.getByRole('button', { name: /Cancel|Close/ }).first().click()
})
