// `npm run screenshot:compose`: the Compose page (a file with a problem at its line; then brought up,
// with its output per service and the project's actions) at 1400×900 and 800×600, dark and light, into
// .tmp/compose/ for looking at; with --docs, the README's picture (docs/screenshot-compose.png).
// Compose makes a bridge network per project, so the engine runs in a network namespace of its own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startBrowserMode } from '@main/browser-mode/server'
import { parseHost } from '@main/engine/endpoint'
import { startNetnsEngine } from '../test/env/netns-engine'
import { buildFixtureImages, fixtureImage } from '../test/env/fixtures'

const IDLE = `["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`
const COMPOSE = (portsLine: string) => `services:
  web:
    image: ${fixtureImage('busybox')}
    command: ${IDLE}
${portsLine}
    volumes: ["uploads:/srv/uploads"]
  api:
    build: ./api
    image: acme/api:dev
    command: ${IDLE}
  worker:
    image: ${fixtureImage('busybox')}
    command: ${IDLE}
volumes:
  uploads: {}
`

async function main(): Promise<void> {
  const docs = process.argv.includes('--docs')
  const out = resolve(__dirname, '../.tmp/compose')
  mkdirSync(out, { recursive: true })
  const scratch = mkdtempSync(join(tmpdir(), 'berth-shot-compose-'))
  const folder = join(scratch, 'shop')
  mkdirSync(join(folder, 'api'), { recursive: true })
  writeFileSync(join(folder, 'api', 'Dockerfile'), `FROM ${fixtureImage('busybox')}\nRUN echo built > /built\n`)
  writeFileSync(join(folder, 'compose.yaml'), COMPOSE('    ports: 8080'))
  const engine = await startNetnsEngine('docker')
  try {
    await buildFixtureImages(engine.host)
    const mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../out/renderer'), engine: { endpoint: { host: engine.host, source: 'DOCKER_HOST', options: parseHost(engine.host, {}) } } })
    const browser = await chromium.launch({ executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
    const url = mode.url.replace('#token=', `#/compose?path=${encodeURIComponent(folder)}&token=`)
    const shoot = async (name: string, ready: (page: Page) => Promise<void>) => {
      for (const [w, h] of [[1400, 900], [800, 600]] as const) {
        for (const scheme of ['dark', 'light'] as const) {
          const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme })
          await page.goto(url)
          await ready(page)
          await page.screenshot({ path: join(out, `${name}-${w}-${scheme}.png`), fullPage: true })
          await page.close()
        }
      }
    }
    await shoot('invalid', async (page) => {
      await page.getByTestId('compose-issue').first().waitFor()
      await page.getByTestId('compose-cli-name').waitFor()
    })

    writeFileSync(join(folder, 'compose.yaml'), COMPOSE('    ports: ["8080:80"]'))
    const page = await browser.newPage({ viewport: { width: 1240, height: 780 }, colorScheme: 'dark' })
    await page.goto(url)
    await page.getByTestId('compose-build').check()
    await page.getByTestId('compose-up').click()
    await page.getByTestId('compose-then').waitFor({ timeout: 120_000 })
    if (docs) {
      await page.screenshot({ path: resolve(__dirname, '../docs/screenshot-compose.png') })
      console.log('Saved docs/screenshot-compose.png')
    }
    for (const [w, h] of [[1400, 900], [800, 600]] as const) {
      for (const scheme of ['dark', 'light'] as const) {
        await page.setViewportSize({ width: w, height: h })
        await page.emulateMedia({ colorScheme: scheme })
        await page.screenshot({ path: join(out, `up-${w}-${scheme}.png`), fullPage: true })
      }
    }
    await page.getByTestId('compose-then').getByTestId('compose-down-volumes').check()
    await page.getByTestId('compose-then').getByTestId('compose-down').click()
    await page.getByRole('dialog').waitFor()
    await page.screenshot({ path: join(out, 'down-confirm.png') })
    console.log(`Saved ${out}`)
    await browser.close()
    await mode.close()
  } finally {
    await engine.destroy()
    rmSync(scratch, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
