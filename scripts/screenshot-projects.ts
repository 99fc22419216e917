// `npx tsx scripts/screenshot-projects.ts [out-dir]`: pictures of compose projects in the real UI.
// Starts a private engine, makes a project of eight services as Compose v2 labels them (from the
// local busybox fixture) beside a plain container, opens browser mode in Chromium and saves the
// containers list, the project's Services and Logs tabs at 1400×900 and 800×600, dark and light, in
// out-dir (default: a temp dir), and docs/screenshot-projects.png (the merged logs, dark).
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserMode } from '@main/browser-mode/server'
import { startPrivateEngine } from '../test/env/engine'
import { docker } from '../test/env/docker-cli'
import { buildFixtureImages, IDLE } from '../test/env/fixtures'
import { runV2Container } from '../test/env/compose-project'

const SERVICES = ['web', 'api', 'db', 'worker', 'cache', 'queue', 'mail', 'proxy']
const chatter = (service: string) => [
  'sh', '-c',
  `i=0; while true; do i=$((i+1)); echo "${service}: request $i handled in $((i*7%90+10))ms"; [ $((i%7)) = 0 ] && echo "${service}: slow upstream ($i)" >&2; sleep 0.$((3 + i % 5)); done`,
]

async function main(): Promise<void> {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
  mkdirSync(out, { recursive: true })
  const engine = await startPrivateEngine()
  process.env.DOCKER_HOST = engine.host
  try {
    await buildFixtureImages()
    for (const service of SERVICES) await runV2Container('shop', service, 1, chatter(service))
    await runV2Container('shop', 'web', 2, chatter('web'))
    await docker(['stop', '-t', '1', 'shop-mail-1'])
    await docker(['run', '-d', '--name', 'scratchpad', '--network', 'none', 'berth-test/busybox:latest', ...IDLE])

    const mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../out/renderer') })
    const browser = await chromium.launch({
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    for (const [width, height] of [[1400, 900], [800, 600]] as const) {
      for (const scheme of ['dark', 'light'] as const) {
        const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: scheme })
        const shot = async (name: string) => {
          const path = join(out, `${name}-${width}x${height}-${scheme}.png`)
          await page.screenshot({ path })
          console.log(`Saved ${path}`)
        }
        await page.goto(mode.url)
        await page.locator('[data-project="shop"]').waitFor()
        await page.waitForTimeout(500)
        await shot('containers')
        await page.goto(mode.url.replace('#token=', '#/projects/shop?token='))
        await page.getByTestId('service-row').first().waitFor()
        await page.waitForTimeout(800)
        await shot('project-services')
        await page.goto(mode.url.replace('#token=', '#/projects/shop/logs?token='))
        await page.getByTestId('log-prefix').first().waitFor()
        await page.waitForTimeout(2500)
        await shot('project-logs')
        if (width === 1400 && scheme === 'dark') {
          const readme = resolve(__dirname, '../docs/screenshot-projects.png')
          await page.screenshot({ path: readme })
          console.log(`Saved ${readme}`)
        }
        await page.close()
      }
    }
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
