// The run dialog with the whole `docker run` line: a pasted line with --privileged, a bind of the
// engine's socket and limits fills the collapsed groups it uses, says each isolation-weakening flag in
// a sentence, asks for the bind, and makes what the line asked for, as the engine's inspect shows.
import AxeBuilder from '@axe-core/playwright'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS } from '../env/wait'
import { testEngineKind } from '../env/engine'
import { expect, routeUrl, test } from './fixtures'

test.afterEach(() => removeTestContainers(testDocker()))

test('a pasted line with --privileged, the engine socket and limits: flagged in sentences, kept, and run', async ({ app }) => {
  const name = uniqueName('dialog-flags')
  await app.getByTestId('containers-run').click()
  const dialog = app.getByTestId('run-dialog')
  // Collapsed until a line uses them.
  await expect(dialog.getByTestId('run-group-limits')).not.toHaveAttribute('open', '')
  await dialog.getByTestId('run-paste').fill(
    `docker run -d --privileged -v /var/run/docker.sock:/var/run/docker.sock --cap-add NET_ADMIN \\\n  --memory 64m --pids-limit 50 --stop-signal SIGINT --name ${name} --network none --label ${TEST_LABEL}=1 ${BUSYBOX_IMAGE} sleep 600`,
  )
  await dialog.getByTestId('run-paste-fill').click()
  await expect(dialog.getByTestId('run-left-out')).toHaveCount(0)
  await expect(dialog.getByTestId('run-group-limits')).toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-group-security')).toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-group-network')).not.toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-flag-memory')).toHaveValue('64m')
  await expect(dialog.getByTestId('run-flag-privileged')).toBeChecked()
  await expect(dialog.getByTestId('run-isolation')).toContainText('--privileged gives the container every device and capability of the host')
  await expect(dialog.getByTestId('run-isolation')).toContainText('--cap-add NET_ADMIN gives the container the NET_ADMIN capability')
  await expect(dialog.getByTestId('run-danger')).toContainText("the engine's socket, lets the container run any container")
  await expect(dialog.getByTestId('run-cli')).toHaveText(
    `docker run -d --name ${name} -v /var/run/docker.sock:/var/run/docker.sock --network none --label ${TEST_LABEL}=1 --memory 64m --pids-limit 50 --privileged --cap-add NET_ADMIN --stop-signal SIGINT ${BUSYBOX_IMAGE} sleep 600`,
  )
  // A value the engine would refuse is said in the form, in words, before Run.
  await dialog.getByTestId('run-flag-memory').fill('64 megs')
  await expect(dialog.getByTestId('run-problems')).toContainText('Memory (--memory): "64 megs" is not a size')
  await dialog.getByTestId('run-flag-memory').fill('64m')
  await expect(dialog.getByTestId('run-submit')).toBeDisabled()
  await expect(dialog.getByTestId('run-create')).toBeDisabled()
  await dialog.getByTestId('run-confirm').check()
  // Made, not started: the test engines run inside a sandbox that refuses a privileged start
  // ("unable to apply caps"), the CLI's as much as Berth's; what is compared is what the line made.
  await dialog.getByTestId('run-create').click()
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/`), { timeout: CONTAINER_RUN_MS })
  const inspect = JSON.parse(await cli(['inspect', '-f', '{{json .HostConfig}}', name])) as { Privileged: boolean; Memory: number; PidsLimit: number; CapAdd: string[]; Binds: string[] }
  // Podman lists no added capability on a privileged container, which has them all.
  expect([inspect.Privileged, inspect.Memory, inspect.PidsLimit, inspect.CapAdd]).toEqual([true, 64 * 1024 * 1024, 50, testEngineKind() === 'podman' ? [] : ['NET_ADMIN']])
  expect(inspect.Binds[0]).toMatch(/^\/var\/run\/docker\.sock:\/var\/run\/docker\.sock/)
  expect(await cli(['inspect', '-f', '{{.Config.StopSignal}} {{.State.Status}}', name])).toMatch(/^(SIGINT|2) created$/)
})

test('Edit… keeps the flags a container was run with: their groups open, the line says them, and the recreate keeps them', async ({ app, berth }) => {
  const name = uniqueName('edit-flags')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, '--memory', '64m', '--hostname', 'cache', '--stop-signal', 'SIGINT',
    '--health-cmd', 'true', '--health-interval', '30s', BUSYBOX_IMAGE, 'sleep', '600'])
  await app.goto(routeUrl(berth, `/containers/${name}`))
  await app.getByTestId('container-edit').click()
  const dialog = app.getByTestId('run-dialog')
  await expect(dialog.getByTestId('run-flag-memory')).toHaveValue('64m')
  await expect(dialog.getByTestId('run-group-limits')).toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-group-process')).toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-group-security')).not.toHaveAttribute('open', '')
  await expect(dialog.getByTestId('run-flag-hostname')).toHaveValue('cache')
  await expect(dialog.getByTestId('run-flag-health-cmd')).toHaveValue('true')
  await expect(dialog.getByTestId('run-not-kept')).toHaveCount(0)
  await expect(dialog.getByTestId('run-cli')).toContainText('--hostname cache --memory 64m')
  await dialog.getByTestId('run-flag-memory').fill('96m')
  await dialog.getByTestId('run-submit').click()
  await expect(dialog).toHaveCount(0, { timeout: 2 * CONTAINER_RUN_MS })
  await expect.poll(() => cli(['inspect', '-f', '{{.HostConfig.Memory}} {{.Config.Hostname}} {{json .Config.Healthcheck.Test}}', name]).catch(() => ''), { timeout: CONTAINER_RUN_MS })
    .toBe(`${96 * 1024 * 1024} cache ["CMD-SHELL","true"]`)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the run dialog with every group open has no serious or critical axe violation, ${scheme} theme`, async ({ app }) => {
    await app.emulateMedia({ colorScheme: scheme })
    await app.getByTestId('containers-run').click()
    const dialog = app.getByTestId('run-dialog')
    await dialog.getByTestId('run-paste').fill(`docker run --privileged --hostname h --memory 64m --init --log-driver local --read-only --dns 1.1.1.1 ${BUSYBOX_IMAGE}`)
    await dialog.getByTestId('run-paste-fill').click()
    for (const group of ['network', 'limits', 'security', 'process', 'other']) await expect(dialog.getByTestId(`run-group-${group}`)).toHaveAttribute('open', '')
    const result = await new AxeBuilder({ page: app }).include('[data-testid="run-dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const found = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
    expect(found).toEqual([])
  })
}
