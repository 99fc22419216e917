// A terminal and the Stats tab across an engine restart (a private engine of this test's own, stopped
// and started by its pid) and a `docker restart`: the terminal says in words what happened and offers
// to come back, and taking the offer gives a shell that answers; the stats come back by themselves.
import type { Page } from '@playwright/test'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_RESTART_MS } from '../env/wait'
import { ENGINE_KIND, expect, onPrivateEngine, routeUrl, test } from './fixtures'

/** What the pane adds after a process killed with SIGKILL, as Docker's shutdown kills what outlives its stop timeout. */
const KILLED = ' Code 137 means it was killed with SIGKILL (137 = 128 + 9): docker stop’s timeout ran out before the process exited on SIGTERM, or docker kill, or the memory limit.'
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/**
 * The pane's words after a kill: with the code and what it means, or (`codeRequired` false: Podman,
 * or a wait that lagged behind a restart) without either.
 */
const afterKill = (start: string, rest: string, codeRequired: boolean) =>
  new RegExp(`^(${escapeRe(`${start} with code 137${rest}${KILLED}`)}${codeRequired ? '' : `|${escapeRe(`${start}${rest}`)}`})$`)
/** What the active terminal shows, as text. */
const screen = (page: Page) =>
  page.locator('.terminal-view:visible .xterm-rows').evaluate((rows) => (rows.textContent ?? '').replace(/\u00a0/g, ' '))

/** When the newest sample the Stats tab drew was taken (ms since the epoch; 0 before the first). */
const sampleAt = async (page: Page) => Number(await page.getByTestId('container-stats').getAttribute('data-sample-at'))

/** How many processes the Stats tab counts in the container now. */
const processes = async (page: Page) => Number.parseInt((await page.getByTestId('stats-pids').textContent()) ?? '', 10)

/** Types a sum into the terminal and waits for the shell's answer: proof that it is alive. */
async function answers(page: Page, word: string): Promise<void> {
  const [a, b] = [word.length, 17]
  await page.locator('[data-testid="terminal-screen"]:visible').click()
  await page.keyboard.type(`echo ${word}-$((${a}*${b}))`)
  await page.keyboard.press('Enter')
  await expect.poll(() => screen(page)).toContain(`${word}-${a * b}`)
}

/** The Stats tab streams again: running, with a sample taken after `since`. */
async function statsResumed(stats: Page, since: number): Promise<void> {
  await expect.poll(() => sampleAt(stats), { timeout: ENGINE_RESTART_MS }).toBeGreaterThan(since)
  await expect(stats.getByTestId('container-stats')).toHaveAttribute('data-phase', 'running')
  await expect(stats.getByTestId('stats-waiting')).toHaveCount(0)
}

test('a terminal and the Stats tab come back after an engine restart and a docker restart', async ({ page, context }) => {
  test.setTimeout(180_000)
  await onPrivateEngine(async (engine, mode) => {
    const name = uniqueName('term-revival')
    const docker = testDocker(engine.host)
    // `docker run -dit --restart unless-stopped busybox sh`; a short stop timeout, since sh as pid 1
    // ignores SIGTERM and the engine would otherwise wait 10 s for it on shutdown.
    const container = await docker.createContainer({
      name,
      Image: BUSYBOX_IMAGE,
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      StopTimeout: 1,
      Labels: { [TEST_LABEL]: '1' },
      HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'unless-stopped' } },
    })
    await container.start()

    const stats = await context.newPage()
    await stats.goto(routeUrl(mode, `/containers/${name}/stats`))
    await statsResumed(stats, 0)

    // Two terminals on it: a shell (`docker exec -it … sh`) and the main process (`docker attach`).
    await page.goto(routeUrl(mode, `/containers/${name}/terminal`))
    const phase = page.getByTestId('terminal-phase')
    const shell = page.getByTestId('terminal-session').filter({ hasText: 'shell' })
    const attach = page.getByTestId('terminal-session').filter({ hasText: 'attach' })
    await page.getByTestId('terminal-exec').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'shell')
    await expect.poll(() => processes(stats), { message: 'the stats count the shell' }).toBe(2)
    await page.getByTestId('terminal-attach').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'main')

    // The engine goes away, with the container; the terminal and the stats say so.
    await engine.stop()
    await expect(phase).not.toHaveAttribute('data-phase', /attached|opening/)
    await expect(stats.getByTestId('stats-waiting')).toContainText('The Docker engine stopped answering')
    await expect(stats.getByTestId('container-stats')).toHaveAttribute('data-phase', 'waiting')
    const restartedAt = Date.now()
    await engine.start()
    // The restart policy runs the container again; each terminal says what ended it and that the
    // engine restarted, and offers a way back. Docker stops its containers when it shuts down, which
    // ends their processes first; Podman's run on under conmon while its service restarts, and only
    // the connections to them are cut.
    const onDocker = ENGINE_KIND === 'docker'
    await expect(phase).toHaveText(
      onDocker
        ? `The main process exited with code 137, so the container stopped. Then the Docker engine restarted: reattach to follow the container.${KILLED}`
        : 'The Docker engine restarted, which cut this terminal: reattach to follow the container.',
      { timeout: ENGINE_RESTART_MS },
    )
    await expect(page.getByTestId('terminal-reattach')).toHaveText('Reattach')
    await statsResumed(stats, restartedAt)
    await page.screenshot({ path: 'test-results/terminal-revival-engine.png' })
    await stats.screenshot({ path: 'test-results/stats-revival-engine.png' })
    await page.getByTestId('terminal-reattach').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'main-again')

    await shell.click()
    const offer = 'run it again, or open a new shell.'
    await expect(phase).toHaveText(
      onDocker
        ? `The container stopped with code 137, which ended this shell. Then the Docker engine restarted: ${offer}${KILLED}`
        : `The Docker engine restarted, which cut this terminal: ${offer}`,
    )
    await expect(page.getByTestId('terminal-new-shell')).toBeEnabled()
    const before = await processes(stats)
    await page.getByTestId('terminal-reattach').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'shell-again')
    await expect.poll(() => processes(stats), { message: 'the stats count the new shell' }).toBe(before + 1)

    // `docker restart`: both end with the container's process; each pane says so and offers a way back.
    const restarted = Date.now()
    await container.restart({ t: 1 })
    // On Podman the code shows when its wait gave it in time: under load it can lag behind the restart.
    await expect(phase).toHaveText(afterKill('The container stopped', ', which ended this shell. The container started again: open a new shell in it.', onDocker), {
      timeout: CONTAINER_RUN_MS,
    })
    await statsResumed(stats, restarted)
    await page.getByTestId('terminal-new-shell').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'new-shell')
    await expect.poll(() => processes(stats)).toBe(2)
    await attach.click()
    // The code, when the engine's wait gave it before the restart ran the container again.
    await expect(phase).toHaveText(afterKill('The main process exited', ', so the container stopped. The container started again: reattach to follow it.', false))
    await page.getByTestId('terminal-reattach').click()
    await expect(phase).toHaveAttribute('data-phase', 'attached')
    await answers(page, 'main-after-restart')
    await stats.close()
  }, { fixtureImage: true, retryDelaysMs: [200] })
})
