// Compose up and down from a file, in the window: a private engine with its bridge network in a network
// namespace of this test's own (compose makes a network per project) and its own browser-mode server.
// The file is read and checked before anything runs (an error at its line), fixed, brought up with the
// user's compose CLI, its containers appear in the list, and Down (with its volume, after a
// confirmation naming it) removes them, as `docker-compose ps` and `docker volume ls` say.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { parseHost } from '@main/engine/endpoint'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../env/netns-engine'
import { docker } from '../env/docker-cli'
import { BUSYBOX_IMAGE } from '../env/session'
import { CONTAINER_RUN_MS, IMAGE_TRANSFER_MS } from '../env/wait'
import { browserModeOn, CONNECTED, ENGINE_KIND, expect, RENDERER_DIR, routeUrl, test } from './fixtures'

const IDLE = `["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`
const compose = (commandKey: string) => `services:
  web:
    image: ${BUSYBOX_IMAGE}
    ${commandKey}: ${IDLE}
    volumes: ["data:/data"]
  worker:
    image: ${BUSYBOX_IMAGE}
    command: ${IDLE}
volumes:
  data: {}
`

let engine: NetnsEngine | undefined
let mode: BrowserMode | undefined
let folder = ''

test.describe('compose up and down from a file (a private engine with its bridge, in a network namespace)', () => {
  test.skip(!canMakeNetnsEngine(), 'needs root, ip and nsenter to make a network namespace')

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    // The folder's name is the project's: "Shop App" → shopapp.
    folder = join(mkdtempSync(join(tmpdir(), 'berth-compose-e2e-')), 'Shop App')
    mkdirSync(folder)
    engine = await startNetnsEngine(ENGINE_KIND)
    mode = await browserModeOn(engine.host)
  })

  test.afterAll(async () => {
    await mode?.close()
    await engine?.destroy()
    if (folder) rmSync(join(folder, '..'), { recursive: true, force: true })
  })

  test('a file with an error is refused at its line; fixed, Up makes its containers; Down with its volume removes them', async ({ page }) => {
    test.setTimeout(IMAGE_TRANSFER_MS * 2)
    const ns = engine as NetnsEngine
    const cli = (args: string[]) => docker(args, { host: ns.host })
    const composePs = () =>
      new Promise<string>((resolve, reject) =>
        execFile('docker-compose', ['-p', 'shopapp', '-f', join(folder, 'compose.yaml'), 'ps', '-q'], { cwd: folder, env: { ...process.env, DOCKER_HOST: ns.host } }, (err, out, stderr) =>
          err ? reject(new Error(stderr || err.message)) : resolve(out.trim()),
        ),
      )
    writeFileSync(join(folder, 'compose.yaml'), compose('comand'))
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))

    await page.goto((mode as BrowserMode).url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await page.getByTestId('compose-up-open').click()
    await expect(page).toHaveURL(/#\/compose/)
    await expect(page.getByTestId('compose-cli-name')).toHaveText(/docker compose|docker-compose|podman-compose/)
    await expect(page.getByTestId('compose-cli-version')).toHaveText(/\d+\.\d+/)

    await page.getByTestId('compose-path').fill(folder)
    await page.getByTestId('compose-open').click()
    const issue = page.getByTestId('compose-issue')
    await expect(issue).toHaveCount(1)
    await expect(issue).toHaveAttribute('data-line', '4')
    await expect(issue).toContainText('compose.yaml:4:5')
    await expect(issue).toContainText('"comand" is not a key')
    await expect(page.getByTestId('compose-up')).toBeDisabled()

    writeFileSync(join(folder, 'compose.yaml'), compose('command'))
    await page.getByTestId('compose-open').click()
    await expect(page.getByTestId('compose-issue')).toHaveCount(0)
    await expect(page.getByTestId('compose-service')).toHaveCount(2)
    await expect(page.getByTestId('compose-project')).toHaveValue('shopapp')
    await expect(page.getByTestId('compose-command')).toContainText(`-p shopapp -f '${join(folder, 'compose.yaml')}' up -d`)
    // The page's engine is not the CLI's default (that is the run's DOCKER_HOST): the line names it.
    await expect(page.getByTestId('compose-command')).toContainText(`docker-compose -H ${ns.host} -p shopapp`)
    // The route keeps the file: a reload lands on the same page with it read again.
    await page.reload()
    await expect(page.getByTestId('compose-service')).toHaveCount(2)

    await page.getByTestId('compose-up').click()
    const output = page.getByTestId('compose-output').first()
    await expect(output.getByTestId('compose-run-status')).toHaveText('Done (exit code 0).', { timeout: IMAGE_TRANSFER_MS })
    await expect(output.locator('.line[data-service="web"]').first()).toBeVisible()
    await expect(output.locator('.line[data-service="worker"]').first()).toBeVisible()
    await expect.poll(async () => (await composePs()).split('\n').filter(Boolean).length, { timeout: CONTAINER_RUN_MS }).toBe(2)
    if (process.env.BERTH_SCREENSHOTS) await page.screenshot({ path: join(process.env.BERTH_SCREENSHOTS, `compose-up-${ENGINE_KIND}.png`), fullPage: true })

    // The containers list shows them, by the names the CLI gave them.
    const names = (await cli(['ps', '--format', '{{.Names}}', '--filter', 'label=com.docker.compose.project=shopapp'])).split('\n').filter(Boolean)
    expect(names).toHaveLength(2)
    await page.goto(routeUrl(mode as BrowserMode, '/containers'))
    for (const name of names) await expect(page.locator(`[data-container="${name}"]`)).toBeVisible({ timeout: CONTAINER_RUN_MS })

    // Down, with the project's volume, after a confirmation that names it.
    await page.goBack()
    await expect(page.getByTestId('compose-service')).toHaveCount(2)
    await page.getByTestId('compose-up').click()
    await expect(page.getByTestId('compose-output').first().getByTestId('compose-run-status')).toHaveText('Done (exit code 0).', { timeout: IMAGE_TRANSFER_MS })
    const then = page.getByTestId('compose-then')
    await then.getByTestId('compose-down-volumes').check()
    await then.getByTestId('compose-down').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('shopapp_data')
    await dialog.getByRole('button', { name: /Down and remove 1 volume/ }).click()
    await expect(then.getByTestId('compose-run-status')).toHaveText('Done (exit code 0).', { timeout: IMAGE_TRANSFER_MS })
    await expect(then.getByTestId('compose-command')).toContainText(' down -v')
    expect(await composePs()).toBe('')
    expect((await cli(['volume', 'ls', '--format', '{{.Name}}'])).split('\n')).not.toContain('shopapp_data')
    await page.goto(routeUrl(mode as BrowserMode, '/containers'))
    for (const name of names) await expect(page.locator(`[data-container="${name}"]`)).toHaveCount(0)
    expect(problems).toEqual([])
  })

  test('with no compose CLI on PATH the page says how to get one and runs nothing; installed, Look again finds it', async ({ page }) => {
    const ns = engine as NetnsEngine
    // A PATH this test controls: empty first, then holding a link to the real docker-compose.
    const bin = mkdtempSync(join(tmpdir(), 'berth-compose-path-'))
    const none = await startBrowserMode({ rendererDir: RENDERER_DIR, engine: { endpoint: { host: ns.host, source: 'DOCKER_HOST', options: parseHost(ns.host, {}) } }, composeEnv: { ...process.env, PATH: bin } })
    try {
      writeFileSync(join(folder, 'compose.yaml'), compose('command'))
      await page.goto(none.url.replace('#token=', `#/compose?path=${encodeURIComponent(folder)}&token=`))
      await expect(page.getByTestId('compose-cli-missing')).toContainText('apt install docker-compose-plugin')
      await expect(page.getByTestId('compose-cli-missing')).toContainText('podman-compose')
      await expect(page.getByTestId('compose-service')).toHaveCount(2)
      await expect(page.getByTestId('compose-up')).toBeDisabled()
      await expect(page.getByTestId('compose-up')).toHaveAttribute('title', 'No compose CLI was found on this machine.')
      symlinkSync('/usr/bin/docker-compose', join(bin, 'docker-compose'))
      await page.getByTestId('compose-cli-refresh').click()
      await expect(page.getByTestId('compose-cli-name')).toHaveText('docker-compose')
      await expect(page.getByTestId('compose-up')).toBeEnabled()
    } finally {
      await none.close()
      rmSync(bin, { recursive: true, force: true })
    }
  })
})
