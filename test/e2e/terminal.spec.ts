// The Terminal tab in Chromium, against the real engine through browser mode: what is typed reaches
// the process and its echo is drawn, detach and reattach, resize, and a run's `?start=1`.
import type { Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { expect, routeUrl, test } from './fixtures'

const IDLE = "trap 'exit 0' TERM; sleep 3600 & wait"
const labelled = ['--network', 'none', '--label', `${TEST_LABEL}=1`]

/** What the active terminal shows, as text. */
const screen = (app: Page) =>
  app.locator('.terminal-view:visible .xterm-rows').evaluate((rows) => (rows.textContent ?? '').replace(/\u00a0/g, ' '))

async function openTab(app: Page, berth: { url: string }, name: string, query = '') {
  await app.goto(routeUrl(berth as never, `/containers/${name}/terminal${query}`))
  await expect(app.getByTestId('terminal-tab')).toBeVisible()
}

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('types into an exec shell and sees the echo', async ({ app, berth }) => {
  const name = uniqueName('term-exec')
  await cli(['run', '-d', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh', '-c', IDLE])
  await openTab(app, berth, name)
  await app.getByTestId('terminal-exec').click()
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  await expect.poll(() => screen(app)).toContain('#')
  await app.keyboard.type('echo typed-$((6*7))')
  await app.keyboard.press('Enter')
  await expect.poll(() => screen(app)).toContain('typed-42')
  await expect(app.getByTestId('terminal-status')).toContainText(`docker exec -it ${name} /bin/sh`)
  await app.screenshot({ path: 'test-results/terminal-exec.png' })
})

test('attaches to an -it container, detaches with Ctrl-P Ctrl-Q and reattaches', async ({ app, berth }) => {
  const name = uniqueName('term-attach')
  await cli(['run', '-dit', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh'])
  await openTab(app, berth, name)
  await app.getByTestId('terminal-attach').click()
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  await expect(app.getByTestId('terminal-session-state')).toHaveText('live')
  await app.keyboard.type('echo one-$((1+1))')
  await app.keyboard.press('Enter')
  await expect.poll(() => screen(app)).toContain('one-2')

  await app.keyboard.press('Control+p')
  await app.keyboard.press('Control+q')
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'detached')
  await expect(app.getByTestId('terminal-phase')).toContainText('the process keeps running')
  await expect(app.getByTestId('terminal-session-state')).toHaveText('detached')
  expect(await cli(['inspect', '-f', '{{.State.Running}}', name])).toBe('true')

  await app.getByTestId('terminal-reattach').click()
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  await app.keyboard.type('echo two-$((2+2))')
  await app.keyboard.press('Enter')
  await expect.poll(() => screen(app)).toContain('two-4')
})

test('follows the pane size: stty size changes when the viewport does', async ({ app, berth }) => {
  const name = uniqueName('term-size')
  await cli(['run', '-d', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh', '-c', IDLE])
  await app.setViewportSize({ width: 1400, height: 900 })
  await openTab(app, berth, name)
  await app.getByTestId('terminal-exec').click()
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  const sizeNow = async () => {
    await app.keyboard.type('clear; stty size')
    await app.keyboard.press('Enter')
    let seen = ''
    await expect.poll(async () => (seen = (await screen(app)).match(/(\d+) (\d+)\s*\/ #/)?.slice(1, 3).join('x') ?? '')).not.toBe('')
    return seen
  }
  const big = await sizeNow()
  await app.setViewportSize({ width: 900, height: 650 })
  await expect.poll(sizeNow).not.toBe(big)
  const small = await sizeNow()
  const [rows, cols] = small.split('x').map(Number) as [number, number]
  const [bigRows, bigCols] = big.split('x').map(Number) as [number, number]
  expect(rows).toBeLessThan(bigRows)
  expect(cols).toBeLessThan(bigCols)
})

test('?start=1 starts a created container attached: its first output and its exit code show', async ({ app, berth }) => {
  const name = uniqueName('term-start')
  await cli(['create', '-i', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh', '-c', 'echo first-output; exit 5'])
  await openTab(app, berth, name, '?start=1')
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'exited')
  await expect(app.getByTestId('terminal-phase')).toContainText('code 5')
  expect(await screen(app)).toContain('first-output')
  await expect(app).not.toHaveURL(/start=1/)
  // The run dialog sent the user here: the tab names the run, and says it has ended.
  const tab = app.getByTestId('terminal-session')
  await expect(tab).toContainText(`run ${name}`)
  await expect(tab.getByTestId('terminal-session-state')).toHaveText('exited 5')
  await expect(app.getByTestId('terminal-reattach')).toHaveText('Start attached')
})

test('a --rm run started attached shows its exit code after the engine has removed it', async ({ app, berth }) => {
  const name = uniqueName('term-rm')
  await cli(['create', '-i', '--rm', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh', '-c', 'sleep 1; echo last-words; exit 3'])
  await openTab(app, berth, name, '?start=1')
  await expect(app.getByTestId('terminal-phase')).toContainText('code 3')
  expect(await screen(app)).toContain('last-words')
  await expect.poll(() => cli(['ps', '-a', '-q', '--filter', `name=^${name}$`])).toBe('')
  await expect(app.getByTestId('container-gone')).toContainText('Its terminal stays as it ended')
  await expect(app.getByTestId('terminal-phase')).toContainText('code 3')
  // Nothing is left to attach to or to open a shell in.
  await expect(app.getByTestId('terminal-attach')).toHaveCount(0)
  await expect(app.getByTestId('terminal-reattach')).toHaveCount(0)
  await app.screenshot({ path: 'test-results/terminal-rm.png' })
})

test('a link the output makes with OSC 8 goes through the same gate as a plain URL', async ({ app, berth }) => {
  const name = uniqueName('term-osc8')
  await cli(['run', '-d', '--name', name, ...labelled, BUSYBOX_IMAGE, 'sh', '-c', IDLE])
  await openTab(app, berth, name)
  await app.getByTestId('terminal-exec').click()
  await expect(app.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached')
  await expect.poll(() => screen(app)).toContain('#')
  // The page's question is what the gate asks in a browser; record it instead of answering.
  await app.evaluate(() => {
    const page = window as unknown as { asked: string[]; confirm: (m?: string) => boolean }
    page.asked = []
    page.confirm = (message?: string) => (page.asked.push(message ?? ''), false)
  })
  await app.keyboard.type("printf '\\033]8;;https://example.invalid/osc8\\033\\\\%s\\033]8;;\\033\\\\\\n' osc8-link")
  await app.keyboard.press('Enter')
  const row = app.locator('.terminal-view:visible .xterm-rows > div', { hasText: /^osc8-link\s*$/ })
  await expect(row).toHaveCount(1)
  const box = (await row.locator('span').first().boundingBox())!
  await app.mouse.move(box.x + 4, box.y + box.height / 2)
  await app.mouse.move(box.x + 8, box.y + box.height / 2)
  await app.mouse.click(box.x + 8, box.y + box.height / 2)
  await expect.poll(() => app.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([
    "Open example.invalid in a new tab?\n\nhttps://example.invalid/osc8\n\nThe link came from the container's output.",
  ])
})
