// Engines: every docker context, as the CLI lists them, switched live. Each test has a docker config
// dir of its own (DOCKER_CONFIG) with a context for each of two private engines, `alpha` (the CLI's
// default, so Berth starts on it) and `beta`, and for the switch `gamma`, an engine of the other kind;
// Berth's browser mode starts there as a user's would, with no DOCKER_HOST. The docker CLI, with the
// same config dir, is the oracle.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { docker } from '../env/docker-cli'
import { fixtureImage, IDLE } from '../env/fixtures'
import { startPrivateEngine, testEngineKind, type PrivateEngine } from '../env/engine'
import { copyFixtureImage } from '../env/private-images'
import { uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_RESTART_MS } from '../env/wait'
import { CONNECTED, containerRow, expect, RENDERER_DIR, routeUrl, test } from './fixtures'

interface Contexts {
  alpha: PrivateEngine
  beta: PrivateEngine
  /** With `otherKind`: a third engine of the other kind (Podman on a Docker run, Docker on a Podman one). */
  gamma?: PrivateEngine
  mode: BrowserMode
  /** The docker CLI with this test's config dir. */
  cli(...args: string[]): Promise<string>
}

/** One line of `docker context ls --format '{{json .}}'`. */
interface CliContext {
  Name: string
  Description: string
  DockerEndpoint: string
  Current: boolean
}

async function contextList(cli: Contexts['cli']): Promise<CliContext[]> {
  const out = await cli('context', 'ls', '--format', '{{json .}}')
  return out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CliContext)
}

/**
 * Two private engines (three with `otherKind`), a config dir with a context for each (alpha the CLI's default), and Berth on
 * it. DOCKER_HOST is taken away for the while (it would pin the CLI and Berth to the run's engine),
 * after DOCKER_CONFIG is set, so nothing ever falls back to this machine's own engine or config.
 */
async function withContexts(body: (c: Contexts) => Promise<void>, { otherKind = false } = {}): Promise<void> {
  const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG }
  const config = mkdtempSync(join(tmpdir(), 'berth-engines-config-'))
  const cli = (...args: string[]) => docker(args, { env: { DOCKER_CONFIG: config } })
  const engines: PrivateEngine[] = []
  let mode: BrowserMode | undefined
  try {
    const alpha = await startPrivateEngine()
    engines.push(alpha)
    const beta = await startPrivateEngine()
    engines.push(beta)
    const gamma = otherKind ? await startPrivateEngine(testEngineKind() === 'docker' ? 'podman' : 'docker') : undefined
    if (gamma) engines.push(gamma)
    await Promise.all([alpha, beta, ...(gamma ? [gamma] : [])].map((e) => copyFixtureImage(e.host)))
    process.env.DOCKER_CONFIG = config
    delete process.env.DOCKER_HOST
    await cli('context', 'create', 'alpha', '--description', 'The first engine', '--docker', `host=${alpha.host}`)
    await cli('context', 'create', 'beta', '--description', 'The second engine', '--docker', `host=${beta.host}`)
    if (gamma) await cli('context', 'create', 'gamma', '--description', 'The other kind of engine', '--docker', `host=${gamma.host}`)
    await cli('context', 'use', 'alpha')
    // A state folder of its own: the engine a test leaves Berth on is not where the next one starts.
    mode = await startBrowserMode({ rendererDir: RENDERER_DIR, stateDir: join(config, 'berth-state') })
    await body({ alpha, beta, ...(gamma ? { gamma } : {}), mode, cli })
  } finally {
    await mode?.close()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    for (const engine of engines) await engine.destroy()
    rmSync(config, { recursive: true, force: true })
  }
}

/** A page of Berth at a route, once it shows a connected engine. */
async function openAt(page: Page, mode: BrowserMode, route: string): Promise<void> {
  await page.goto(routeUrl(mode, route))
  await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
}

/**
 * An engine just switched to is connected anew, as after a restart, and its first list waits on its
 * version: Podman 4.3's /version took 22 s here under load while `docker ps` took 0.2 s.
 */
const FIRST_ANSWER_MS = ENGINE_RESTART_MS

const engineRow = (page: Page, name: string) => page.getByTestId('engine-list').locator(`tr[data-engine="${name}"]`)

async function useInBerth(page: Page, mode: BrowserMode, name: string): Promise<void> {
  if (!page.url().includes('#/engines')) await openAt(page, mode, '/engines')
  await engineRow(page, name).getByTestId('engine-use').click()
  await expect(engineRow(page, name).getByTestId('engine-in-view')).toBeVisible({ timeout: ENGINE_RESTART_MS })
}

test('the engine list is docker context ls: names, descriptions, endpoints and the CLI’s default', async ({ page }) => {
  test.setTimeout(120_000)
  await withContexts(async ({ mode, cli }) => {
    await openAt(page, mode, '/engines')
    const oracle = await contextList(cli)
    await expect(engineRow(page, 'beta')).toBeVisible()
    for (const context of oracle) {
      const row = engineRow(page, context.Name)
      await expect(row.getByTestId('engine-host')).toHaveText(context.DockerEndpoint)
      if (context.Description) await expect(row.getByTestId('engine-description')).toHaveText(context.Description)
      await expect(row.getByTestId('engine-cli-default')).toHaveCount(context.Current ? 1 : 0)
    }
    // No context row the CLI does not list (sockets Berth found are marked as such, not contexts).
    const shown = await page.getByTestId('engine-list').locator('tr[data-kind="context"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-engine')))
    expect(shown.sort()).toEqual(oracle.map((c) => c.Name).sort())
    // Berth starts where the CLI points: alpha, its default.
    await expect(engineRow(page, 'alpha').getByTestId('engine-in-view')).toBeVisible()
    await expect(engineRow(page, 'alpha').getByTestId('engine-reach')).toContainText(CONNECTED)
    // The switcher lists the same engines.
    await page.getByTestId('engine-switcher').click()
    for (const context of oracle) await expect(page.getByTestId('engine-menu').locator(`[data-engine="${context.Name}"]`)).toBeVisible()
  })
})

test('switching moves every page: the lists show the other engine, streams of the old one say they closed, the CLI stays', async ({ page, context }) => {
  test.setTimeout(180_000)
  await withContexts(async ({ alpha, beta, gamma, mode, cli }) => {
    const onAlpha = uniqueName('on-alpha')
    const onBeta = uniqueName('on-beta')
    await docker(['run', '-d', '--name', onAlpha, fixtureImage('busybox'), ...IDLE], { host: alpha.host })
    await docker(['run', '-d', '--name', onBeta, fixtureImage('busybox'), ...IDLE], { host: beta.host })

    // A log pane, a terminal and a stats tab on alpha's container, each in a page of its own.
    const logs = await context.newPage()
    await openAt(logs, mode, `/containers/${onAlpha}/logs`)
    await expect(logs.getByTestId('log-status')).toBeVisible({ timeout: CONTAINER_RUN_MS })
    const terminal = await context.newPage()
    await openAt(terminal, mode, `/containers/${onAlpha}/terminal`)
    await terminal.getByTestId('terminal-exec').click()
    await expect(terminal.getByTestId('terminal-phase')).toHaveAttribute('data-phase', 'attached', { timeout: CONTAINER_RUN_MS })
    const stats = await context.newPage()
    await openAt(stats, mode, `/containers/${onAlpha}/stats`)
    await expect(stats.getByTestId('container-stats')).toHaveAttribute('data-phase', 'running', { timeout: CONTAINER_RUN_MS })

    await openAt(page, mode, '/containers')
    await expect(containerRow(page, onAlpha)).toBeVisible()
    await useInBerth(page, mode, 'beta')

    // Each page of alpha's container says, in a sentence, where it was and what closed.
    for (const [tab, closed] of [[logs, 'log stream closed'], [terminal, 'terminal closed'], [stats, 'stats stopped']] as const) {
      const note = tab.getByTestId('switched-away')
      await expect(note).toContainText(`${onAlpha} was on engine alpha; Berth now shows engine beta.`, { timeout: ENGINE_RESTART_MS })
      await expect(note).toContainText(closed)
      await expect(tab.getByTestId('log-lines')).toHaveCount(0)
      await expect(tab.getByTestId('terminal-tab')).toHaveCount(0)
      await expect(tab.getByTestId('container-stats')).toHaveCount(0)
    }

    // The list is beta's, as `docker --context beta ps -a` lists it.
    await page.goto(routeUrl(mode, '/containers'))
    const oracle = (await cli('--context', 'beta', 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter(Boolean)
    for (const name of oracle) await expect(containerRow(page, name)).toBeVisible({ timeout: FIRST_ANSWER_MS })
    await expect(containerRow(page, onAlpha)).toHaveCount(0)

    // A line Berth shows now carries the engine: pasted, it acts on beta, not on the CLI's default.
    await containerRow(page, onBeta).getByRole('button', { name: 'Stop' }).click()
    await expect(page.getByTestId('cli-equivalent')).toHaveText(`$ docker --context beta stop ${onBeta}`)
    await expect.poll(() => cli('--context', 'beta', 'inspect', '--format', '{{.State.Status}}', onBeta), { timeout: CONTAINER_RUN_MS }).toBe('exited')
    await page.goto(routeUrl(mode, `/containers/${onBeta}/logs`))
    await expect(page.locator('.pane code.cli')).toContainText(`docker --context beta logs -f`)

    // The third engine is of the other kind: its containers, and its name in the switcher.
    if (!gamma) throw new Error('the switch test runs with a third engine')
    const onGamma = uniqueName('on-gamma')
    await docker(['run', '-d', '--name', onGamma, fixtureImage('busybox'), ...IDLE], { host: gamma.host })
    await useInBerth(page, mode, 'gamma')
    await expect(page.getByTestId('engine-product')).toContainText(gamma.kind === 'podman' ? 'Podman' : 'Docker Engine')
    await page.goto(routeUrl(mode, '/containers'))
    await expect(containerRow(page, onGamma)).toBeVisible({ timeout: FIRST_ANSWER_MS })
    await expect(containerRow(page, onBeta)).toHaveCount(0)
    const gammaOracle = (await cli('--context', 'gamma', 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter(Boolean)
    for (const name of gammaOracle) await expect(containerRow(page, name)).toBeVisible()

    // The CLI's default did not move: Berth changes it only when asked.
    expect((await contextList(cli)).find((c) => c.Current)?.Name).toBe('alpha')

    // And back: alpha's container is listed again, and a line needs no flag on the CLI's default.
    await useInBerth(page, mode, 'alpha')
    await page.goto(routeUrl(mode, '/containers'))
    await expect(containerRow(page, onGamma), 'the other engine’s rows go at once').toHaveCount(0)
    await expect(containerRow(page, onAlpha)).toBeVisible({ timeout: FIRST_ANSWER_MS })
    await containerRow(page, onAlpha).getByRole('button', { name: 'Stop' }).click()
    await expect(page.getByTestId('cli-equivalent')).toHaveText(`$ docker stop ${onAlpha}`)
  }, { otherKind: true })
})

test('Add engine: a bad host is a sentence and changes nothing; a good one is a context the CLI lists', async ({ page }) => {
  test.setTimeout(120_000)
  await withContexts(async ({ beta, mode, cli }) => {
    await openAt(page, mode, '/engines')
    const before = await contextList(cli)
    await page.getByTestId('engines-add').click()
    const dialog = page.getByTestId('add-engine-dialog')

    // Not an address at all: said beside the field, nothing sent.
    await dialog.getByTestId('engine-add-name').fill('nowhere')
    await dialog.getByTestId('engine-add-host').fill('build-box:2376')
    await dialog.getByTestId('engine-add-submit').click()
    await expect(dialog.getByRole('alert').first()).toContainText('is not an engine address')

    // An address where nothing answers: the engine is asked first, and the sentence says why not.
    await dialog.getByTestId('engine-add-host').fill('tcp://127.0.0.1:1')
    await expect(dialog.getByTestId('engine-add-cli')).toHaveText('docker context create nowhere --docker host=tcp://127.0.0.1:1')
    await dialog.getByTestId('engine-add-submit').click()
    await expect(dialog.getByTestId('engine-add-error')).toBeVisible({ timeout: ENGINE_RESTART_MS })
    expect(await dialog.getByTestId('engine-add-error').textContent()).toMatch(/\w+ \w+.*\./)
    expect(await contextList(cli)).toEqual(before)

    // A good one: the CLI lists it, with what was typed, exactly.
    await dialog.getByTestId('engine-add-name').fill('gamma')
    await dialog.getByTestId('engine-add-description').fill('Beta, by another name')
    await dialog.getByTestId('engine-add-host').fill(beta.host)
    await dialog.getByTestId('engine-add-submit').click()
    await expect(dialog).toHaveCount(0, { timeout: ENGINE_RESTART_MS })
    const gamma = (await contextList(cli)).find((c) => c.Name === 'gamma')
    expect(gamma).toMatchObject({ Description: 'Beta, by another name', DockerEndpoint: beta.host, Current: false })
    await expect(engineRow(page, 'gamma').getByTestId('engine-host')).toHaveText(beta.host)

    // Make it the CLI's default, as `docker context use gamma` would; then remove beta.
    await engineRow(page, 'gamma').getByTestId('engine-make-default').click()
    await expect(page.getByTestId('engine-default-dialog')).toContainText('docker context use gamma')
    await page.getByTestId('engine-default-dialog').getByRole('button', { name: 'Make it the default' }).click()
    await expect.poll(async () => (await contextList(cli)).find((c) => c.Current)?.Name).toBe('gamma')
    await expect(engineRow(page, 'gamma').getByTestId('engine-cli-default')).toBeVisible()
    await engineRow(page, 'beta').getByTestId('engine-remove').click()
    await expect(page.getByTestId('engine-remove-dialog')).toContainText('docker context rm beta')
    await page.getByTestId('engine-remove-dialog').getByRole('button', { name: 'Remove' }).click()
    await expect.poll(async () => (await contextList(cli)).map((c) => c.Name)).not.toContain('beta')
    await expect(engineRow(page, 'beta')).toHaveCount(0)
  })
})
