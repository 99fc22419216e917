// Many at once: rows picked with click, Shift-click and Ctrl-click, or all the filter shows; one
// confirmation for the batch; then a result per item. The docker CLI is the oracle of what changed.
import type { Locator, Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { containerRow, expect, test } from './fixtures'

const volumes: string[] = []

test.afterEach(async () => {
  const docker = testDocker()
  await removeTestContainers(docker)
  for (const name of volumes.splice(0)) await docker.getVolume(name).remove().catch(() => {})
})

const run = (name: string) => cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
const running = (name: string) => cli(['inspect', '-f', '{{.State.Running}}', name])

/** The container rows the list draws, top to bottom, by name. */
async function shownNames(page: Page): Promise<string[]> {
  const rows = page.getByTestId('container-list').locator('[data-container]')
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-container') ?? ''))
}

const box = (row: Locator) => row.getByTestId('select-row')

test('selects 3 of 5 containers with click, Shift-click and Ctrl-click, and stops exactly those after one confirmation', async ({ app }) => {
  const prefix = uniqueName('sel')
  const names = [1, 2, 3, 4, 5].map((n) => `${prefix}-${n}`)
  for (const name of names) await run(name)
  await app.getByLabel('Filter containers').fill(prefix)
  await expect(app.getByTestId('container-list').locator('[data-container]')).toHaveCount(5)
  const order = await shownNames(app)
  const row = (i: number) => containerRow(app, order[i]!)

  await box(row(0)).click()
  await box(row(2)).click({ modifiers: ['Shift'] })
  await expect(app.getByTestId('selection-count')).toHaveText('3 containers selected')
  // Ctrl-click on the row itself (its image cell), not on a button: toggles it.
  await row(1).getByRole('gridcell').nth(3).click({ modifiers: ['ControlOrMeta'] })
  await row(4).getByTestId('container-link').click({ modifiers: ['ControlOrMeta'] })
  const chosen = [order[0]!, order[2]!, order[4]!]
  await expect(app.getByTestId('selection-count')).toHaveText('3 containers selected')
  for (const i of [0, 2, 4]) await expect(row(i)).toHaveAttribute('aria-selected', 'true')
  for (const i of [1, 3]) await expect(row(i)).toHaveAttribute('aria-selected', 'false')
  // A Ctrl-click on a row's name selects; it does not open a window or navigate.
  await expect(app).toHaveURL(/#\/containers(\?|$)/)

  await app.getByTestId('batch-stop').click()
  const dialog = app.getByTestId('batch-confirm')
  await expect(dialog).toContainText('Stop 3 containers')
  for (const name of chosen) await expect(dialog).toContainText(name)
  await expect(dialog).toContainText(`docker stop ${chosen.join(' ')}`)
  await dialog.getByRole('button', { name: 'Stop 3 containers' }).click()
  await expect(dialog).toHaveCount(0)

  const results = app.getByTestId('batch-results')
  for (const name of chosen) await expect(results.locator(`[data-item="${name}"]`)).toHaveAttribute('data-state', 'done')
  await expect(app.getByTestId('batch-summary')).toHaveText('3 done')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker stop ${chosen.join(' ')}`)
  for (const name of names) expect(await running(name), name).toBe(chosen.includes(name) ? 'false' : 'true')
  // The list's updates (the engine's events) keep the selection.
  for (const i of [0, 2, 4]) await expect(row(i).getByTestId('state')).toHaveText(/exited/)
  await expect(app.getByTestId('selection-count')).toHaveText('3 containers selected')

  // Escape clears it.
  await app.getByTestId('container-list').press('Escape')
  await expect(app.getByTestId('selection-count')).toHaveCount(0)
})

test('select all takes only the rows the filter shows, and Escape clears', async ({ app }) => {
  const prefix = uniqueName('all')
  const web = [`${prefix}-web-1`, `${prefix}-web-2`, `${prefix}-web-3`]
  const db = [`${prefix}-db-1`, `${prefix}-db-2`]
  for (const name of [...web, ...db]) await run(name)
  const filter = app.getByLabel('Filter containers')
  await filter.fill(`${prefix}-web`)
  await expect(app.getByTestId('container-list').locator('[data-container]')).toHaveCount(3)
  await app.getByTestId('select-all').click()
  await expect(app.getByTestId('selection-count')).toHaveText('3 containers selected')

  await filter.fill(prefix)
  await expect(app.getByTestId('container-list').locator('[data-container]')).toHaveCount(5)
  for (const name of web) await expect(containerRow(app, name)).toHaveAttribute('aria-selected', 'true')
  for (const name of db) await expect(containerRow(app, name)).toHaveAttribute('aria-selected', 'false')
  await expect(app.getByTestId('select-all')).toHaveJSProperty('indeterminate', true)

  // Hidden by the filter, still selected: the bar says so.
  await filter.fill(`${prefix}-db`)
  await expect(app.getByTestId('selection-hidden')).toHaveText('(3 hidden by the filter)')
  // Ctrl+A in the list adds the rows shown.
  await app.getByTestId('container-list').focus()
  await app.keyboard.press('ControlOrMeta+a')
  await expect(app.getByTestId('selection-count')).toHaveText('5 containers selected')
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('selection-bar')).toHaveCount(0)

  // From the keyboard alone: Space picks the active row, Shift+Space the range to it.
  await filter.fill(prefix)
  await expect(app.getByTestId('container-list').locator('[data-container]')).toHaveCount(5)
  const order = await shownNames(app)
  await app.getByTestId('container-list').focus()
  await app.keyboard.press('Home')
  await app.keyboard.press('Space')
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Shift+Space')
  await expect(app.getByTestId('selection-count')).toHaveText('3 containers selected')
  for (const [i, name] of order.entries()) await expect(containerRow(app, name)).toHaveAttribute('aria-selected', String(i < 3))

  // The batch's confirmation keeps Tab inside, and Escape gives the focus back to the button that opened it.
  const stop = app.getByTestId('batch-stop')
  await stop.focus()
  await app.keyboard.press('Enter')
  const dialog = app.getByTestId('batch-confirm')
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 6; i++) {
    await app.keyboard.press('Tab')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `Tab ${i + 1} stays in the dialog`).toBe(true)
  }
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(stop).toBeFocused()
  await expect(app.getByTestId('selection-count'), 'Escape closed the dialog only').toHaveText('3 containers selected')
  for (const name of order) expect(await running(name)).toBe('true')
})

test('removes selected volumes after one confirmation: the one in use fails with its own sentence, the others go', async ({ app }) => {
  const prefix = uniqueName('selvol')
  const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-used`]
  for (const name of names) {
    volumes.push(name)
    await cli(['volume', 'create', name])
  }
  const used = names[2]!
  const user = uniqueName('vol-user')
  await cli(['create', '--name', user, '--network', 'none', '--label', `${TEST_LABEL}=1`, '-v', `${used}:/data`, BUSYBOX_IMAGE])

  await app.locator('[data-nav=volumes]').click()
  await app.getByLabel('Filter volumes').fill(prefix)
  await expect(app.getByTestId('volume-list').locator('[data-volume]')).toHaveCount(3)
  await app.getByTestId('select-all').click()
  await expect(app.getByTestId('selection-count')).toHaveText('3 volumes selected')
  await app.getByTestId('batch-remove').click()
  const dialog = app.getByTestId('batch-confirm')
  await expect(dialog).toContainText('Remove 3 volumes')
  // Said before, as the list knows it; the engine's own sentence comes after, per item.
  await expect(dialog).toContainText(`the engine will refuse it: ${used} (used by ${user})`)
  await dialog.getByRole('button', { name: 'Remove 3 volumes' }).click()

  const results = app.getByTestId('batch-results')
  await expect(results.locator(`[data-item="${used}"]`)).toHaveAttribute('data-state', 'failed')
  await expect(results.locator(`[data-item="${used}"]`).getByTestId('batch-message')).toContainText(`is used by container ${user}`)
  for (const name of names.slice(0, 2)) await expect(results.locator(`[data-item="${name}"]`)).toHaveAttribute('data-state', 'done')
  await expect(app.getByTestId('batch-summary')).toHaveText('2 done, 1 failed')

  const left = (await cli(['volume', 'ls', '-q'])).split('\n')
  expect(left).toContain(used)
  for (const name of names.slice(0, 2)) expect(left).not.toContain(name)
  // The removed ones left the selection; the one kept is still selected.
  await expect(app.getByTestId('selection-count')).toHaveText('1 volume selected')
  // One line for the batch, its names in the list's order (the engine's: Podman's differs from Docker's).
  const line = (await app.getByTestId('cli-equivalent').textContent()) ?? ''
  expect(line.split(' ').slice(0, 4)).toEqual(['$', 'docker', 'volume', 'rm'])
  expect(line.split(' ').slice(4).sort()).toEqual([...names].sort())
})

test('removing selected containers of which one runs asks to force it or leave it out; left out, it stays', async ({ app }) => {
  const prefix = uniqueName('selrm')
  const up = `${prefix}-up`
  const down = `${prefix}-down`
  await run(up)
  await cli(['create', '--name', down, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE])
  await app.getByLabel('Filter containers').fill(prefix)
  await expect(app.getByTestId('container-list').locator('[data-container]')).toHaveCount(2)
  await app.getByTestId('select-all').click()
  await app.getByTestId('batch-remove').click()
  const dialog = app.getByTestId('batch-confirm')
  await expect(dialog).toContainText(`${up} is running`)
  await expect(dialog.getByRole('button', { name: 'Force remove all 2' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Remove 1, skip 1 running' }).click()

  const results = app.getByTestId('batch-results')
  await expect(results.locator(`[data-item="${down}"]`)).toHaveAttribute('data-state', 'done')
  await expect(results.locator(`[data-item="${up}"]`)).toHaveAttribute('data-state', 'skipped')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker rm ${down}`)
  await expect(cli(['inspect', down])).rejects.toThrow(/No such/)
  expect(await running(up)).toBe('true')
  await expect(app.getByTestId('selection-count')).toHaveText('1 container selected')
})
