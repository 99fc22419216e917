// Published ports for real, from the run dialog: a private engine with its bridge network inside a
// network namespace of this test's own (test/env/netns-engine.ts), its own browser-mode server, and a
// container run from the form with -p, -P, env, a named, an anonymous and a bind volume and
// --volumes-from. Its httpd answers on the published ports inside the namespace; the window links the
// TCP ports to where a browser reaches them; the CLI line the dialog shows, run by the 20.10 CLI, makes
// a container the engine inspects the same.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'shell-quote'
import type { Page } from '@playwright/test'
import type { BrowserMode } from '@main/browser-mode/server'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../env/netns-engine'
import { runFields } from '../env/cli-oracle'
import { docker } from '../env/docker-cli'
import { BUSYBOX_IMAGE, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS } from '../env/wait'
import { browserModeOn, CONNECTED, containerRow, ENGINE_KIND, expect, routeUrl, test } from './fixtures'

/** An image that EXPOSEs a port, for -P to publish. */
const EXPOSING = 'berth-test/exposing:latest'
// Two servers: the bind's site on 8000 (the image's EXPOSE, published by -P) and the whole file system
// on 80 (published by -p), so the named, bind and --volumes-from mounts are all read over the port.
const COMMAND = 'sh -c "httpd -p 8000 -h /www && exec httpd -f -p 80 -h /"'

let engine: NetnsEngine | undefined
let mode: BrowserMode | undefined
let scratch = ''

test.describe('published ports (a private engine with its bridge, in a network namespace)', () => {
  test.skip(!canMakeNetnsEngine(), 'needs root, ip and nsenter to make a network namespace')

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    scratch = mkdtempSync(join(tmpdir(), 'berth-ports-e2e-'))
    engine = await startNetnsEngine(ENGINE_KIND)
    mode = await browserModeOn(engine.host)
    const context = join(scratch, 'exposing')
    mkdirSync(context)
    writeFileSync(join(context, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nEXPOSE 8000\n`)
    await docker(['build', '--network=none', '--quiet', '-t', EXPOSING, context], { host: engine.host })
    const site = join(scratch, 'site')
    mkdirSync(site)
    writeFileSync(join(site, 'index.html'), 'the bind mount\n')
  })

  // Always, even after a failure: the engine, its namespace and everything under its dir go.
  test.afterAll(async () => {
    await mode?.close()
    await engine?.destroy()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  test('a container run from the dialog answers on its -p and -P ports, linked in the window, as the CLI makes it', async ({ page }) => {
    test.setTimeout(180_000)
    const ns = engine as NetnsEngine
    const cli = (args: string[]) => docker(args, { host: ns.host })
    const name = uniqueName('ports-web')
    const source = uniqueName('ports-src')
    const data = uniqueName('ports-data')
    await cli(['run', '--name', source, '--network', 'none', '-v', '/shared', BUSYBOX_IMAGE, 'sh', '-c', 'echo from the source > /shared/note.txt'])
    await cli(['volume', 'create', data])
    await cli(['run', '--rm', '--network', 'none', '-v', `${data}:/data`, BUSYBOX_IMAGE, 'sh', '-c', 'echo in the volume > /data/note.txt'])

    const problems = watchProblems(page)
    await page.goto((mode as BrowserMode).url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await page.getByTestId('containers-run').click()
    const dialog = page.getByTestId('run-dialog')
    await dialog.getByTestId('run-image').fill(EXPOSING)
    await dialog.getByTestId('run-name').fill(name)
    await dialog.getByTestId('run-command').fill(COMMAND)
    await dialog.getByTestId('run-port-add').click()
    await dialog.getByTestId('run-port-0').fill('8080:80')
    await dialog.getByTestId('run-port-add').click()
    await dialog.getByTestId('run-port-1').fill('127.0.0.1:9053:53/udp')
    await dialog.getByTestId('run-publish-all').check()
    await dialog.getByTestId('run-env-add').click()
    await dialog.getByTestId('run-env-0').fill('GREETING=hello world')
    await dialog.getByTestId('mount-add').click()
    await dialog.getByTestId('mount-0-source').fill(data)
    await dialog.getByTestId('mount-0-target').fill('/data')
    await dialog.getByTestId('mount-add').click()
    await dialog.getByTestId('mount-1-kind').selectOption('anonymous')
    await dialog.getByTestId('mount-1-target').fill('/cache')
    await dialog.getByTestId('mount-add').click()
    await dialog.getByTestId('mount-2-kind').selectOption('bind')
    await dialog.getByTestId('mount-2-source').fill(join(scratch, 'site'))
    await dialog.getByTestId('mount-2-target').fill('/www')
    await dialog.getByTestId('mount-2-ro').check()
    await dialog.getByTestId('from-add').click()
    await dialog.getByTestId('from-0').fill(source)
    const line = `-p 8080:80 -p 127.0.0.1:9053:53/udp -P -e 'GREETING=hello world' -v ${data}:/data -v /cache -v ${join(scratch, 'site')}:/www:ro --volumes-from ${source}`
    await expect(dialog.getByTestId('run-cli')).toContainText(line)
    await expect(dialog.getByTestId('run-problems')).toHaveCount(0)
    const shown = (await dialog.getByTestId('run-cli').textContent()) ?? ''
    await dialog.getByTestId('run-submit').click()
    await expect(page.getByTestId('container-page').getByTestId('state')).toHaveText('running')

    // Reached from inside the namespace: the bind on both ports, the named volume and --volumes-from on 80.
    const inspected = await ns.docker.getContainer(name).inspect()
    const publishedAll = Number(inspected.NetworkSettings.Ports['8000/tcp']?.[0]?.HostPort)
    expect(publishedAll, '-P gave the EXPOSEd port a host port').toBeGreaterThan(0)
    const get = (port: number, path: string) => ns.inNamespace(['wget', '-qO-', `http://127.0.0.1:${port}${path}`], 5000).catch(() => '')
    await expect.poll(() => get(8080, '/www/index.html'), { timeout: CONTAINER_RUN_MS }).toBe('the bind mount')
    expect(await get(8080, '/data/note.txt')).toBe('in the volume')
    expect(await get(8080, '/shared/note.txt')).toBe('from the source')
    await expect.poll(() => get(publishedAll, '/index.html'), { timeout: CONTAINER_RUN_MS }).toBe('the bind mount')

    // The Inspect tab links each TCP binding; the UDP one, bound to loopback, is text.
    await page.getByRole('tab', { name: /Inspect/ }).click()
    const ports = page.getByTestId('inspect-ports')
    await expect(ports.locator('[data-port="80/tcp"]').getByTestId('port-link').first()).toHaveAttribute('href', 'http://localhost:8080/')
    await expect(ports.locator('[data-port="80/tcp"]').getByTestId('port-link').first()).toHaveText(/:8080$/)
    await expect(ports.locator('[data-port="8000/tcp"]').getByTestId('port-link').first()).toHaveAttribute('href', `http://localhost:${publishedAll}/`)
    await expect(ports.locator('[data-port="53/udp"]')).toHaveText('127.0.0.1:9053 → 53/udp')
    await expect(ports.locator('[data-port="53/udp"]').getByTestId('port-link')).toHaveCount(0)
    await expect(page.getByTestId('ports-note')).toHaveCount(0)
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'inspect')

    // The list's row: as `docker ps` writes them, the TCP ones opening where a browser reaches them.
    await page.goto(routeUrl(mode as BrowserMode, '/containers'))
    const row = containerRow(page, name)
    await expect(row.getByTestId('port')).toHaveText(['127.0.0.1:9053→53/udp'])
    await expect(row.getByTestId('port-link')).toHaveText(['8080→80/tcp', `${publishedAll}→8000/tcp`])
    await expect(row.getByTestId('port-link').first()).toHaveAttribute('href', 'http://localhost:8080/')
    await expect(row.getByTestId('port-link').last()).toHaveAttribute('href', `http://localhost:${publishedAll}/`)
    await expect(row.getByTestId('port-link').first()).toHaveAttribute('target', '_blank')
    await expect(row.getByTestId('port-link').first()).toHaveAttribute('rel', 'noopener noreferrer')
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'list')

    // The dialog's own command line, run by the CLI under another name and host ports: the same container.
    const twin = `${name}-cli`
    const words = parse(shown).map((w) => (typeof w === 'string' ? w : ''))
    const args = words.slice(1).map((w, i, all) => (all[i - 1] === '--name' ? twin : w.replace('8080:80', '8081:80').replace(':9053:', ':9054:')))
    expect(args).toContain('8081:80')
    await cli(args)
    const ours = runFields(await ns.docker.getContainer(name).inspect())
    const theirs = runFields(await ns.docker.getContainer(twin).inspect())
    const samePorts = (fields: Record<string, unknown>) => JSON.stringify(fields).replace(/"HostPort":"\d+"/g, '"HostPort":"N"')
    expect(samePorts(ours)).toBe(samePorts(theirs))
    const host = ours.HostConfig as { PortBindings: Record<string, unknown>; PublishAllPorts: boolean }
    const asked = { '53/udp': [{ HostIp: '127.0.0.1', HostPort: '9053' }], '80/tcp': [{ HostIp: '', HostPort: '8080' }] }
    // Podman's Docker API turns -P into bindings of its own at create time (a random host port, which
    // runFields names <random>); Docker keeps the flag.
    if (ENGINE_KIND === 'podman') expect(host.PortBindings).toEqual({ ...asked, '8000/tcp': [{ HostIp: '', HostPort: publishedAll >= 32768 ? '<random>' : String(publishedAll) }] })
    else expect([host.PortBindings, host.PublishAllPorts]).toEqual([asked, true])
    await expect.poll(() => get(8081, '/shared/note.txt'), { timeout: CONTAINER_RUN_MS }).toBe('from the source')
    expect(problems, 'the page raised errors or dialogs').toEqual([])
  })
})

function watchProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  return problems
}

/** The page as it is, wide and narrow, dark and light (BERTH_SCREENSHOTS=<dir>), to look at. */
async function screenshots(page: Page, dir: string, what: string): Promise<void> {
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [width, height] of [[1400, 900], [800, 600]] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: join(dir, `ports-${what}-${width}-${scheme}.png`) })
    }
  }
  await page.setViewportSize({ width: 1240, height: 760 })
}
