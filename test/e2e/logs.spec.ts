// The log pane in Chromium, against the real engine through browser mode.
import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { openLogConnections } from '@main/engine/logs/logs'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { ENGINE_ANSWER_MS } from '../env/wait'
import { CHROMIUM_FOR_SCROLLING } from './chromium'
import { CONNECTED, containerRow, ENGINE_KIND, expect, test } from './fixtures'

// Scrolled as a user scrolls: in a browser that shows its scrollbars and does not animate scrolling,
// so a key's scroll is done once the key is.
test.use({ launchOptions: CHROMIUM_FOR_SCROLLING })

const run = (name: string, script: string, ...extra: string[]) =>
  cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, ...extra, BUSYBOX_IMAGE, 'sh', '-c', script])

const IDLE = "trap 'exit 0' TERM; sleep 3600 & wait"

async function openLogs(app: Page, name: string) {
  await app.locator('[data-nav=containers]').click()
  await containerRow(app, name).getByTestId('logs').click()
  const pane = app.getByTestId('log-pane')
  await expect(pane.getByTestId('log-container')).toHaveText(name)
  return pane
}

const rows = (app: Page) => app.getByTestId('log-row')

/** A line every 50 ms, `tick 1`, `tick 2`…, until stopped. */
const TICKS = `i=0; ${IDLE.replace('sleep 3600 & wait', 'while true; do i=$((i+1)); echo tick $i; sleep 0.05; done')}`

/** The number of the newest tick drawn. */
const lastTick = async (app: Page) => Number((await rows(app).last().textContent())?.replace('tick ', ''))

/** The lines the pane holds, from its status line ("1,234 lines"), drawn in the same render as the rows. */
const linesHeld = async (pane: Locator) => Number(/^([\d,]+) lines/.exec((await pane.getByTestId('log-status').textContent()) ?? '')?.[1]?.replaceAll(',', ''))

/** The line at the top of the view (the list draws a few rows above it too, out of sight). */
const lineOnTop = (pane: Locator) =>
  pane.getByTestId('log-lines').evaluate((list) => {
    const edge = list.getBoundingClientRect().top
    return [...list.querySelectorAll('[data-testid=log-row]')].find((row) => row.getBoundingClientRect().bottom > edge + 1)?.textContent ?? null
  })

/** How far the view is above the newest line, in pixels: 0 while following. */
const aboveBottom = (pane: Locator) => pane.getByTestId('log-lines').evaluate((list) => list.scrollHeight - list.clientHeight - list.scrollTop)

/**
 * `move` takes the view up (a wheel turn, a key, a drag); then it is not following, whatever renders
 * come: lines keep arriving and being drawn, and the view stays where the user put it. The view is
 * read once the move has landed (Chromium may scroll on its compositor and tell the page a frame
 * later than the key) and stopped: read twice alike, while a following view moves with every line.
 */
async function staysPut(pane: Locator, after: string, move: () => Promise<void>) {
  await move()
  await expect(pane.getByTestId('log-latest'), after).toBeVisible()
  await expect.poll(() => aboveBottom(pane), { message: `the view left the newest line after ${after}` }).toBeGreaterThan(0)
  let seen = await lineOnTop(pane)
  await expect
    .poll(
      async () => {
        const now = await lineOnTop(pane)
        const still = now === seen
        seen = now
        return still
      },
      { message: `the view stopped after ${after}` },
    )
    .toBe(true)
  const top = await lineOnTop(pane)
  const held = await linesHeld(pane)
  await expect.poll(() => linesHeld(pane), { message: `new lines drawn after ${after}`, timeout: ENGINE_ANSWER_MS }).toBeGreaterThan(held + 10)
  expect(await lineOnTop(pane), `the view stays put after ${after}`).toBe(top)
}

/** Following: no Jump to latest, and the newest tick drawn keeps growing. */
async function follows(app: Page, pane: Locator, after: string) {
  await expect(pane.getByTestId('log-latest'), after).toBeHidden()
  // Read once the view is at the newest lines: the last row drawn may still be an older one just before.
  await expect(rows(app).last(), after).toContainText('tick')
  const latest = await lastTick(app)
  await expect.poll(() => lastTick(app), { message: `follows after ${after}`, timeout: ENGINE_ANSWER_MS }).toBeGreaterThan(latest)
}

/** The middle of the vertical scrollbar's thumb, by the list's own measures (its arrow buttons are as tall as the bar is wide). */
const thumb = (list: Locator) =>
  list.evaluate((el: HTMLElement) => {
    const box = el.getBoundingClientRect()
    const bar = el.offsetWidth - el.clientWidth
    const track = el.clientHeight - 2 * bar
    const length = (track * el.clientHeight) / el.scrollHeight
    const travel = el.scrollHeight - el.clientHeight
    return { x: box.left + el.clientWidth + bar / 2, y: box.top + bar + ((track - length) * el.scrollTop) / travel + length / 2 }
  })

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('follows live output; a wheel turn or a key up stops following whatever renders come; the bottom, End or "jump to latest" resumes', async ({ app }) => {
  const name = uniqueName('logs-follow')
  await run(name, `seq 1 400; ${TICKS}`)
  const pane = await openLogs(app, name)
  await expect(pane.getByTestId('log-phase')).toHaveText('following')
  await follows(app, pane, 'opening')
  const list = pane.getByTestId('log-lines')

  await list.hover()
  await staysPut(pane, 'a wheel turn up', () => app.mouse.wheel(0, -3000))
  expect(await rows(app).count(), 'only the rows in view are drawn').toBeLessThan(120)
  await app.screenshot({ path: 'test-results/logs-follow.png' })
  await app.mouse.wheel(0, 1_000_000)
  await follows(app, pane, 'a wheel turn down to the bottom')

  await list.focus()
  for (const key of ['ArrowUp', 'PageUp', 'Control+Home', 'Shift+Space']) {
    await staysPut(pane, key, () => app.keyboard.press(key))
    await app.keyboard.press('End')
    await follows(app, pane, `End after ${key}`)
  }
  await staysPut(pane, 'PageUp', () => app.keyboard.press('PageUp'))
  await pane.getByTestId('log-latest').click()
  await follows(app, pane, 'Jump to latest')
})

test('holding the scrollbar keeps the view under the pointer; dragging it up stops following whatever renders come', async ({ app }) => {
  const name = uniqueName('logs-drag')
  await run(name, `seq 1 400; ${TICKS}`)
  const pane = await openLogs(app, name)
  await follows(app, pane, 'opening')
  const list = pane.getByTestId('log-lines')

  // Held still while lines come: the view stays under the pointer, and the pane still follows.
  let at = await thumb(list)
  await app.mouse.move(at.x, at.y)
  await app.mouse.down()
  const top = await lineOnTop(pane)
  const held = await linesHeld(pane)
  await expect.poll(() => linesHeld(pane), { message: 'new lines drawn', timeout: ENGINE_ANSWER_MS }).toBeGreaterThan(held + 10)
  expect(await lineOnTop(pane), 'the view stays under the held scrollbar').toBe(top)
  expect(await pane.getByTestId('log-latest').isVisible(), 'holding is not leaving').toBe(false)
  await app.mouse.up()
  await follows(app, pane, 'letting go')

  await staysPut(pane, 'a drag up', async () => {
    // Where the thumb is now: it moves as lines come.
    at = await thumb(list)
    await app.mouse.move(at.x, at.y)
    await app.mouse.down()
    await app.mouse.move(at.x, at.y - 200, { steps: 5 })
    await app.mouse.up()
  })
  await pane.getByTestId('log-latest').click()
  await follows(app, pane, 'Jump to latest')
})

test('loads older lines at the top, keeps its place, and clears from now on', async ({ app, calls }) => {
  const name = uniqueName('logs-older')
  // The last line waits for the test's signal, so it is written after the clear however slow the machine.
  await run(name, `seq 1 2500; until [ -e /go ]; do sleep 0.05; done; echo after-clear; ${IDLE}`)
  const pane = await openLogs(app, name)
  await expect(rows(app).last()).toHaveText('2500')
  await expect(pane.getByTestId('log-status')).toHaveText('1,000 lines')
  const list = pane.getByTestId('log-lines')
  // A wheel turn up stops following, whatever render comes next (the stream's answer, late lines).
  await list.hover()
  await app.mouse.wheel(0, -3000)
  await expect(pane.getByTestId('log-latest')).toBeVisible()
  await list.focus()
  await app.keyboard.press('Home')
  await expect(pane.getByTestId('log-status')).toHaveText('2,000 lines')
  await expect.poll(() => lineOnTop(pane), { message: 'the line that was on top stays on top' }).toBe('1501')
  await app.keyboard.press('Home')
  await expect(pane.getByTestId('log-status')).toHaveText('2,500 lines')
  await expect.poll(() => lineOnTop(pane)).toBe('501')
  await app.keyboard.press('Home')
  await expect.poll(() => lineOnTop(pane)).toBe('1')

  await pane.getByTestId('log-latest').click()
  await pane.getByTestId('log-clear').click()
  await expect(pane.getByTestId('log-status')).toHaveText('0 lines · cleared')
  await cli(['exec', name, 'touch', '/go'])
  await expect(rows(app)).toHaveText(['after-clear'])
  // Leaving closes the stream: once the page's close is seen, every call it sent before is too.
  await app.getByTestId('back-to-list').click()
  await expect.poll(() => calls.includes('logs.close')).toBe(true)
  expect(calls.filter((call) => call === 'logs.older'), 'two requests for older lines; at the third top, nothing older was left to ask for').toHaveLength(2)
})

test('searches with a count and next/previous, filters by text, regex and stream, and explains a bad regex', async ({ app }) => {
  const name = uniqueName('logs-search')
  await run(name, 'for i in 1 2 3 4 5 6; do echo "alpha $i"; echo "beta $i" >&2; done; echo "ALPHA upper"')
  const pane = await openLogs(app, name)
  // 13 lines and Berth's note that the container is not running (it stays visible in every filter).
  await expect(rows(app)).toHaveCount(14)
  await expect(rows(app).last()).toHaveText('— container stopped (exit code 0) —')
  await expect(rows(app).filter({ hasText: 'beta 1' })).toHaveClass(/k-e/)

  const search = pane.getByTestId('log-search')
  await search.fill('alpha')
  await expect(pane.getByTestId('log-count')).toHaveText('7 matches')
  await search.press('Enter')
  await expect(pane.getByTestId('log-count')).toHaveText('1 of 7')
  await pane.getByTestId('log-next').click()
  await expect(pane.getByTestId('log-count')).toHaveText('2 of 7')
  await expect(app.locator('.row.current')).toHaveText('alpha 2')
  await pane.getByTestId('log-prev').click()
  await pane.getByTestId('log-prev').click()
  await expect(pane.getByTestId('log-count')).toHaveText('7 of 7')
  await expect(pane.locator('.mark').first()).toHaveText(/alpha/i)

  await pane.getByTestId('log-filter').check()
  await expect(rows(app)).toHaveCount(8)
  await pane.getByTestId('log-regex').check()
  await search.fill('alpha [2-4]$')
  await expect(rows(app)).toHaveCount(4)
  await search.fill('alpha (')
  await expect(pane.getByTestId('log-query-error')).toContainText('Not a valid regular expression')
  await expect(rows(app)).toHaveCount(14)
  await app.screenshot({ path: 'test-results/logs-search.png' })

  await search.fill('')
  await pane.getByTestId('log-stream-stderr').click()
  await expect(rows(app)).toHaveCount(7)
  await expect(rows(app).first()).toHaveText('beta 1')
  await pane.getByTestId('log-stream-all').click()
  await pane.getByTestId('log-times').check()
  await pane.getByTestId('log-wrap').check()
  await expect(pane.getByTestId('log-lines')).toHaveClass(/wrap/)
  await expect(rows(app).first().locator('.time')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/)
})

test('shows untrusted text as characters, colours as styles, and a 100,000-character line cut', async ({ app }) => {
  const name = uniqueName('logs-untrusted')
  await run(name, `echo '<img src=x onerror=alert(1)>'; printf '\\033[31mred\\033[0m plain\\n'; head -c 100000 /dev/zero | tr '\\0' x; echo; ${IDLE}`)
  const pane = await openLogs(app, name)
  await expect(rows(app).first()).toHaveText('<img src=x onerror=alert(1)>')
  await expect(pane.locator('img')).toHaveCount(0)
  await expect(rows(app).nth(1).locator('.fg-1')).toHaveText('red')

  if (ENGINE_KIND === 'podman') {
    // Podman 4.3 joins the pieces of a long line to the line before it in a log's last lines
    // (podman#19545): the pane says so, and Download, read from the start, has the line whole.
    await expect(pane.getByTestId('log-engine-note')).toContainText('podman#19545')
    await expect(pane.getByTestId('log-engine-note')).toContainText('Download reads the log from its start, with every line whole.')
    const [download] = await Promise.all([app.waitForEvent('download'), pane.getByTestId('log-download').click()])
    const lines = readFileSync(await download.path(), 'utf8').split('\n')
    expect(lines[1]).toBe('\x1b[31mred\x1b[0m plain')
    expect(lines[2]).toBe('x'.repeat(100_000))
    return
  }
  await expect(pane.getByTestId('log-engine-note')).toHaveCount(0)
  await expect(rows(app).nth(1)).toHaveText('red plain')
  const long = rows(app).nth(2)
  await expect(long.getByTestId('log-whole')).toContainText('100,000 characters')
  expect((await long.locator('.text').textContent())?.length).toBeLessThan(5000)
  await long.getByTestId('log-whole').click()
  const dialog = app.getByTestId('log-whole-dialog')
  expect((await dialog.locator('pre').textContent())?.length).toBe(100_000)
  await dialog.getByRole('button', { name: 'Close' }).click()
})

test('continues across a restart with markers, and its page says so when the container is removed', async ({ app }) => {
  const name = uniqueName('logs-restart')
  await run(name, `echo run; ${IDLE}`)
  const pane = await openLogs(app, name)
  await expect(rows(app)).toHaveText(['run'])
  await cli(['stop', name])
  // Containers made through Podman's Docker API get no stop grace: `docker stop` kills them there.
  const stopped = `— container stopped (exit code ${ENGINE_KIND === 'podman' ? 137 : 0}) —`
  await expect(pane.getByTestId('log-phase')).toHaveText('waiting')
  await expect(rows(app).last()).toHaveText(stopped)
  await cli(['start', name])
  await expect(rows(app)).toHaveText(['run', stopped, '— container started again —', 'run'])
  await expect(pane.getByTestId('log-phase')).toHaveText('following')
  // Removed: its page says so in place of the pane, and the stream is closed.
  await cli(['rm', '-f', name])
  await expect(app.getByTestId('container-gone')).toContainText(`The container ${name} was removed`)
  await expect(pane).toHaveCount(0)
  await expect.poll(() => openLogConnections()).toBe(0)
})

test('switching containers, going back to the list and leaving the page leave no stream open', async ({ app }) => {
  const a = uniqueName('logs-a')
  const b = uniqueName('logs-b')
  await run(a, `echo from-a; ${IDLE}`)
  await run(b, `echo from-b; ${IDLE}`)
  // The newer row goes above the older one: wait for it, or a click on a's row could land on b's as it moves in.
  await app.locator('[data-nav=containers]').click()
  await expect(containerRow(app, b)).toBeVisible()
  await openLogs(app, a)
  await expect(rows(app)).toHaveText(['from-a'])
  expect(openLogConnections()).toBe(1)
  await openLogs(app, b)
  await expect(rows(app)).toHaveText(['from-b'])
  await expect.poll(() => openLogConnections()).toBe(1)
  // Back to the list: leaving the Logs tab closes its stream.
  await app.getByTestId('back-to-list').click()
  await expect(app.getByTestId('log-pane')).toHaveCount(0)
  await expect.poll(() => openLogConnections()).toBe(0)

  await openLogs(app, a)
  await expect.poll(() => openLogConnections()).toBe(1)
  // A reload keeps the place, so the logs open again: once, the old stream closed.
  await app.reload()
  await expect(rows(app)).toHaveText(['from-a'])
  await expect.poll(() => openLogConnections()).toBe(1)
  // Leaving the page closes everything it opened.
  await app.goto('about:blank')
  await expect.poll(() => openLogConnections()).toBe(0)
})

test('downloads the whole log from the engine and pops the pane out into a tab', async ({ app, context }) => {
  const name = uniqueName('logs-download')
  await run(name, `seq 1 3000; ${IDLE}`)
  const pane = await openLogs(app, name)
  await expect(rows(app).last()).toHaveText('3000')
  await expect(pane.getByTestId('log-status')).toContainText('1,000 lines')
  const [download] = await Promise.all([app.waitForEvent('download'), pane.getByTestId('log-download').click()])
  expect(download.suggestedFilename()).toBe(`${name}.log`)
  const text = readFileSync(await download.path(), 'utf8')
  expect(text.split('\n').length - 1).toBe(3000)
  expect(text.startsWith('1\n2\n')).toBe(true)
  await pane.getByTestId('log-tail').selectOption('all')
  await expect(pane.getByTestId('log-status')).toHaveText('3,000 lines')
  await expect(rows(app).last()).toHaveText('3000')

  const [tab] = await Promise.all([context.waitForEvent('page'), app.getByTestId('pop-out').click()])
  await expect(tab.getByTestId('log-container')).toHaveText(name)
  await expect(tab.getByTestId('log-row').last()).toHaveText('3000')
  await tab.close()
})

test('after the page’s connection drops and returns, the pane follows again and a cut download says so', async ({ page, berth }) => {
  // The page's WebSocket goes through Playwright, so the test can cut it like a flaky network would,
  // and can hold back what the server says about the download, so it is still running at the cut.
  let server: { close: () => Promise<void> } | null = null
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const upstream = ws.connectToServer()
    server = upstream
    ws.onMessage((message) => upstream.send(message))
    upstream.onMessage((message) => {
      const text = String(message)
      if (/"channel":"berth:event:logs\.(lines|state)"/.test(text) && /"stream":"download/.test(text)) return
      ws.send(message)
    })
  })
  await page.goto(berth.url)
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)

  const name = uniqueName('logs-relink')
  await run(name, `i=0; ${IDLE.replace('sleep 3600 & wait', 'while true; do i=$((i+1)); echo tick $i; sleep 0.2; done')}`)
  const pane = await openLogs(page, name)
  await expect(pane.getByTestId('log-phase')).toHaveText('following')
  await expect(rows(page).last()).toContainText('tick')
  await pane.getByTestId('log-download').click()
  await expect(pane.getByTestId('log-download')).toHaveText('Downloading…')

  await server!.close()
  await expect.poll(() => openLogConnections(), { message: 'the server closes the page’s streams with its connection' }).toBe(0)
  const atCut = Number((await rows(page).last().textContent())?.replace('tick ', ''))

  // Back: the pane has its own stream again and new lines arrive; the download is over, visibly.
  await expect.poll(() => openLogConnections(), { timeout: ENGINE_ANSWER_MS }).toBe(1)
  await expect.poll(async () => Number((await rows(page).last().textContent())?.replace('tick ', '')), { timeout: ENGINE_ANSWER_MS }).toBeGreaterThan(atCut)
  await expect(pane.getByTestId('log-phase')).toHaveText('following')
  await expect(pane.getByTestId('log-download')).toHaveText('Download')
  await expect(pane.getByRole('status')).toContainText('The connection to Berth dropped during the download')
  await page.screenshot({ path: 'test-results/logs-relink.png' })
})
