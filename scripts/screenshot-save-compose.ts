// `npx tsx scripts/screenshot-save-compose.ts [folder]`: the Save as compose dialog, taken of the real
// UI in browser mode, as docs/screenshot-save-compose.png (1400×900, dark); with a folder, also at
// 800×600 and in the light theme there, to look at. Starts a private engine with three containers
// made from the local busybox fixture.
import { join, resolve } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { startPrivateEngine } from '../test/env/engine'
import { docker } from '../test/env/docker-cli'
import { buildFixtureImages, fixtureImage, IDLE } from '../test/env/fixtures'

async function shoot(browser: Browser, mode: BrowserMode, path: string, width: number, height: number, scheme: 'dark' | 'light'): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: scheme })
  await page.goto(mode.url)
  await page.locator('[data-container="db"]').waitFor()
  await page.getByTestId('save-compose-open').click()
  const dialog = page.getByTestId('save-compose')
  for (const name of ['db', 'api', 'web']) await dialog.locator(`[data-save-container="${name}"] input`).check()
  await dialog.locator('[data-secret="db.POSTGRES_PASSWORD"]').getByLabel(/Replace by/).check()
  await dialog.getByTestId('save-compose-yaml').getByText('POSTGRES_PASSWORD=${POSTGRES_PASSWORD}').waitFor()
  await page.screenshot({ path })
  console.log(`Saved ${path}`)
  await page.close()
}

async function main(): Promise<void> {
  const engine = await startPrivateEngine()
  process.env.DOCKER_HOST = engine.host
  try {
    await buildFixtureImages()
    const base = fixtureImage('busybox')
    for (const tag of ['acme/api:1.4.2', 'acme/web:1.4.2', 'postgres-lite:16']) await docker(['tag', base, tag])
    await docker(['volume', 'create', 'pgdata'])
    await docker(['run', '-d', '--name', 'db', '--network', 'none', '--restart', 'unless-stopped', '--memory', '256m', '-e', 'POSTGRES_PASSWORD=correct-horse-battery', '-e', 'PGDATA=/var/lib/pg', '-v', 'pgdata:/var/lib/pg', 'postgres-lite:16', ...IDLE])
    await docker(['run', '-d', '--name', 'api', '--network', 'none', '-w', '/app', '-u', '1000', '-e', 'SESSION_SECRET=9f86d081884c7d659a2feaa0c55ad015', '-e', 'LOG_LEVEL=info', '--volumes-from', 'db:ro', 'acme/api:1.4.2', ...IDLE])
    await docker(['create', '--name', 'web', '-p', '8080:80', '--restart', 'always', '--label', 'team=frontend', '-e', 'API_URL=http://api:3000', 'acme/web:1.4.2', 'httpd', '-f', '-p', '80'])

    const mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../out/renderer') })
    const browser = await chromium.launch({
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    await shoot(browser, mode, resolve(__dirname, '../docs/screenshot-save-compose.png'), 1400, 900, 'dark')
    const folder = process.argv[2]
    if (folder) {
      await shoot(browser, mode, join(folder, 'save-1400-light.png'), 1400, 900, 'light')
      await shoot(browser, mode, join(folder, 'save-800-dark.png'), 800, 600, 'dark')
      await shoot(browser, mode, join(folder, 'save-800-light.png'), 800, 600, 'light')
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
