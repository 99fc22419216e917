// The Activity panel: what Berth ran, with its CLI line (copied in one click), when, how long and how it
// ended; a failure links back to the page it was asked from; the history outlives a reload, and is kept
// in main's data folder without any password.
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { join } from 'node:path'
import { docker as cli } from '../env/docker-cli'
import { uniqueName } from '../env/session'
import { expect, test } from './fixtures'

const good = uniqueName('e2e-activity')
const bad = `Bad ${uniqueName('name')}!`
const password = uniqueName('never-kept-password')
// The history outlives the run on one engine (it is kept across restarts): each line here is this run's own.
const user = uniqueName('me')

test.afterAll(async () => {
  await cli(['volume', 'rm', good]).catch(() => {})
})

/** The history file browser mode keeps in its state folder (test/run.ts gives the run its own XDG_CONFIG_HOME). */
const historyFile = () => join(process.env.XDG_CONFIG_HOME ?? '', 'berth', 'activity.json')

test('lists what Berth ran, copies a line, leads back to a failure’s page, and keeps it all across a reload', async ({ app, berth }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: berth.origin })
  // A second window on the same Berth, its panel open before anything is done.
  const other = await app.context().newPage()
  await other.goto(berth.url)
  await other.getByTestId('activity-open').click()
  const otherPanel = other.getByTestId('activity-panel')
  await expect(otherPanel).toBeVisible()
  await app.locator('[data-nav=volumes]').click()
  await app.getByTestId('volume-name').fill(good)
  await app.getByTestId('volume-name').press('Enter')
  await expect(app.getByTestId('activity-state')).toHaveText('done')
  // The other window hears of it from main.
  await expect(otherPanel.getByTestId('activity-cli').getByText(`$ docker volume create ${good}`, { exact: true })).toHaveCount(1)
  await other.close()
  await app.getByTestId('volume-name').fill(bad)
  await app.getByTestId('volume-name').press('Enter')
  await expect(app.getByTestId('error')).toContainText(bad)
  await expect(app.getByTestId('activity-state')).toHaveText('failed')

  // A login with a password, refused: its line is kept, its password is not.
  await app.locator('[data-nav=registries]').click()
  await app.getByTestId('login-registry').fill('127.0.0.1:9')
  await app.getByTestId('login-username').fill(user)
  await app.getByTestId('login-password').fill(password)
  await app.getByTestId('login-submit').click()
  await expect(app.getByTestId('login-error')).toBeVisible()

  await app.locator('[data-nav=containers]').click()
  const open = app.getByTestId('activity-open')
  await open.click()
  const panel = app.getByTestId('activity-panel')
  const entry = (line: string) => panel.getByTestId('activity-entry').filter({ has: app.getByTestId('activity-cli').getByText(line, { exact: true }) })
  const created = entry(`$ docker volume create ${good}`)
  const refused = entry(`$ docker volume create '${bad}'`)
  await expect(created.getByTestId('activity-result')).toHaveText('done')
  await expect(created.getByTestId('activity-took')).toHaveText(/^took \d+ ms$/)
  // When: in words, and the exact time on hover.
  await expect(created.getByTestId('activity-when')).toHaveText(/ago|now/)
  await created.getByTestId('activity-when').hover()
  await expect(created.getByTestId('activity-when')).toHaveAttribute('title', /\d{1,2}:\d{2}/)
  await expect(refused.getByTestId('activity-result')).toHaveText('failed')
  await expect(refused.getByTestId('activity-error')).toHaveText(/^Berth refused the request: name is not a volume name/)
  await expect(entry(`$ docker login -u ${user} 127.0.0.1:9`).getByTestId('activity-result')).toHaveText('failed')
  // Newest first.
  await expect(panel.getByTestId('activity-cli').first()).toHaveText(`$ docker login -u ${user} 127.0.0.1:9`)

  // Readable by everyone, in both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme })
    const { violations } = await new AxeBuilder({ page: app }).include('[data-testid="activity-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${colorScheme}: ${v.id} ${v.help}`)).toEqual([])
  }

  // One click copies the line itself, without the prompt.
  await created.getByRole('button', { name: /^Copy/ }).click()
  await expect(created.getByRole('button', { name: /^Copy/ })).toHaveText('Copied')
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(`docker volume create ${good}`)

  // Focus stays in the panel; Escape closes it and gives focus back to the button that opened it.
  for (let i = 0; i < 8; i++) await app.keyboard.press('Tab')
  expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  await app.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(open).toBeFocused()

  // A failure leads to the page it was asked from, which still shows it.
  await open.click()
  await refused.getByTestId('activity-place').click()
  await expect(panel).toHaveCount(0)
  await expect(app).toHaveURL(/#\/volumes(\?|$)/)
  await expect(app.getByTestId('error')).toContainText(bad)

  // Kept by main: a reload reads the same history back.
  await app.reload()
  await open.click()
  await expect(created.getByTestId('activity-result')).toHaveText('done')
  await expect(refused.getByTestId('activity-error')).toHaveText(/^Berth refused the request: name is not a volume name/)
  const saved = readFileSync(historyFile(), 'utf8')
  expect(saved).toContain(`docker volume create ${good}`)
  expect(saved).toContain(`docker login -u ${user} 127.0.0.1:9`)
  expect(saved).not.toContain(password)
  expect(await panel.textContent()).not.toContain(password)
})
