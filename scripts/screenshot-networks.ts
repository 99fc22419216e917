// `npx tsx scripts/screenshot-networks.ts` (after `npx electron-vite build`): the README's picture of
// the Networks page, taken of the real UI. Starts a private engine with its bridge inside a network
// namespace of its own (nothing touches this machine's network), makes a few networks and containers
// from the local busybox fixture, and saves docs/screenshot-networks.png (dark).
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserMode } from '@main/browser-mode/server'
import { parseHost } from '@main/engine/endpoint'
import { startNetnsEngine } from '../test/env/netns-engine'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'

async function main(): Promise<void> {
  const engine = await startNetnsEngine()
  try {
    const cli = (...args: string[]) => docker(args, { host: engine.host })
    const base = fixtureImage('busybox')
    await cli('network', 'create', '--label', 'com.docker.compose.project=shop', 'shop_default')
    await cli('network', 'create', '--subnet', '10.30.0.0/24', '--internal', 'shop_backend')
    await cli('network', 'create', '--subnet', '10.40.0.0/16', '--gateway', '10.40.0.254', 'lab')
    await cli('network', 'create', 'scratch')
    const run = (name: string, network: string, ...more: string[]) => cli('run', '-d', '--name', name, '--network', network, ...more, base, ...IDLE)
    await run('shop-web-1', 'shop_default')
    await run('shop-api-1', 'shop_default', '--network-alias', 'api')
    await cli('network', 'connect', 'shop_backend', 'shop-api-1')
    await run('shop-db-1', 'shop_backend')
    await run('probe', 'lab')
    await cli('create', '--name', 'later', '--network', 'lab', base, ...IDLE)

    const mode = await startBrowserMode({
      rendererDir: resolve(__dirname, '../out/renderer'),
      engine: { endpoint: { host: engine.host, source: 'DOCKER_HOST', options: parseHost(engine.host, {}) } },
    })
    const browser = await chromium.launch({
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    const page = await browser.newPage({ viewport: { width: 1240, height: 560 }, deviceScaleFactor: 1, colorScheme: 'dark' })
    await page.goto(mode.url.replace('#token=', '#/networks?token='))
    await page.locator('[data-network="shop_backend"]').waitFor()
    await page.locator('[data-network="lab"]').getByText('later').waitFor()
    const path = resolve(__dirname, '../docs/screenshot-networks.png')
    await page.screenshot({ path })
    console.log(`Saved ${path}`)
    await browser.close()
    await mode.close()
  } finally {
    await engine.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
