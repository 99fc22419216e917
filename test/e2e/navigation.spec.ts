// Routes, pages, pop-out and keyboard, in Chromium against the real engine through browser mode.
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { containerRow, expect, routeUrl, test } from './fixtures'

const run = (name: string, ...extra: string[]) =>
  cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, ...extra, BUSYBOX_IMAGE, ...IDLE])

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('a container’s page: opened from its row, tabs, back and forward, reload, deep link', async ({ app, berth }) => {
  const name = uniqueName('page')
  await run(name)
  await containerRow(app, name).getByTestId('container-link').click()
  const page = app.getByTestId('container-page')
  await expect(page.getByRole('heading', { name })).toBeVisible()
  await expect(page.getByTestId('state')).toHaveText('running')
  expect(new URL(app.url()).hash).toBe(`#/containers/${name}/logs`)
  await expect(app.getByTestId('log-pane')).toBeVisible()
  await expect(app.getByTestId('container-list'), 'the list gives the page the whole window').toHaveCount(0)

  await page.getByTestId('tab-files').click()
  await expect(app.getByTestId('file-browser')).toBeVisible()
  await expect(page.getByTestId('tab-files')).toHaveAttribute('aria-selected', 'true')
  expect(new URL(app.url()).hash).toBe(`#/containers/${name}/files`)

  await app.goBack()
  await expect(app.getByTestId('log-pane')).toBeVisible()
  await app.goBack()
  await expect(containerRow(app, name)).toBeVisible()
  await app.goForward()
  await expect(app.getByTestId('log-pane')).toBeVisible()

  await app.reload()
  await expect(app.getByTestId('container-page').getByRole('heading', { name })).toBeVisible()
  await expect(app.getByTestId('log-pane')).toBeVisible()

  // A link straight to a tab, in a fresh tab of its own (the token comes with it, as `npm run web` prints it).
  const fresh = await app.context().newPage()
  await fresh.goto(routeUrl(berth, `/containers/${name}/files`))
  await expect(fresh.getByTestId('file-browser')).toBeVisible()
  expect(new URL(fresh.url()).hash, 'the token leaves the address bar, the route stays').toBe(`#/containers/${name}/files`)
  await fresh.close()

  await app.getByTestId('back-to-list').click()
  await expect(containerRow(app, name)).toBeVisible()
})

test('a page whose container is removed says so instead of showing stale data; an unknown one says it never was', async ({ app, berth }) => {
  const name = uniqueName('gone')
  await run(name)
  await app.goto(routeUrl(berth, `/containers/${name}/logs`))
  await expect(app.getByTestId('log-pane')).toBeVisible()
  await cli(['rm', '-f', name])
  await expect(app.getByTestId('container-gone')).toContainText(`The container ${name} was removed`)
  await expect(app.getByTestId('log-pane')).toHaveCount(0)

  await app.goto(routeUrl(berth, '/containers/no-such-container-here/logs'))
  await expect(app.getByTestId('container-gone')).toContainText('There is no container named no-such-container-here')
  await app.goto(routeUrl(berth, '/nowhere'))
  await expect(app.getByText('Berth has no page at')).toBeVisible()
})

test('removing a container from its page goes back to the list', async ({ app }) => {
  const name = uniqueName('remove-here')
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE])
  await containerRow(app, name).getByTestId('container-link').click()
  await app.getByTestId('container-page').getByRole('button', { name: 'Remove', exact: true }).click()
  await app.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(app.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible()
  expect(new URL(app.url()).hash).toBe('#/containers')
  await expect(containerRow(app, name)).toHaveCount(0)
})

test('pop-out opens the same route in a tab of its own, without the sidebar', async ({ app, context }) => {
  const name = uniqueName('popout')
  await run(name)
  await containerRow(app, name).getByTestId('files').click()
  await expect(app.getByTestId('file-browser')).toBeVisible()
  const [tab] = await Promise.all([context.waitForEvent('page'), app.getByTestId('pop-out').click()])
  await expect(tab.getByTestId('file-browser')).toBeVisible()
  expect(new URL(tab.url()).hash).toBe(`#/containers/${name}/files?popout=1`)
  await expect(tab.getByRole('navigation', { name: 'Sections' })).toHaveCount(0)
  await expect(tab.getByTestId('pop-out')).toHaveCount(0)
  await tab.close()
})

test('an image’s page lists the containers made from it, one click from each', async ({ app }) => {
  const name = uniqueName('from-image')
  await run(name)
  await app.locator('[data-nav=images]').click()
  await app.locator(`[data-image="${BUSYBOX_IMAGE}"]`).getByTestId('image-link').click()
  const page = app.getByTestId('image-page')
  await expect(page.getByRole('heading', { name: BUSYBOX_IMAGE })).toBeVisible()
  await expect(page.getByTestId('image-names')).toContainText(BUSYBOX_IMAGE)
  await page.getByTestId('image-users').getByRole('link', { name }).click()
  await expect(app.getByTestId('container-page').getByRole('heading', { name })).toBeVisible()
  await app.goBack()
  await expect(app.getByTestId('image-page')).toBeVisible()
})

test('keyboard: / focuses the filter; a dialog keeps Tab inside and closes on Escape, giving focus back', async ({ app }) => {
  await app.locator('body').press('/')
  await expect(app.getByLabel('Filter containers')).toBeFocused()
  await app.keyboard.type('zzz')
  await expect(app.getByLabel('Filter containers')).toHaveValue('zzz')

  await app.locator('[data-nav=images]').click()
  const tag = app.locator(`[data-image="${BUSYBOX_IMAGE}"]`).getByTestId('image-tag')
  await tag.click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 12; i++) {
    await app.keyboard.press('Tab')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `Tab ${i + 1} stays in the dialog`).toBe(true)
  }
  for (let i = 0; i < 12; i++) {
    await app.keyboard.press('Shift+Tab')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `Shift+Tab ${i + 1} stays in the dialog`).toBe(true)
  }
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(tag, 'focus returns to what opened the dialog').toBeFocused()
})

test('themes: follows the OS, and a manual choice wins and is kept', async ({ browser, berth }) => {
  const background = (page: import('@playwright/test').Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  const light = await browser.newPage({ colorScheme: 'light' })
  await light.goto(berth.url)
  await expect(light.locator('html')).toHaveAttribute('data-theme', 'light')
  expect(await background(light)).toBe('rgb(255, 255, 255)')
  // Auto → Light → Dark → Auto: Light can be chosen even while the OS shows light (kept if the OS changes).
  const toggle = light.getByTestId('theme-toggle')
  await expect(toggle).toContainText('Auto')
  await toggle.click()
  await expect(toggle).toContainText('Light')
  await expect(light.locator('html')).toHaveAttribute('data-theme', 'light')
  await toggle.click()
  await expect(toggle).toContainText('Dark')
  await expect(light.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await background(light)).toBe('rgb(15, 20, 25)')
  await light.reload()
  await expect(light.locator('html'), 'the choice is kept over the OS').toHaveAttribute('data-theme', 'dark')
  await light.getByTestId('theme-toggle').click()
  await expect(light.getByTestId('theme-toggle')).toContainText('Auto')
  await expect(light.locator('html'), 'back to following the OS').toHaveAttribute('data-theme', 'light')
  await light.close()

  const dark = await browser.newPage({ colorScheme: 'dark' })
  await dark.goto(berth.url)
  await expect(dark.locator('html')).toHaveAttribute('data-theme', 'dark')
  await dark.emulateMedia({ colorScheme: 'light' })
  await expect(dark.locator('html'), 'follows the OS as it changes').toHaveAttribute('data-theme', 'light')
  await dark.close()
})

test('at 800×600 the sections lie across the top and no row action or toolbar button is cut', async ({ browser, berth }) => {
  const name = uniqueName('narrow-with-a-long-name')
  await run(name)
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
  await page.goto(berth.url)
  // Found as a user finds it: earlier tests may leave rows above it (Podman lists the newest last).
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name)
  const remove = containerRow(page, name).getByRole('button', { name: 'Remove', exact: true })
  await expect(remove).toBeVisible()
  const inView = async (locator: import('@playwright/test').Locator) => {
    const box = await locator.boundingBox()
    return !!box && box.x >= 0 && box.x + box.width <= 800 && box.y + box.height <= 600
  }
  expect(await inView(remove), 'Remove fits in the window').toBe(true)
  const nav = await page.getByRole('navigation', { name: 'Sections' }).boundingBox()
  expect(nav!.height, 'the sections are a bar across the top').toBeLessThan(60)
  await page.locator('[data-nav=volumes]').click()
  expect(await inView(page.getByRole('button', { name: 'Create' })), 'Create fits in the window').toBe(true)
  expect(await inView(page.getByTestId('prune-volumes')), 'Prune fits in the window').toBe(true)
  await page.locator('[data-nav=images]').click()
  const image = page.locator(`[data-image="${BUSYBOX_IMAGE}"]`)
  // Earlier tests leave images above it: brought into view, the question is only whether it is cut.
  await image.scrollIntoViewIfNeeded()
  expect(await inView(image.getByRole('button', { name: 'Remove', exact: true })), 'an image’s Remove fits').toBe(true)
  expect(await inView(page.getByTestId('prune-images')), 'the images’ Prune fits').toBe(true)
  // Cells: its box, repository, tag…
  const tag = image.getByRole('gridcell').nth(2)
  expect(await tag.evaluate((cell) => cell.scrollWidth <= cell.clientWidth), 'the tag is not cut').toBe(true)
  await page.close()
})
