// The run dialog against the real engine: a container run from the form with env, a named volume, a
// bind and --volumes-from, then edited (recreated) with its volume's data intact.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS } from '../env/wait'
import { expect, test } from './fixtures'

const IDLE_LINE = `sh -c "trap 'exit 0' TERM; sleep 3600 & wait"`
const engine = () => testDocker()
let scratch = ''
const volumes: string[] = []

test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'berth-run-e2e-'))
  writeFileSync(join(scratch, 'index.html'), 'from the host')
})
test.afterEach(async () => {
  await removeTestContainers(engine())
})
test.afterAll(async () => {
  for (const v of volumes) await engine().getVolume(v).remove().catch(() => {})
  rmSync(scratch, { recursive: true, force: true })
})

test('runs a container from the dialog, then edits it, keeping its volume data', async ({ app }) => {
  // Two runs, a recreate and a dozen docker exec: slow on a busy machine.
  test.setTimeout(180_000)
  const name = uniqueName('dialog-run')
  const source = uniqueName('dialog-src')
  const data = uniqueName('dialog-data')
  volumes.push(data)
  await cli(['create', '--name', source, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', '/shared', BUSYBOX_IMAGE, 'true'])

  await app.getByTestId('containers-run').click()
  const dialog = app.getByTestId('run-dialog')
  await dialog.getByTestId('run-image').fill(BUSYBOX_IMAGE)
  await dialog.getByTestId('run-name').fill(name)
  await dialog.getByTestId('run-command').fill(IDLE_LINE)
  await dialog.getByTestId('run-network').fill('none')
  await dialog.getByTestId('run-env-add').click()
  await dialog.getByTestId('run-env-0').fill('GREETING=hello world')
  await dialog.getByTestId('run-env-add').click()
  await dialog.getByTestId('run-env-1').fill('__proto__=kept')
  await dialog.getByTestId('mount-add').click()
  await dialog.getByTestId('mount-0-source').fill(data)
  await dialog.getByTestId('mount-0-target').fill('/data')
  await dialog.getByTestId('mount-add').click()
  await dialog.getByTestId('mount-1-kind').selectOption('bind')
  await dialog.getByTestId('mount-1-source').fill(scratch)
  await dialog.getByTestId('mount-1-target').fill('/site')
  await dialog.getByTestId('mount-1-ro').check()
  await dialog.getByTestId('from-add').click()
  await dialog.getByTestId('from-0').fill(source)
  await dialog.getByTestId('run-label-add').click()
  await dialog.getByTestId('run-label-0').fill(`${TEST_LABEL}=1`)
  // The command line follows the form, quoted as a shell needs it.
  await expect(dialog.getByTestId('run-cli')).toContainText(`-e 'GREETING=hello world'`)
  await expect(dialog.getByTestId('run-cli')).toContainText(`-v ${data}:/data -v ${scratch}:/site:ro --volumes-from ${source}`)
  await expect(dialog.getByTestId('run-problems')).toHaveCount(0)
  await dialog.getByTestId('run-submit').click()

  // The container's page, with the container running.
  await expect(app.getByTestId('container-page')).toBeVisible()
  await expect(app.getByTestId('container-page').getByTestId('state')).toHaveText('running')
  expect(await cli(['exec', name, 'cat', '/site/index.html'])).toBe('from the host')
  expect(await cli(['exec', name, 'sh', '-c', 'echo $GREETING'])).toBe('hello world')
  expect(await cli(['exec', name, 'ls', '-d', '/shared'])).toBe('/shared')
  await cli(['exec', name, 'sh', '-c', 'echo precious > /data/file'])
  const firstId = await cli(['inspect', '-f', '{{.Id}}', name])

  // Edit: the form comes back from the container's inspect; change the env and recreate.
  await app.getByTestId('container-edit').click()
  await expect(dialog.getByTestId('run-edit-note')).toContainText('docker diff')
  // Podman keeps a container's env as a map, so its inspect gives the variables in any order: the
  // form is compared as a set (the engine's order is the form's).
  await expect(dialog.getByTestId('run-env-1')).not.toHaveValue('')
  const envRows = async () => [await dialog.getByTestId('run-env-0').inputValue(), await dialog.getByTestId('run-env-1').inputValue()]
  expect((await envRows()).sort()).toEqual(['GREETING=hello world', '__proto__=kept'])
  // Nothing the user did not give: not the image's env, nor what the engine adds (Podman: TERM, container).
  await expect(dialog.getByTestId('run-env-2')).toHaveCount(0)
  // The mounts as given (in the engine's order): /shared stays with --volumes-from, though Podman also
  // lists it among the binds.
  const targets = [await dialog.getByTestId('mount-0-target').inputValue(), await dialog.getByTestId('mount-1-target').inputValue()]
  expect(targets.sort()).toEqual(['/data', '/site'])
  await expect(dialog.getByTestId('mount-2-target')).toHaveCount(0)
  await expect(dialog.getByTestId('from-0')).toHaveValue(source)
  // No working dir was given (Podman records / for it), and nothing was given that the form would lose
  // (Podman sets ulimits, a pid mode and a stop signal on every container).
  // By the line's words: toContainText trims ' -w ' to '-w', which a temp folder's random name can hold.
  const runLine = (await dialog.getByTestId('run-cli').innerText()).split('\n').find((line) => line.startsWith('docker run ')) ?? ''
  expect(runLine.split(' '), runLine).toContain('--volumes-from')
  expect(runLine.split(' '), runLine).not.toContain('-w')
  await expect(dialog.getByTestId('run-not-kept')).toHaveCount(0)
  const greeting = (await envRows()).findIndex((row) => row.startsWith('GREETING='))
  await dialog.getByTestId(`run-env-${greeting}`).fill('GREETING=edited')
  await expect(dialog.getByTestId('run-cli')).toContainText(`docker stop ${name}`)
  await expect(dialog.getByTestId('run-problems')).toHaveCount(0)
  await expect(dialog.getByTestId('run-submit')).toBeEnabled()
  await dialog.getByTestId('run-submit').click()
  // The recreate stops the container (up to its 10 s grace), then makes and starts the new one. The
  // dialog stays open through it, while the name is on no container, and closes on the outcome.
  await expect(dialog).toHaveCount(0, { timeout: 2 * CONTAINER_RUN_MS })
  await expect.poll(() => cli(['inspect', '-f', '{{.Id}} {{.State.Running}}', name]).catch(() => '')).toMatch(/ true$/)
  expect(await cli(['inspect', '-f', '{{.Id}}', name])).not.toBe(firstId)
  expect(await cli(['exec', name, 'sh', '-c', 'echo $GREETING'])).toBe('edited')
  expect(await cli(['exec', name, 'cat', '/data/file'])).toBe('precious')
  expect(await cli(['exec', name, 'ls', '-d', '/shared'])).toBe('/shared')
  await expect(app.getByTestId('container-page').getByTestId('state')).toHaveText('running')
  // Closed for good: the dialog does not come back once the new container takes the name.
  await expect(app.getByTestId('container-page').getByTestId('tab-logs')).toBeVisible()
  await expect(dialog).toHaveCount(0)
})

test('a pasted docker run line fills the form and names what Berth leaves out; a start failure offers Remove or Keep', async ({ app }) => {
  const name = uniqueName('dialog-paste')
  await app.getByTestId('containers-run').click()
  const dialog = app.getByTestId('run-dialog')
  await dialog.getByTestId('run-paste').fill(`docker run -d --sysctl net.core.somaxconn=1024 --name ${name} --network none --label ${TEST_LABEL}=1 -e A=1 ${BUSYBOX_IMAGE} /no/such/binary`)
  await dialog.getByTestId('run-paste-fill').click()
  await expect(dialog.getByTestId('run-name')).toHaveValue(name)
  await expect(dialog.getByTestId('run-env-0')).toHaveValue('A=1')
  await expect(dialog.getByTestId('run-cli')).toHaveText(`docker run -d --name ${name} -e A=1 --network none --label ${TEST_LABEL}=1 ${BUSYBOX_IMAGE} /no/such/binary`)
  // A flag Berth cannot keep: Run asks first, never runs with less in silence.
  await expect(dialog.getByTestId('run-left-out')).toHaveText('The line asks for --sysctl net.core.somaxconn=1024, which Berth cannot keep yet. Run without it.')
  await expect(dialog.getByTestId('run-submit')).toBeDisabled()
  await dialog.getByTestId('run-without-left-out').check()
  await dialog.getByTestId('run-submit').click()
  await expect(dialog.getByTestId('run-stuck')).toContainText(`Created "${name}" but it would not start`)
  await dialog.getByTestId('run-stuck-remove').click()
  await expect(dialog.getByTestId('run-stuck')).toHaveCount(0)
  await expect.poll(() => cli(['ps', '-a', '-q', '--filter', `name=^${name}$`])).toBe('')
})

test('a docker create line pasted over several lines makes the container without starting it', async ({ app }) => {
  const name = uniqueName('dialog-create')
  await app.getByTestId('containers-run').click()
  const dialog = app.getByTestId('run-dialog')
  await dialog.getByTestId('run-paste').fill(`docker create --name ${name} \\\n  --network none --label ${TEST_LABEL}=1 \\\n  -e GREETING=hello ${BUSYBOX_IMAGE} sleep 60`)
  await dialog.getByTestId('run-paste').press('Control+Enter')
  await expect(dialog.getByTestId('run-name')).toHaveValue(name)
  await expect(dialog.getByTestId('run-paste-notes')).toHaveCount(0)
  await expect(dialog.getByTestId('run-left-out')).toHaveCount(0)
  await expect(dialog.getByTestId('run-cli')).toHaveText(`docker create --name ${name} -e GREETING=hello --network none --label ${TEST_LABEL}=1 ${BUSYBOX_IMAGE} sleep 60`)
  await expect(dialog.getByTestId('run-create')).toHaveClass(/primary/)
  await dialog.getByTestId('run-create').click()
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/logs`))
  await expect.poll(() => cli(['inspect', '-f', '{{.State.Status}}', name])).toBe('created')
})
