// Find anything: the palette, driven by keys only, against the real engine. What it does is checked
// where it happened: the route for a page, the docker CLI for a stop.
import AxeBuilder from '@axe-core/playwright'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { containerRow, expect, test } from './fixtures'
import type { Page } from '@playwright/test'

const run = (name: string) => cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
const running = (name: string) => cli(['inspect', '-f', '{{.State.Running}}', name])
const palette = (app: Page) => app.getByTestId('palette')
const line = (app: Page) => app.getByRole('combobox')

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('Ctrl+K, part of a name, Enter: lands on the container’s page', async ({ app }) => {
  const name = uniqueName('palette-open')
  await run(name)
  await expect(containerRow(app, name)).toBeVisible()
  await app.keyboard.press('Control+k')
  await expect(palette(app)).toBeVisible()
  await expect(line(app)).toBeFocused()
  // The random part of the name, scattered: a subsequence is enough.
  const suffix = name.slice(-8)
  await app.keyboard.type(`${suffix[0]}${suffix[2]}${suffix.slice(4)}`)
  const first = app.getByTestId('palette-option').first()
  await expect(first).toContainText(name)
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(line(app)).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!)
  await expect(first.locator('.hit').first(), 'matched characters are marked').toBeVisible()
  await app.keyboard.press('Enter')
  await expect(palette(app)).toHaveCount(0)
  await expect(app.getByTestId('container-page').getByRole('heading', { name })).toBeVisible()
  expect(new URL(app.url()).hash).toBe(`#/containers/${name}/logs`)

  // A verb for a tab lands on that tab.
  await app.keyboard.press('Control+k')
  await app.keyboard.type(`terminal ${name}`)
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/terminal`))
})

test('"pull <image>" opens the pull dialog with that reference, without pulling until asked', async ({ app }) => {
  await app.keyboard.press('Control+k')
  await app.keyboard.type(`pull ${BUSYBOX_IMAGE}`)
  await expect(app.getByTestId('palette-option').first()).toContainText(BUSYBOX_IMAGE)
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'Pull an image' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('pull-reference')).toHaveValue(BUSYBOX_IMAGE)
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})

test('"stop <name>" stops it, as docker stop does; "start <name>" starts it again', async ({ app }) => {
  const name = uniqueName('palette-stop')
  await run(name)
  await expect(containerRow(app, name).getByTestId('state')).toHaveText('running')
  await app.keyboard.press('Control+k')
  await app.keyboard.type(`stop ${name}`)
  await expect(app.getByTestId('palette-option').first()).toContainText(name)
  await expect(app.getByTestId('palette-option').first()).toContainText('Stop')
  await app.keyboard.press('Enter')
  await expect(palette(app)).toHaveCount(0)
  await expect.poll(() => running(name), { timeout: 30_000 }).toBe('false')
  await expect(containerRow(app, name).getByTestId('state')).not.toHaveText('running')

  await app.keyboard.press('Control+k')
  await app.keyboard.type(`stop ${name}`)
  await expect(app.getByTestId('palette-option'), 'a stopped container is not offered a stop').toHaveCount(0)
  await app.keyboard.press('Control+a')
  await app.keyboard.type(`start ${name}`)
  await app.keyboard.press('Enter')
  await expect.poll(() => running(name), { timeout: 30_000 }).toBe('true')
})

test('Ctrl+Shift+P opens it too; arrows choose, Escape closes and gives focus back', async ({ app }) => {
  await app.locator('body').press('/')
  const filter = app.getByLabel('Filter containers')
  await expect(filter).toBeFocused()
  await app.keyboard.press('Control+Shift+P')
  await expect(palette(app)).toBeVisible()
  await expect(line(app)).toBeFocused()
  await expect(palette(app)).toHaveAttribute('role', 'dialog')

  // An empty line lists the pages: Down moves to the second, and the line says which is active.
  const options = app.getByTestId('palette-option')
  await expect(options.first()).toContainText('Containers')
  await app.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(line(app)).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!)
  await app.keyboard.press('ArrowUp')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')

  await app.keyboard.press('Escape')
  await expect(palette(app)).toHaveCount(0)
  await expect(filter).toBeFocused()

  // A page by name.
  await app.keyboard.press('Control+Shift+P')
  await app.keyboard.type('netw')
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(/#\/networks$/)
})

test('"remove <name>" asks the list’s confirmation first; Escape there keeps the container', async ({ app }) => {
  const name = uniqueName('palette-remove')
  await run(name)
  await expect(containerRow(app, name)).toBeVisible()
  await app.keyboard.press('Control+k')
  await app.keyboard.type('rem')
  await expect(app.getByTestId('palette-option').first(), 'a word being typed may be a name: its matches first').toContainText(name)
  await expect(app.getByTestId('palette-option').last(), 'and the verb it begins after them').toContainText('Remove')
  await app.keyboard.type('ove')
  await expect(app.getByTestId('palette-option').first(), 'a whole verb leads').toContainText('Remove')
  await app.keyboard.press('Enter')
  await expect(line(app)).toHaveValue('remove ')
  await app.keyboard.type(name)
  await app.keyboard.press('Enter')
  const confirm = app.getByRole('dialog', { name: `Remove container ${name}` })
  await expect(confirm).toBeVisible()
  await expect(palette(app)).toHaveCount(0)
  await app.keyboard.press('Escape')
  await expect(confirm).toHaveCount(0)
  expect(await running(name)).toBe('true')
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the open palette has no serious or critical axe violation, ${scheme} theme`, async ({ app }) => {
    const name = uniqueName('palette-axe')
    await run(name)
    await app.emulateMedia({ colorScheme: scheme })
    await expect(containerRow(app, name)).toBeVisible()
    await app.keyboard.press('Control+k')
    await app.keyboard.type(name.slice(0, 9))
    await expect(app.getByTestId('palette-option').first().locator('.hit').first()).toBeVisible()
    const result = await new AxeBuilder({ page: app }).include('[data-testid=palette]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const found = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.failureSummary ?? n.target.join(' ')).join(' | ')}`)
    expect(found).toEqual([])
  })
}
