import { ENGINE_RESTART_MS } from '../env/wait'
import { CONNECTED, expect, onPrivateEngine, test } from './fixtures'

test('says plainly when the engine stops, and recovers by itself when it returns', async ({ page }) => {
  await onPrivateEngine(async (engine, mode) => {
    await page.goto(mode.url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await expect(page.getByTestId('engine-banner')).toHaveCount(0)

    await engine.stop()
    const banner = page.getByTestId('engine-banner')
    await expect(banner).toContainText('Cannot reach the Docker engine')
    await expect(page.getByTestId('engine-status')).toContainText('unreachable')
    // One sentence, then the reason, once: no "not reachable … cannot be reached … reconnect" thrice.
    await expect(page.getByTestId('engine-reason')).toHaveText(/^(Its socket does not exist|Connection refused|It closed|It dropped)/)
    expect((await banner.innerText()).match(/reach|reconnect/gi)?.length).toBe(2)
    // Actions that need the engine are off, and say why, instead of failing after a click.
    await page.locator('[data-nav=images]').click()
    const pull = page.getByTestId('images-pull')
    await expect(pull).toBeDisabled()
    await expect(pull).toHaveAttribute('title', /not reachable/)

    await engine.start()
    await expect(page.getByTestId('engine-banner')).toHaveCount(0, { timeout: ENGINE_RESTART_MS })
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await expect(pull).toBeEnabled()
  }, { retryDelaysMs: [200] })
})

test('a browser without the token gets nothing from the engine', async ({ page, browser }) => {
  await onPrivateEngine(async (_engine, mode) => {
    const fresh = await browser.newContext()
    const stranger = await fresh.newPage()
    await stranger.goto(mode.origin + '/')
    await expect(stranger.getByTestId('engine-banner')).toContainText('This link is no longer valid')
    await expect(stranger.getByTestId('engine-status')).toContainText('Connecting')
    await expect(stranger.getByText('Loading containers')).toBeVisible()
    await fresh.close()
    await page.goto(mode.url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
  })
})
