// "Save as compose…" in the window, against the real engine: two containers run with the CLI, picked
// in the dialog's checklist, the preview showing the file and a value flagged as a secret; Save waits
// for the choice, and the downloaded file has the variable, never the value.
import { readFileSync } from 'node:fs'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { expect, test } from './fixtures'

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('saves two containers as a compose file, a secret replaced by its variable', async ({ app }) => {
  const web = uniqueName('saveweb')
  const db = uniqueName('savedb')
  const run = (name: string, flags: string[]) => cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', ...flags, BUSYBOX_IMAGE, ...IDLE])
  await run(db, ['-e', 'POSTGRES_PASSWORD=hunter2-not-in-file', '-e', 'PGDATA=/data'])
  await run(web, ['-e', 'GREETING=hello', '-w', '/tmp'])

  await app.getByTestId('save-compose-open').click()
  const dialog = app.getByTestId('save-compose')
  await expect(dialog).toBeVisible()
  // The filter narrows the checklist; ticking gives the services in that order.
  await dialog.getByTestId('save-compose-filter').fill(web)
  await expect(dialog.locator('[data-save-container]')).toHaveCount(1)
  await dialog.locator(`[data-save-container="${web}"] input`).check()
  await dialog.getByTestId('save-compose-filter').fill(db)
  await dialog.locator(`[data-save-container="${db}"] input`).check()

  const yaml = dialog.getByTestId('save-compose-yaml')
  await expect(yaml).toContainText(`${web}:`)
  await expect(yaml).toContainText(`${db}:`)
  await expect(yaml).toContainText('GREETING=hello')
  await expect(yaml).toContainText('working_dir: /tmp')
  // Flagged, shown, and not in the preview before a choice.
  const secret = dialog.locator(`[data-secret="${db}.POSTGRES_PASSWORD"]`)
  await expect(secret).toContainText('hunter2-not-in-file')
  await expect(yaml).toContainText('POSTGRES_PASSWORD=${POSTGRES_PASSWORD}')
  await expect(yaml).not.toContainText('hunter2')
  const save = dialog.getByTestId('save-compose-save')
  await expect(save).toBeDisabled()

  await secret.getByLabel(/Replace by/).check()
  await expect(save).toBeEnabled()
  const [download] = await Promise.all([app.waitForEvent('download'), save.click()])
  expect(download.suggestedFilename()).toBe('compose.yaml')
  const text = readFileSync(await download.path(), 'utf8')
  expect(text).toMatch(/^# Written by Berth's "Save as compose"/)
  expect(text).toContain(`services:\n  ${web}:\n`)
  expect(text).toContain('      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n')
  expect(text).toContain('      - PGDATA=/data\n')
  expect(text).not.toContain('hunter2')
  expect(text.indexOf(`  ${web}:`)).toBeLessThan(text.indexOf(`  ${db}:`))
  await expect(dialog.getByTestId('save-compose-saved')).toContainText('Downloaded compose.yaml. Put POSTGRES_PASSWORD in a .env file')

  // Keyboard: Escape closes the dialog.
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})
