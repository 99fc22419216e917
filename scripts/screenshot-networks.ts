// `npm run screenshot:networks`: the README's picture of the Networks page, taken of the real UI.
// Starts a private engine with its bridge inside a network namespace of its own (nothing touches this
// machine's network), makes a few networks and containers from the local busybox fixture, and saves
// docs/screenshot-networks.png (dark).
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, README, screenshots } from './shots'

screenshots({
  engine: 'netns',
  async stage() {
    const cli = (...args: string[]) => docker(args)
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
  },
  async shoot({ open, save }) {
    // Shorter than the other pictures: the list ends there.
    const page = await open({ ...README, height: 560 }, '/networks')
    await page.locator('[data-network="shop_backend"]').waitFor()
    await page.locator('[data-network="lab"]').getByText('later').waitFor()
    await save(page, docsPath('screenshot-networks.png'))
  },
})
