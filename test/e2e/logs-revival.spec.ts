// The log pane and its pop-out come back by themselves when the engine restarts (a private engine
// of this test's own, stopped and started by its pid) and when the container is restarted, and show
// every line `docker logs` prints exactly once.
import type { Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_RESTART_MS } from '../env/wait'
import { ENGINE_KIND, expect, onPrivateEngine, routeUrl, test } from './fixtures'

const COUNTER = "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.1; done"

const cliLogs = async (host: string, name: string): Promise<string[]> => (await cli(['logs', name], { host })).split('\n').filter(Boolean)

interface Row {
  text: string
  note: boolean
}

/** The rows the list draws now (those in view): enough to see the newest lines and markers. */
const drawnRows = (page: Page): Promise<Row[]> =>
  page.getByTestId('log-row').evaluateAll((rows) => rows.map((row) => ({ text: row.textContent?.trim() ?? '', note: row.classList.contains('k-m') })))

/** Whether the drawn rows show `marker` with `line` after it (any line, without one). */
async function shows(page: Page, marker: string, line?: string): Promise<boolean> {
  const rows = await drawnRows(page)
  const at = rows.map((r) => r.text).lastIndexOf(marker)
  return at >= 0 && rows.slice(at + 1).some((r) => (line === undefined ? !r.note : r.text === line))
}

/** Podman runs its containers under conmon, which outlives its service: the run goes on through an engine restart. */
const RUN_OUTLIVES_ENGINE = ENGINE_KIND === 'podman'

/** Whether the list's drawn rows cover its view, from its top to its bottom or to the last row. */
function rowsFillView(list: HTMLElement): boolean {
  const top = list.getBoundingClientRect().top
  const rows = list.querySelectorAll('[data-testid=log-row]')
  const first = rows[0]?.getBoundingClientRect()
  const last = rows[rows.length - 1]?.getBoundingClientRect()
  if (!first || !last) return false
  // The list ends with a spacer for the rows not drawn below: none left means the last row is drawn.
  const toTheEnd = (list.lastElementChild as HTMLElement | null)?.offsetHeight === 0
  return first.top <= top + 1 && (toTheEnd || last.bottom >= top + list.clientHeight - 1)
}

/** Every row the pane holds, scrolled through top to bottom (the list draws only what is in view). */
async function allRows(page: Page): Promise<Row[]> {
  const list = page.getByTestId('log-lines')
  const seen = new Map<number, Row>()
  await list.evaluate((el) => (el.scrollTop = 0))
  for (let atEnd = false; !atEnd; ) {
    // The list draws the rows for where it now is once it has seen the scroll: wait until they fill the view.
    await expect.poll(() => list.evaluate(rowsFillView), { message: 'the rows drawn for the scrolled-to place' }).toBe(true)
    const drawn = await page.getByTestId('log-row').evaluateAll((rows) =>
      rows.map((row) => ({ n: Number(row.getAttribute('data-line')), text: row.textContent?.trim() ?? '', note: row.classList.contains('k-m') })),
    )
    for (const { n, ...row } of drawn) seen.set(n, row)
    atEnd = await list.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 2
      el.scrollTop += el.clientHeight / 2
      return end
    })
  }
  expect(Math.min(...seen.keys()), 'from the first line').toBe(0)
  expect(Math.max(...seen.keys()), 'with no line left out').toBe(seen.size - 1)
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row)
}

/** Room for many lines, so the newest ones and the markers are drawn together. */
const TALL = { width: 1240, height: 2400 }

test('the pane and its pop-out follow the new run after an engine restart and a docker restart', async ({ page, context }) => {
  test.setTimeout(120_000)
  await page.setViewportSize(TALL)
  await onPrivateEngine(async (engine, mode) => {
    const name = uniqueName('logs-revival')
    const docker = testDocker(engine.host)
    await docker.createContainer({
      name,
      Image: BUSYBOX_IMAGE,
      Cmd: ['sh', '-c', COUNTER],
      Labels: { [TEST_LABEL]: '1' },
      HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'unless-stopped' } },
    })
    // Both panes open before the container first starts, so the test sees every line it writes.
    await page.goto(routeUrl(mode, `/containers/${name}/logs`))
    await expect(page.getByTestId('log-container')).toHaveText(name)
    const [popout] = await Promise.all([context.waitForEvent('page'), page.getByTestId('pop-out').click()])
    await popout.setViewportSize(TALL)
    for (const p of [page, popout]) await expect(p.getByTestId('log-phase')).toHaveText('waiting')
    await docker.getContainer(name).start()
    for (const p of [page, popout]) await expect.poll(() => shows(p, '— container started again —', 'line 3')).toBe(true)

    await engine.stop()
    for (const p of [page, popout]) {
      await expect(p.getByTestId('log-phase')).toHaveText('waiting')
      await expect(p.getByTestId('log-waiting')).toContainText('The Docker engine stopped answering')
    }
    await engine.start()
    for (const p of [page, popout]) {
      // Docker stopped the container with itself and its restart policy starts a new run; on Podman the same run goes on.
      await expect.poll(() => shows(p, '— the engine restarted —', RUN_OUTLIVES_ENGINE ? undefined : 'line 3'), { timeout: ENGINE_RESTART_MS }).toBe(true)
      await expect(p.getByTestId('log-phase')).toHaveText('following')
    }
    await page.screenshot({ path: 'test-results/logs-revival-engine.png' })

    await docker.getContainer(name).restart({ t: 2 })
    for (const p of [page, popout]) {
      await expect.poll(async () => (await drawnRows(p)).filter((r) => r.text === '— container started again —').length, { timeout: CONTAINER_RUN_MS }).toBe(2)
      await expect.poll(() => shows(p, '— container started again —', 'line 3')).toBe(true)
    }

    // Stopped, the log holds still: every row the pane has is compared with what `docker logs` prints.
    await docker.getContainer(name).stop({ t: 2 })
    const expected = await cliLogs(engine.host, name)
    for (const p of [page, popout]) {
      await expect(p.getByTestId('log-phase')).toHaveText('waiting')
      const rows = await allRows(p)
      expect(rows.filter((r) => !r.note).map((r) => r.text), 'nothing missing, nothing twice').toEqual(expected)
      const texts = rows.map((r) => r.text)
      for (const marker of ['— the engine restarted —', '— container started again —']) {
        const at = texts.lastIndexOf(marker)
        expect(rows[at]?.note, `the pane says "${marker}"`).toBe(true)
        if (marker === '— the engine restarted —' && RUN_OUTLIVES_ENGINE) {
          expect(texts[at + 1], 'the marker stands where the pane went on').toBe(`line ${Number(texts[at - 1]?.replace('line ', '')) + 1}`)
        } else expect(texts[at + 1], 'the marker stands where the new run begins').toBe('line 1')
      }
      expect(rows.at(-1)).toEqual({ text: '— container stopped (exit code 0) —', note: true })
    }
    await popout.close()
  }, { fixtureImage: true, retryDelaysMs: [200] })
})
