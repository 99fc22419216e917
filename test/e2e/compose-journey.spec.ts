// The learner's whole step after single containers, in the window: two containers made by hand are
// saved as a compose file, the app is brought up from that file in a project of its own, its services'
// logs are followed in one pane, and it is brought down again — with `docker-compose ps` as the oracle.
// The containers have no network (this engine has no bridge), so the saved file asks for none either.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, IMAGE_TRANSFER_MS } from '../env/wait'
import { expect, routeUrl, test } from './fixtures'

/** A numbered line every 100 ms, as a service that logs. */
const COUNTER = ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done"]

let folder = ''

test.afterEach(async () => {
  await removeTestContainers(testDocker())
  if (folder) rmSync(folder, { recursive: true, force: true })
})

test('containers made by hand → saved as compose → up in a project of their own → one merged log → down', async ({ app, berth }) => {
  test.setTimeout(IMAGE_TRANSFER_MS * 3)
  const web = uniqueName('web')
  const worker = uniqueName('worker')
  const run = (name: string, flags: string[]) => cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', ...flags, BUSYBOX_IMAGE, ...COUNTER])
  await run(web, ['-e', 'GREETING=hello'])
  await run(worker, ['-w', '/tmp'])

  // Save both.
  await app.getByTestId('save-compose-open').click()
  const dialog = app.getByTestId('save-compose')
  for (const name of [web, worker]) {
    await dialog.getByTestId('save-compose-filter').fill(name)
    await dialog.locator(`[data-save-container="${name}"] input`).check()
  }
  await expect(dialog.getByTestId('save-compose-yaml')).toContainText(`${worker}:`)
  folder = mkdtempSync(join(tmpdir(), 'berth-journey-'))
  const file = join(folder, 'compose.yaml')
  const [download] = await Promise.all([app.waitForEvent('download'), dialog.getByTestId('save-compose-save').click()])
  await download.saveAs(file)
  await app.keyboard.press('Escape')

  // Up from the saved file, in a new project.
  const project = uniqueName('journey')
  await app.getByTestId('compose-up-open').click()
  await app.getByTestId('compose-path').fill(file)
  await app.getByTestId('compose-open').click()
  await expect(app.getByTestId('compose-issue')).toHaveCount(0)
  await expect(app.getByTestId('compose-service')).toHaveCount(2)
  await app.getByTestId('compose-project').fill(project)
  await app.getByTestId('compose-up').click()
  await expect(app.getByTestId('compose-output').first().getByTestId('compose-run-status')).toHaveText('Done (exit code 0).', { timeout: IMAGE_TRANSFER_MS })
  const composePs = () =>
    new Promise<string[]>((resolve, reject) =>
      execFile('docker-compose', ['-p', project, '-f', file, 'ps', '-q'], { cwd: folder, env: { ...process.env } }, (err, out, stderr) =>
        err ? reject(new Error(stderr || err.message)) : resolve(out.split('\n').filter(Boolean)),
      ),
    )
  // Podman can answer a listing with a container it is still settling ("does not exist in database"): ask again.
  await expect.poll(() => composePs().catch(() => null), { timeout: CONTAINER_RUN_MS }).toHaveLength(2)

  // The project in the list, and its services' logs in one pane.
  await app.goto(routeUrl(berth, '/containers'))
  const group = app.locator(`[data-project="${project}"]`)
  await expect(group.getByTestId('project-summary')).toHaveText('2 of 2 running', { timeout: CONTAINER_RUN_MS })
  await group.getByTestId('project-link').click()
  await app.getByTestId('project-tab-logs').click()
  const prefixes = app.getByTestId('project-log-pane').getByTestId('log-prefix')
  for (const service of [web, worker]) await expect(prefixes.filter({ hasText: new RegExp(`^${service}-1$`) }).first()).toBeVisible({ timeout: CONTAINER_RUN_MS })

  // Down, from the project's own page.
  await app.getByTestId('compose-actions').getByTestId('compose-down').click()
  await expect.poll(() => composePs().catch(() => null), { timeout: CONTAINER_RUN_MS }).toEqual([])
  await expect(app.getByTestId('project-gone')).toBeVisible({ timeout: ENGINE_ANSWER_MS })
  // The containers made by hand are untouched.
  expect((await cli(['ps', '--format', '{{.Names}}'])).split('\n')).toEqual(expect.arrayContaining([web, worker]))
})
