// Notifications in Chromium against the real engine, observed through the page's own Notification API:
// an init script wraps window.Notification to record each one (title, body) and to click it, and the
// context grants the permission as a user's "Allow" would. The engine is never faked: containers exit,
// are stopped from Berth and from the CLI, and turn unhealthy for real. "No notification" is proved by
// order: a marker container exits after, and once its notification is seen, one for the others would
// have been seen too (they would be folded with it, or come before it).
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { docker as cli } from '../env/docker-cli'
import { fixtureImage, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, IMAGE_TRANSFER_MS } from '../env/wait'
import { CONNECTED, ENGINE_KIND, RENDERER_DIR, containerRow, expect, routeUrl, test } from './fixtures'

interface Seen {
  title: string
  body: string
}

/** Records every notification the page makes, and lets the test click one as the desktop would. */
function recordNotifications(): void {
  const Real = window.Notification
  const seen: Seen[] = []
  const made: Notification[] = []
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options)
      seen.push({ title, body: options?.body ?? '' })
      made.push(this)
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission })
  Object.defineProperty(Recorded, 'requestPermission', { value: (...args: []) => Real.requestPermission(...args) })
  Object.assign(window, {
    Notification: Recorded,
    seenNotifications: seen,
    clickNotification: (i: number) => made[i]?.onclick?.call(made[i], new Event('click')),
    forgetNotifications: () => void (seen.splice(0), made.splice(0)),
  })
}

let mode: BrowserMode
let stateDir: string
let page: Page

const seen = () => page.evaluate(() => (window as unknown as { seenNotifications: Seen[] }).seenNotifications.slice())
const forget = () => page.evaluate(() => (window as unknown as { forgetNotifications: () => void }).forgetNotifications())
const click = (i: number) => page.evaluate((n) => (window as unknown as { clickNotification: (n: number) => void }).clickNotification(n), i)
const titled = (title: string) => expect.poll(async () => (await seen()).map((s) => s.title), { timeout: CONTAINER_RUN_MS }).toContain(title)
const run = (name: string, script: string, ...extra: string[]) =>
  cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, ...extra, BUSYBOX_IMAGE, 'sh', '-c', script])
const IDLE = "trap 'exit 0' TERM; sleep 3600 & wait"

async function openApp(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ permissions: ['notifications'] })
  await context.addInitScript(recordNotifications)
  const opened = await context.newPage()
  await opened.goto(routeUrl(mode, '/containers'))
  await expect(opened.getByTestId('engine-status')).toContainText(CONNECTED)
  return opened
}

test.beforeAll(async ({ browser }) => {
  stateDir = mkdtempSync(join(tmpdir(), 'berth-notify-e2e-'))
  mode = await startBrowserMode({ rendererDir: RENDERER_DIR, stateDir })
  page = await openApp(browser)
})
test.afterAll(async () => {
  await page.context().close()
  await mode.close()
  rmSync(stateDir, { recursive: true, force: true })
  await removeTestContainers(testDocker())
})
test.beforeEach(() => forget())

test('a container that exits by itself is told with its exit code, and a click lands on its page', async () => {
  const name = uniqueName('notify-exit')
  await run(name, 'exit 3')
  await titled(`${name} stopped on its own`)
  expect(await seen()).toEqual([{ title: `${name} stopped on its own`, body: 'Exit code 3.' }])
  await click(0)
  await expect(page).toHaveURL(new RegExp(`#/containers/${name}/logs`))
})

test('containers stopped by the user, from Berth or from the CLI, are not told', async () => {
  const fromBerth = uniqueName('notify-berth-stop')
  const fromCli = uniqueName('notify-cli-stop')
  const killed = uniqueName('notify-cli-kill')
  for (const name of [fromBerth, fromCli, killed]) await run(name, IDLE)
  await page.goto(routeUrl(mode, '/containers'))
  // All three listed first: a row still moving as the others arrive could take the click to another.
  for (const name of [fromBerth, fromCli, killed]) await expect(containerRow(page, name).getByTestId('state')).toHaveText(/running/i, { timeout: CONTAINER_RUN_MS })
  await containerRow(page, fromBerth).getByRole('button', { name: 'Stop' }).click()
  await cli(['stop', fromCli])
  await cli(['kill', killed])
  await expect(containerRow(page, fromBerth).getByTestId('state')).toHaveText(/exited/i, { timeout: CONTAINER_RUN_MS })
  const marker = uniqueName('notify-marker')
  await run(marker, 'exit 4')
  await titled(`${marker} stopped on its own`)
  expect(await seen()).toEqual([{ title: `${marker} stopped on its own`, body: 'Exit code 4.' }])
})

test('20 containers exiting at once are one notification with the count, whose click lands on the list', async () => {
  // Each reads one byte from a pipe they share, held open here; once all 20 are blocked on it, 20 bytes
  // go in at once, so they exit together however busy the machine. (A file polled every 50 ms let one
  // exit close to a second before the other 19 under load, and a second before was missed earlier.)
  const go = mkdtempSync(join(tmpdir(), 'berth-storm-'))
  const pipe = join(go, 'pipe')
  execFileSync('mkfifo', [pipe])
  // Read and write: opening it waits for no other side, and it never ends while the containers read it.
  const held = openSync(pipe, 'r+')
  try {
    const names = Array.from({ length: 20 }, (_, i) => uniqueName(`notify-storm-${i}`))
    await Promise.all(names.map((name) => run(name, 'dd if=/go/pipe of=/dev/null bs=1 count=1 2>/dev/null; exit 1', '-v', `${go}:/go`)))
    const waiting = async (name: string) => /\bdd\b/.test(await cli(['top', name]).catch(() => ''))
    await expect.poll(async () => (await Promise.all(names.map(waiting))).filter(Boolean).length, { timeout: CONTAINER_RUN_MS }).toBe(20)
    writeSync(held, Buffer.alloc(names.length, 'g'))
    await titled('20 containers stopped on their own')
  } finally {
    closeSync(held)
    rmSync(go, { recursive: true, force: true })
  }
  expect(await seen()).toHaveLength(1)
  await page.goto(routeUrl(mode, '/settings'))
  // The router takes up the new address after goto returns (it loads the page first): a click that came
  // sooner would send it to the list it has not yet left, and leave the address at Settings.
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await click(0)
  await expect(page).toHaveURL(/#\/containers$/)
})

test('a kind turned off in Settings is not told; turned on again, it is', async () => {
  await page.goto(routeUrl(mode, '/settings'))
  await page.getByTestId('settings-notify-containerDied').uncheck()
  const quiet = uniqueName('notify-off')
  await run(quiet, 'exit 6')
  await page.locator('[data-nav=containers]').click()
  await expect(containerRow(page, quiet).getByTestId('state')).toHaveText(/exited/i, { timeout: CONTAINER_RUN_MS })
  await page.locator('[data-nav=settings]').click()
  await page.getByTestId('settings-notify-containerDied').check()
  const marker = uniqueName('notify-on-again')
  await run(marker, 'exit 7')
  await titled(`${marker} stopped on its own`)
  expect(await seen()).toEqual([{ title: `${marker} stopped on its own`, body: 'Exit code 7.' }])
})

test('a container whose healthcheck fails is told, and a click lands on its Inspect tab', async () => {
  test.skip(ENGINE_KIND === 'podman', 'Podman 4.3 runs healthchecks from systemd timers, which its service here has none of')
  const name = uniqueName('notify-unhealthy')
  await run(name, IDLE, '--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1')
  await titled(`${name} is unhealthy`)
  await click((await seen()).findIndex((s) => s.title === `${name} is unhealthy`))
  await expect(page).toHaveURL(new RegExp(`#/containers/${name}/inspect`))
})

test('a build that ends while its page is in view is not told; one that ends while another page is, is, and a click goes back', async () => {
  test.setTimeout(3 * IMAGE_TRANSFER_MS)
  const folder = mkdtempSync(join(tmpdir(), 'berth-notify-build-'))
  const tags = [`berth-test/notify-build:${uniqueName('seen')}`, `berth-test/notify-build:${uniqueName('away')}`]
  try {
    const build = async (tag: string, script: string) => {
      writeFileSync(join(folder, 'Dockerfile'), `FROM ${fixtureImage('busybox')}\nRUN ${script}\n`)
      await page.getByTestId('build-folder').fill(folder)
      await page.getByTestId('build-tag').fill(tag)
      await page.getByTestId('build-start').click()
    }
    await page.goto(routeUrl(mode, '/build'))
    // The test engines have no bridge network for RUN steps.
    await page.getByLabel('No network for RUN').check()
    await build(tags[0]!, `echo ${uniqueName('in-view')}`)
    await expect(page.getByTestId('build-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
    // The RUN step takes a few seconds, so the build is still going when the user goes elsewhere.
    await build(tags[1]!, `sleep 3 && echo ${uniqueName('away')}`)
    await expect(page.getByTestId('build-result')).toHaveAttribute('data-state', /sending|building/)
    await page.locator('[data-nav=containers]').click()
    await expect.poll(async () => (await seen()).map((s) => s.title), { timeout: IMAGE_TRANSFER_MS }).toContain(`Build of ${tags[1]} finished`)
    expect((await seen()).map((s) => s.title)).toEqual([`Build of ${tags[1]} finished`])
    await click(0)
    await expect(page).toHaveURL(/#\/build/)
    await expect(page.getByTestId('build-done')).toBeVisible()
  } finally {
    rmSync(folder, { recursive: true, force: true })
    for (const tag of tags) await cli(['rmi', tag]).catch(() => {})
  }
})
