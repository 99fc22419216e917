// Keyboard only: run a container, read its logs, type in a shell on it, stop it and remove it with
// Tab, the arrows, Enter and the palette — never the mouse. The docker CLI says what happened.
import type { Locator, Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { expect, test } from './fixtures'

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

/** Presses Tab until `target` has the focus, as someone finding their way with the keyboard would. */
async function tabTo(app: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await app.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

/** What the active terminal shows, as text. */
const screen = (app: Page) =>
  app.locator('.terminal-view:visible .xterm-rows').evaluate((rows) => (rows.textContent ?? '').replace(/\u00a0/g, ' '))

test('run → logs → terminal → stop → remove, with keys only', async ({ app }) => {
  const name = uniqueName('keys-walk')

  // Run: the toolbar's Run…, then the form's fields in Tab order.
  await tabTo(app, app.getByTestId('containers-run'))
  await app.keyboard.press('Enter')
  const dialog = app.getByTestId('run-dialog')
  await expect(dialog.getByTestId('run-image')).toBeFocused()
  await app.keyboard.type(BUSYBOX_IMAGE)
  await tabTo(app, dialog.getByTestId('run-name'))
  await app.keyboard.type(name)
  await tabTo(app, dialog.getByTestId('run-command'))
  await app.keyboard.type(`sh -c "echo hello-keys; trap 'exit 0' TERM; sleep 3600 & wait"`)
  await tabTo(app, dialog.getByTestId('run-network'))
  await app.keyboard.type('none')
  await tabTo(app, dialog.getByTestId('run-label-add'))
  await app.keyboard.press('Enter')
  await tabTo(app, dialog.getByTestId('run-label-0'))
  await app.keyboard.type(`${TEST_LABEL}=1`)
  await tabTo(app, dialog.getByTestId('run-submit'))
  await app.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect.poll(() => cli(['inspect', '-f', '{{.State.Running}}', name])).toBe('true')

  // Logs: the container's page opens on them.
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/logs`))
  await expect(app.getByTestId('container-page')).toContainText('hello-keys')

  // Terminal: its tab, then a shell, then typing.
  await tabTo(app, app.getByTestId('tab-terminal'))
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/terminal`))
  await tabTo(app, app.getByTestId('terminal-exec'))
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  await app.keyboard.type('echo keys-$((6*7))')
  await app.keyboard.press('Enter')
  await expect.poll(() => screen(app)).toContain('keys-42')

  // Stop: in a terminal Ctrl+K is the shell's; Ctrl+Shift+P opens the palette still.
  await app.keyboard.press('Control+Shift+P')
  await expect(app.getByTestId('palette')).toBeVisible()
  await app.keyboard.type(`stop ${name}`)
  await expect(app.getByTestId('palette-option').first()).toContainText(name)
  await app.keyboard.press('Enter')
  await expect.poll(() => cli(['inspect', '-f', '{{.State.Running}}', name])).toBe('false')

  // Remove: asked as the list asks; Tab to the choice, Enter.
  await app.keyboard.press('Control+Shift+P')
  await app.keyboard.type(`remove ${name}`)
  await expect(app.getByTestId('palette-option').first()).toContainText(name)
  await app.keyboard.press('Enter')
  const confirm = app.getByRole('dialog', { name: `Remove container ${name}` })
  await expect(confirm).toBeVisible()
  await tabTo(app, confirm.getByRole('button', { name: 'Remove', exact: true }))
  await app.keyboard.press('Enter')
  await expect(confirm).toHaveCount(0)
  await expect(cli(['inspect', name])).rejects.toThrow(/No such/)
})
