// The Settings page in Chromium against the real engine, in a browser mode of its own whose state
// folder is the test's: each choice takes effect at once (the theme, a Logs tab's first tail,
// timestamps and wrap, the terminal's font size), is in settings.json exactly, and survives a reload;
// a broken file is said in a sentence with the defaults shown, and the next change replaces it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { DEFAULT_SETTINGS, type Settings } from '@common/contract/settings'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONNECTED, RENDERER_DIR, expect, routeUrl, test } from './fixtures'

let mode: BrowserMode
let stateDir: string
const file = () => join(stateDir, 'settings.json')
/** What settings.json holds now; null before the first save (the page saves as the user acts, not at once). */
const onDisk = (): Settings | null => (existsSync(file()) ? (JSON.parse(readFileSync(file(), 'utf8')) as Settings) : null)

test.beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'berth-settings-e2e-'))
  mode = await startBrowserMode({ rendererDir: RENDERER_DIR, stateDir })
})
test.afterAll(async () => {
  await mode.close()
  rmSync(stateDir, { recursive: true, force: true })
  await removeTestContainers(testDocker())
})
test.beforeEach(() => rmSync(file(), { force: true }))

async function open(browser: Browser, route: string, colorScheme: 'light' | 'dark' = 'dark'): Promise<Page> {
  const page = await browser.newPage({ colorScheme })
  await page.goto(routeUrl(mode, route))
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
  return page
}

/** Another page of the app, as a link in it goes there. */
const go = (page: Page, route: string) => page.evaluate((hash) => (location.hash = hash), `#${route}`)

test('the theme: Light, Dark and Follow the system, the sidebar toggle writing the same setting, kept over a reload', async ({ browser }) => {
  const page = await open(browser, '/settings', 'light')
  const html = page.locator('html')
  const choice = (value: string) => page.locator(`[data-theme-choice=${value}]`)
  await expect(choice('system')).toBeChecked()
  await expect(html).toHaveAttribute('data-theme', 'light')
  await choice('dark').check()
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect.poll(() => onDisk()?.theme).toBe('dark')
  await page.reload()
  await expect(html, 'kept over the OS’s light').toHaveAttribute('data-theme', 'dark')
  await expect(choice('dark')).toBeChecked()
  await choice('light').check()
  await expect(html).toHaveAttribute('data-theme', 'light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(html, 'Light chosen, whatever the OS shows').toHaveAttribute('data-theme', 'light')
  await choice('system').check()
  await expect(html, 'follows the OS again').toHaveAttribute('data-theme', 'dark')
  // The sidebar's toggle: Auto → Light, the page's radio following it, the file too.
  await page.getByTestId('theme-toggle').click()
  await expect(choice('light')).toBeChecked()
  await expect.poll(() => onDisk()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' })
  await page.close()
})

test('log defaults: a Logs tab opens with the tail, timestamps and wrap chosen, kept over a reload', async ({ browser }) => {
  const name = uniqueName('settings-logs')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, 'sh', '-c', "seq 1 40; trap 'exit 0' TERM; sleep 3600 & wait"])
  const page = await open(browser, '/settings')
  const tail = page.getByTestId('settings-tail')
  await tail.fill('-3')
  await expect(tail).toHaveAttribute('aria-invalid', 'true')
  await tail.fill('5')
  await page.getByTestId('settings-timestamps').check()
  await page.getByTestId('settings-wrap').check()
  await expect.poll(() => onDisk()?.logs).toEqual({ tail: 5, timestamps: true, wrap: true })
  await go(page, `/containers/${name}/logs`)
  const pane = page.getByTestId('log-pane')
  await expect(pane.getByTestId('log-row')).toHaveCount(5)
  await expect(pane.getByTestId('log-row').last()).toContainText('40')
  await expect(pane.getByTestId('log-tail')).toHaveValue('5')
  await expect(pane.getByTestId('log-times')).toBeChecked()
  await expect(pane.getByTestId('log-wrap')).toBeChecked()
  // A reload opens the Logs tab first: it waits for settings.json before asking for its lines.
  await page.reload()
  await expect(page.getByTestId('log-pane').getByTestId('log-row')).toHaveCount(5)
  await expect(page.getByTestId('log-pane').getByTestId('log-times')).toBeChecked()
  await page.close()
})

test('terminal font size: xterm draws at the size chosen, a terminal opened after a change at the new one, kept over a reload', async ({ browser }) => {
  const name = uniqueName('settings-terminal')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"])
  const page = await open(browser, '/settings')
  await page.getByTestId('settings-font-size').fill('20')
  await page.getByTestId('settings-font-size').press('Enter')
  await expect.poll(() => onDisk()?.terminal.fontSize).toBe(20)
  await go(page, `/containers/${name}/terminal`)
  await page.getByTestId('terminal-exec').click()
  await expect(page.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  const rows = page.locator('.terminal-view:visible .xterm-rows')
  const fontSize = () => rows.evaluate((el) => getComputedStyle(el).fontSize)
  await expect.poll(fontSize).toBe('20px')
  // Another size: the next terminal opens at it.
  await go(page, '/settings')
  await page.getByTestId('settings-font-size').fill('11')
  await page.getByTestId('settings-font-size').press('Enter')
  await expect.poll(() => onDisk()?.terminal.fontSize).toBe(11)
  await go(page, `/containers/${name}/terminal`)
  await page.getByTestId('terminal-exec').click()
  await expect.poll(fontSize).toBe('11px')
  await page.reload()
  await page.getByTestId('terminal-exec').click()
  await expect.poll(fontSize, 'kept over a reload').toBe('11px')
  await page.close()
})

test('a broken settings.json: a sentence and the defaults, never a crash; the next change replaces it', async ({ browser }) => {
  writeFileSync(file(), '{"theme": "light",')
  const page = await open(browser, '/settings', 'dark')
  await expect(page.getByTestId('settings-problem')).toHaveText(/^settings\.json could not be read: it is not JSON .*; Berth is using the defaults$/)
  await expect(page.locator('[data-theme-choice=system]')).toBeChecked()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('settings-tail')).toHaveValue('1000')
  await page.getByTestId('settings-wrap').check()
  await expect(page.getByTestId('settings-problem')).toHaveCount(0)
  await expect.poll(() => onDisk()).toEqual({ ...DEFAULT_SETTINGS, logs: { ...DEFAULT_SETTINGS.logs, wrap: true } })
  // A file that is JSON but not settings: the field is named.
  writeFileSync(file(), JSON.stringify({ ...DEFAULT_SETTINGS, terminal: { fontSize: 99 } }))
  await page.reload()
  await expect(page.getByTestId('settings-problem')).toContainText('terminal.fontSize must be at most 32')
  await page.close()
})
