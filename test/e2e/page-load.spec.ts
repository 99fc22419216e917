// A page whose own code is cut while loading loads again. Chromium on Linux cancels loads in flight
// when the host's network changes (net::ERR_NETWORK_CHANGED), which an engine does as it starts a
// container; on demand here, the cut is Playwright failing the request, the rest is real.
import type { Page, Route } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONNECTED, containerRow, expect, test } from './fixtures'

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

/** Fails the first `times` loads of the page's files whose names match, as a network change does; counts every load. */
async function cut(page: Page, name: RegExp, times: number): Promise<{ loads: () => number }> {
  let loads = 0
  await page.route(name, async (route: Route) => {
    loads++
    if (loads <= times) await route.abort('internetdisconnected')
    else await route.continue()
  })
  return { loads: () => loads }
}

test('the app’s own script cut while the page loads: the page loads again and shows the engine', async ({ page, berth }) => {
  const entry = await cut(page, /\/assets\/index-[\w-]+\.js$/, 1)
  await page.goto(berth.url)
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
  expect(entry.loads(), 'loaded twice: cut, then whole').toBe(2)
  await expect(page.getByTestId('page-load-cut')).toHaveCount(0)
})

test('a route’s code cut as it is first opened: the page loads again on that route', async ({ page, berth }) => {
  const name = uniqueName('cut-route')
  await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
  await page.goto(berth.url)
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
  // Twice: the route's code is fetched ahead (modulepreload), then imported, each a load a cut can hit.
  const route = await cut(page, /\/assets\/ContainerPage-[\w-]+\.js$/, 2)
  await containerRow(page, name).getByTestId('container-link').click()
  await expect(page.getByTestId('container-page').getByRole('heading', { name })).toBeVisible()
  await expect(page.getByTestId('log-pane')).toBeVisible()
  expect(route.loads(), 'loaded again after the cuts').toBeGreaterThan(2)
})

test('cut at every load: after three tries a sentence says what happened and what to do', async ({ page, berth }) => {
  const entry = await cut(page, /\/assets\/index-[\w-]+\.js$/, Infinity)
  await page.goto(berth.url)
  await expect(page.getByTestId('page-load-cut')).toContainText('Reload the page to try again')
  expect(entry.loads(), 'the first load and three more').toBe(4)
  await expect(page.getByTestId('engine-status')).toHaveCount(0)
})

test('a container made while the page is still starting is listed: a change that comes before the list is watched is kept', async ({ page, berth }) => {
  // The page asks for the containers as it starts, before the app's code has loaded (bridge/early.ts);
  // the app starts watching the list's changes once that code runs. The app's code is held here until
  // a change has come in between, as it does on a slow machine when a container is made meanwhile.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  const name = uniqueName('made-while-loading')
  const frames: string[] = []
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : '')))
  const listAnswered = () => frames.some((f) => /^\{"id":\d+,"result":\{"ok":true,"value":\{"version"/.test(f))
  const changeNaming = () => frames.some((f) => f.startsWith('{"channel":"berth:event:containers.changed"') && f.includes(`"name":"${name}"`))
  await page.goto(berth.url, { waitUntil: 'commit' })
  await expect.poll(listAnswered, { message: 'the early list answered' }).toBe(true)
  expect(changeNaming(), 'the list answered before the container was made').toBe(false)
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
  await expect.poll(changeNaming, { message: 'the change naming the new container reached the page' }).toBe(true)
  release()
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
  await expect(containerRow(page, name)).toBeVisible()
})
