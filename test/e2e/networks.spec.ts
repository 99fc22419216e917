// Networks in the window, on a private engine with its bridge inside a network namespace of this
// test's own (test/env/netns-engine.ts) and its own browser-mode server: create one, see it listed
// live, connect a container and see its address on the container's page, the removal refused while
// it is in use, disconnect, remove, and prune after a preview. The CLI on the same engine checks each.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { BrowserMode } from '@main/browser-mode/server'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../env/netns-engine'
import { docker } from '../env/docker-cli'
import { IDLE } from '../env/fixtures'
import { BUSYBOX_IMAGE, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS } from '../env/wait'
import { browserModeOn, CONNECTED, ENGINE_KIND, expect, routeUrl, test } from './fixtures'

let engine: NetnsEngine | undefined
let mode: BrowserMode | undefined

const row = (page: Page, name: string) => page.locator(`[data-network="${name}"]`)

test.describe('networks (a private engine with its bridge, in a network namespace)', () => {
  test.skip(!canMakeNetnsEngine(), 'needs root, ip and nsenter to make a network namespace')

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    engine = await startNetnsEngine(ENGINE_KIND)
    mode = await browserModeOn(engine.host)
  })
  test.afterAll(async () => {
    await mode?.close()
    await engine?.destroy()
  })

  test('create, list live, connect, see the address, removal refused in use, disconnect, remove, prune', async ({ page }) => {
    test.setTimeout(180_000)
    const ns = engine as NetnsEngine
    const berth = mode as BrowserMode
    const cli = (args: string[]) => docker(args, { host: ns.host })
    const network = uniqueName('app-net')
    const web = uniqueName('web')
    await cli(['run', '-d', '--name', web, BUSYBOX_IMAGE, ...IDLE])
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))

    await page.goto(berth.url)
    await expect(page.getByTestId('engine-status')).toContainText(CONNECTED)
    await page.locator('[data-nav="networks"]').click()
    await expect(row(page, 'bridge')).toBeVisible()
    // The window says what differs on Podman; on Docker it says nothing of it.
    await expect(page.getByTestId('networks-podman-note')).toHaveCount(ENGINE_KIND === 'podman' ? 1 : 0)

    // Create, with the CLI line the dialog shows; listed with its subnet.
    await page.getByTestId('networks-create').click()
    const dialog = page.getByTestId('create-network-dialog')
    await dialog.getByTestId('network-name').fill(network)
    await dialog.getByTestId('network-subnet').fill('10.77.0.0/24')
    await dialog.getByTestId('network-internal').check()
    // The engine in view is not the CLI's default (the run's DOCKER_HOST), so the line names it.
    await expect(dialog.getByTestId('network-create-cli')).toHaveText(`docker -H ${engine!.host} network create --subnet 10.77.0.0/24 --internal ${network}`)
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'create')
    await dialog.getByTestId('network-create-submit').click()
    await expect(dialog).toHaveCount(0)
    await expect(row(page, network).getByTestId('network-subnet')).toHaveText('10.77.0.0/24')
    await expect(row(page, network)).toContainText('internal')
    expect(await cli(['network', 'inspect', '--format', '{{.Internal}} {{range .IPAM.Config}}{{.Subnet}}{{end}}', network])).toBe('true 10.77.0.0/24')

    // Made outside Berth: listed by the events on Docker; Podman 4.3 sends none for it, so Refresh.
    const outside = uniqueName('outside-net')
    await cli(['network', 'create', outside])
    if (ENGINE_KIND === 'podman') await page.getByTestId('networks-refresh').click()
    await expect(row(page, outside)).toBeVisible({ timeout: ENGINE_ANSWER_MS })
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'list')

    // Connect from the network's page, with an alias.
    await row(page, network).getByRole('link', { name: network }).click()
    await expect(page.getByTestId('network-page')).toBeVisible()
    await page.getByTestId('connect-pick').selectOption(web)
    await page.getByTestId('connect-aliases').fill('api')
    await expect(page.getByTestId('connect-submit')).toHaveAttribute('title', `docker -H ${engine!.host} network connect --alias api ${network} ${web}`)
    await page.getByTestId('connect-submit').click()
    const member = page.getByTestId('network-members').locator(`[data-endpoint="${web}"]`)
    await expect(member.getByTestId('endpoint-ipv4')).toHaveText(/^10\.77\.0\.\d+\/24$/, { timeout: CONTAINER_RUN_MS })
    const ip = await cli(['inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, web])
    await expect(member.getByTestId('endpoint-ipv4')).toHaveText(`${ip}/24`)
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'page')
    // The Inspect tab: the engine's whole answer, naming the container on it.
    await page.getByTestId('network-tab-inspect').click()
    await expect(page.getByTestId('json-view')).toContainText(`"Name": "${web}"`)
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'inspect')
    await page.getByTestId('network-tab-summary').click()

    // The container's page shows the network, its address and the alias.
    await member.getByRole('link', { name: web }).click()
    const onContainer = page.getByTestId('container-networks').locator(`[data-endpoint="${network}"]`)
    await expect(onContainer.getByTestId('endpoint-ipv4')).toHaveText(`${ip}/24`)
    await expect(onContainer).toContainText('api')
    if (process.env.BERTH_SCREENSHOTS) await screenshots(page, process.env.BERTH_SCREENSHOTS, 'container')

    // Removal refused while in use, naming the container; nothing changes.
    await page.goto(routeUrl(berth, '/networks'))
    await row(page, network).getByTestId('network-remove').click()
    const refusal = page.getByTestId('remove-network-dialog')
    await expect(refusal).toContainText(`in use by ${web}`)
    await expect(refusal.getByRole('button', { name: 'Remove' })).toHaveCount(0)
    await refusal.getByRole('button', { name: 'Cancel' }).click()
    expect(await cli(['network', 'inspect', '--format', '{{.Name}}', network])).toBe(network)

    // Disconnect on the container's page; then the removal goes through.
    await page.goto(routeUrl(berth, `/containers/${web}/inspect`))
    await page.getByTestId('container-networks').locator(`[data-endpoint="${network}"]`).getByTestId('endpoint-disconnect').click()
    await expect(page.getByTestId('container-networks').locator(`[data-endpoint="${network}"]`)).toHaveCount(0)
    await page.goto(routeUrl(berth, '/networks'))
    await expect(row(page, network).getByTestId('network-containers')).toHaveText('none')
    await row(page, network).getByTestId('network-remove').click()
    await page.getByTestId('remove-network-dialog').getByRole('button', { name: 'Remove' }).click()
    await expect(row(page, network)).toHaveCount(0)
    await expect(cli(['network', 'inspect', network])).rejects.toThrow(/No such network/i)

    // The Run dialog offers the engine's networks for --network.
    await page.goto(routeUrl(berth, '/containers'))
    await page.getByTestId('containers-run').click()
    await expect(page.getByTestId('run-network-choices').locator(`option[value="${outside}"]`)).toHaveCount(1)
    await page.getByTestId('dialog-close').click()

    // Prune: the preview names what goes (the outside one, no container on it), then it goes.
    await page.goto(routeUrl(berth, '/networks'))
    await page.getByTestId('prune-networks').click()
    const prune = page.getByTestId('prune-networks-dialog')
    await expect(prune).toContainText(`1 network no container uses will be removed: ${outside}.`)
    await prune.getByRole('button', { name: 'Remove 1 network' }).click()
    await expect(row(page, outside)).toHaveCount(0)
    expect((await cli(['network', 'ls', '--format', '{{.Name}}'])).split('\n')).not.toContain(outside)
    expect(problems).toEqual([])
  })
})

/** The page as it is, wide and narrow, dark and light (BERTH_SCREENSHOTS=<dir>), to look at. */
async function screenshots(page: Page, dir: string, what: string): Promise<void> {
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [width, height] of [[1400, 900], [800, 600]] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: join(dir, `networks-${what}-${width}-${scheme}.png`) })
    }
  }
  await page.setViewportSize({ width: 1240, height: 760 })
}
