// `npm run screenshot:projects [-- out-dir]`: pictures of compose projects in the real UI. Starts a
// private engine, makes a project of eight services as Compose v2 labels them (from the local busybox
// fixture) beside a plain container, opens browser mode in Chromium and saves the containers list, the
// project's Services and Logs tabs at 1400×900 and 800×600, dark and light, in out-dir (default: a temp
// dir), and docs/screenshot-projects.png (the merged logs, 1400×900, dark).
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { runV2Container } from '../test/env/compose-project'
import { docsPath, LOOKS, screenshots, shotName } from './shots'

const SERVICES = ['web', 'api', 'db', 'worker', 'cache', 'queue', 'mail', 'proxy']
const chatter = (service: string) => [
  'sh', '-c',
  `i=0; while true; do i=$((i+1)); echo "${service}: request $i handled in $((i*7%90+10))ms"; [ $((i%7)) = 0 ] && echo "${service}: slow upstream ($i)" >&2; sleep 0.$((3 + i % 5)); done`,
]

screenshots({
  engine: 'private',
  async stage() {
    for (const service of SERVICES) await runV2Container('shop', service, 1, chatter(service))
    await runV2Container('shop', 'web', 2, chatter('web'))
    await docker(['stop', '-t', '1', 'shop-mail-1'])
    await docker(['run', '-d', '--name', 'scratchpad', '--network', 'none', fixtureImage('busybox'), ...IDLE])
  },
  async shoot({ open, save, at }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      const page = await open(look)
      await page.locator('[data-project="shop"]').waitFor()
      await page.waitForTimeout(500)
      await save(page, join(out, shotName('containers', look)))
      await page.goto(at('/projects/shop'))
      await page.getByTestId('service-row').first().waitFor()
      await page.waitForTimeout(800)
      await save(page, join(out, shotName('project-services', look)))
      await page.goto(at('/projects/shop/logs'))
      await page.getByTestId('log-prefix').first().waitFor()
      await page.waitForTimeout(2500)
      await save(page, join(out, shotName('project-logs', look)))
      if (look === LOOKS[0]) await save(page, docsPath('screenshot-projects.png'))
      await page.close()
    }
  },
})
