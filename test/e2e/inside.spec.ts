import { TEST_LABEL } from '../env/fixtures'
import { buildImage, docker as cli } from '../env/docker-cli'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS } from '../env/wait'
import { containerRow, ENGINE_KIND, expect, routeUrl, test } from './fixtures'

const engine = () => testDocker()
const images: string[] = []

test.afterEach(async () => {
  await removeTestContainers(engine())
  for (const tag of images.splice(0)) await cli(['rmi', tag]).catch(() => {})
})

test("opens an image's layers: each step, its size, and the base layers shared with the busybox image", async ({ app, berth }) => {
  const tag = `${uniqueName('e2e/layers')}:1`
  images.push(tag)
  await buildImage(tag, `FROM ${BUSYBOX_IMAGE}\nENV MODE=test\nRUN head -c 25000 /bin/busybox > /blob\nCMD ["sh"]\n`)
  await app.goto(routeUrl(berth, `/images/${encodeURIComponent(tag)}`))
  await expect(app.getByTestId('image-platform')).toContainText('linux/')
  await expect(app.getByTestId('image-cmd')).toHaveText('["sh"]')
  await app.getByTestId('image-tab-layers').click()
  await expect(app).toHaveURL(/\/layers/)
  const rows = app.getByTestId('layer-row')
  await expect(rows.first()).toContainText('CMD')
  await expect(rows.nth(1)).toContainText('RUN head -c 25000')
  await expect(rows.nth(2)).toContainText('ENV MODE=test')
  // Each step's bytes as `docker history` gives them on this engine: Docker counts the layer's files
  // (25,000 bytes, "25.0 kB"), Podman the layer's tar stream, headers and all (26.6 kB).
  const cliSizes = (await cli(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}', tag])).split('\n').map(Number)
  await expect(rows).toHaveCount(cliSizes.length)
  for (const [i, bytes] of cliSizes.entries()) {
    if (bytes > 0) await expect(rows.nth(i).getByTestId('layer-size')).toHaveAttribute('data-bytes', String(bytes))
    else await expect(rows.nth(i).getByTestId('layer-size')).toHaveText(/^(—|0 B)$/)
  }
  await expect(rows.nth(1).getByTestId('layer-size')).toHaveText(/^\d\d\.\d kB$/)
  // The busybox base's layers are held by the busybox image too: only the RUN step's layer is this image's own.
  await expect(app.getByTestId('layer-shared').first()).toBeVisible()
  await expect(app.getByTestId('unique-size')).toHaveAttribute('data-bytes', String(cliSizes[1]))
  await app.getByTestId('image-tab-inspect').click()
  await app.getByTestId('json-search').fill('MODE=test')
  await expect(app.getByTestId('json-matches')).toContainText('"MODE=test"')
})

test("opens a container's inspect, changes (a file it wrote opens as text) and live stats", async ({ app, berth }) => {
  const name = uniqueName('e2e-inside')
  await cli([
    'run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-p', '8080:80', '-v', '/anon', '-e', 'COLOUR=blue', BUSYBOX_IMAGE,
    'sh', '-c', "echo '<b>not html</b>' > /note.txt; rm /bin/vi; trap 'exit 0' TERM; sleep 3600 & wait",
  ])
  await app.goto(routeUrl(berth, `/containers/${name}/inspect`))
  await expect(app.getByTestId('inspect-state')).toContainText('running')
  await expect(app.getByTestId('inspect-env')).toContainText('COLOUR=blue')
  await expect(app.locator('[data-mount="/anon"]')).toContainText('anonymous volume')
  // Asked with -p on no network: what was asked, beside what was published (nothing), and why.
  if (ENGINE_KIND === 'docker') {
    await expect(app.getByTestId('inspect-ports').locator('[data-port="80/tcp"]')).toHaveText('8080 → 80/tcp (asked with -p, not published)')
    await expect(app.getByTestId('ports-note')).toHaveText('80/tcp was asked to be published but is not: it has no network (--network none), so there is nothing to publish through. Run it on a bridge network to publish ports.')
  } else {
    // Podman drops -p from a container with no network, so nothing asked is left to show.
    await expect(app.getByTestId('ports-note')).toHaveCount(0)
  }

  await app.getByTestId('tab-changes').click()
  const tree = app.getByTestId('changes-tree')
  await expect(tree.locator('[data-path="/bin/vi"]')).toContainText('deleted')
  await expect(tree.locator('[data-path="/note.txt"]')).toContainText('added')
  await tree.locator('[data-path="/note.txt"]').getByRole('link').click()
  await expect(app.getByTestId('changed-file')).toHaveText('<b>not html</b>\n')
  await expect(app.getByTestId('changed-file').locator('b')).toHaveCount(0)
  await app.keyboard.press('Escape')

  await app.getByTestId('tab-stats').click()
  await expect(app.getByTestId('stats-memory')).toContainText('MiB', { timeout: ENGINE_ANSWER_MS })
  await expect(app.getByTestId('container-stats')).toHaveAttribute('data-phase', 'running')
  // Stopped, the tab says so; started again, it streams again by itself.
  await cli(['stop', '-t', '1', name])
  await expect(app.getByTestId('stats-waiting')).toContainText('stopped', { timeout: CONTAINER_RUN_MS })
  await cli(['start', name])
  await expect(app.getByTestId('container-stats')).toHaveAttribute('data-phase', 'running', { timeout: CONTAINER_RUN_MS })
})

test('prunes stopped containers after a preview, and only those', async ({ app }) => {
  const stopped = uniqueName('e2e-prune')
  const running = uniqueName('e2e-keep')
  await cli(['create', '--name', stopped, '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE])
  await cli(['run', '-d', '--name', running, '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE, 'sleep', '3600'])
  await app.getByTestId('show-all').click()
  await expect(containerRow(app, stopped)).toBeVisible()
  await app.getByTestId('prune-containers').click()
  const dialog = app.getByTestId('prune-dialog')
  await expect(dialog.getByTestId('prune-items')).toContainText(stopped)
  await expect(dialog.getByTestId('prune-items')).not.toContainText(running)
  await dialog.getByTestId('prune-confirm').click()
  await expect(containerRow(app, stopped)).toHaveCount(0)
  await expect(containerRow(app, running)).toBeVisible()
  await expect(app.getByTestId('cli-equivalent')).toContainText('docker container prune -f')
})
