// `npm run screenshot:engines`: the Engines page, the sidebar's engine switcher and the Add engine
// dialog, in every look (into the folder given, or a temp one), and the README's picture
// (docs/screenshot-engines.png). The docker CLI's contexts live in a config dir of the script's own:
// the private engine, a second private engine, and two that do not answer.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { startPrivateEngine, type PrivateEngine } from '../test/env/engine'
import { copyFixtureImage } from '../test/env/private-images'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

const config = mkdtempSync(join(tmpdir(), 'berth-shot-engines-'))
let second: PrivateEngine | undefined

/** The CLI with the script's config dir (context commands read no DOCKER_HOST). */
const contexts = (...args: string[]) => docker(args, { env: { DOCKER_CONFIG: config } })

async function openMenu(page: Page): Promise<void> {
  await page.getByTestId('engine-switcher').click()
  await page.getByTestId('engine-menu').locator('[data-engine="lab"]').waitFor()
}

screenshots({
  engine: 'private',
  async stage() {
    process.env.DOCKER_CONFIG = config
    second = await startPrivateEngine()
    await copyFixtureImage(second.host)
    await docker(['run', '-d', '--name', 'web', fixtureImage('busybox'), ...IDLE])
    await docker(['run', '-d', '--name', 'nightly-build', fixtureImage('busybox'), ...IDLE], { host: second.host })
    await contexts('context', 'create', 'laptop', '--description', 'This machine’s engine', '--docker', `host=${process.env.DOCKER_HOST}`)
    await contexts('context', 'create', 'lab', '--description', 'The second engine on this machine', '--docker', `host=${second.host}`)
    await contexts('context', 'create', 'build-box', '--description', 'The build machine under the desk', '--docker', 'host=ssh://me@127.0.0.1:1')
    await contexts('context', 'create', 'rack', '--description', 'TLS on the rack', '--docker', 'host=tcp://127.0.0.1:1')
    await contexts('context', 'use', 'laptop')
  },
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      const page = await open(look, '/engines')
      await page.getByTestId('engine-list').locator('[data-engine="rack"]').waitFor()
      await save(page, join(out, shotName('engines', look)))
      await openMenu(page)
      await save(page, join(out, shotName('engine-menu', look)))
      await page.keyboard.press('Escape')
      await page.getByTestId('engines-add').click()
      await page.getByTestId('engine-add-name').fill('rack-2')
      await page.getByTestId('engine-add-host').fill('tcp://10.0.0.5:2376')
      await page.getByTestId('engine-add-ca').fill('/home/me/certs/ca.pem')
      await page.getByTestId('engine-add-cert').fill('/home/me/certs/cert.pem')
      await page.getByTestId('engine-add-key').fill('/home/me/certs/key.pem')
      await save(page, join(out, shotName('add-engine', look)))
      await page.close()
    }
    // The README's picture: every engine probed, so each row says how it answered.
    const page = await open({ ...README, height: 560 }, '/engines')
    await page.getByTestId('engine-list').locator('[data-engine="rack"]').waitFor()
    await page.getByTestId('engine-list').getByText('Checking…').first().waitFor({ state: 'detached', timeout: 30_000 })
    await save(page, docsPath('screenshot-engines.png'))
    await page.close()
  },
  async finish() {
    await second?.destroy()
    rmSync(config, { recursive: true, force: true })
  },
})
