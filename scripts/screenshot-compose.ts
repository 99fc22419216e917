// `npm run screenshot:compose`: the Compose page (a file with a problem at its line; then brought up,
// with its output per service and the project's actions) at 1400×900 and 800×600, dark and light, into
// .tmp/compose/ for looking at; with --docs, the README's picture (docs/screenshot-compose.png).
// Compose makes a bridge network per project, so the engine runs in a network namespace of its own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fixtureImage } from '../test/env/fixtures'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

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

const out = resolve(__dirname, '../.tmp/compose')
const scratch = mkdtempSync(join(tmpdir(), 'berth-shot-compose-'))
const folder = join(scratch, 'shop')
const route = `/compose?path=${encodeURIComponent(folder)}`
// Gone however the script ends, a failure's exit included.
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))

screenshots({
  engine: 'netns',
  async stage() {
    mkdirSync(out, { recursive: true })
    mkdirSync(join(folder, 'api'), { recursive: true })
    writeFileSync(join(folder, 'api', 'Dockerfile'), `FROM ${fixtureImage('busybox')}\nRUN echo built > /built\n`)
    writeFileSync(join(folder, 'compose.yaml'), COMPOSE('    ports: 8080'))
  },
  async shoot({ open, save }) {
    for (const look of LOOKS) {
      const page = await open(look, route)
      await page.getByTestId('compose-issue').first().waitFor()
      await page.getByTestId('compose-cli-name').waitFor()
      await save(page, join(out, shotName('invalid', look)), { fullPage: true })
      await page.close()
    }

    writeFileSync(join(folder, 'compose.yaml'), COMPOSE('    ports: ["8080:80"]'))
    const page = await open(README, route)
    await page.getByTestId('compose-build').check()
    await page.getByTestId('compose-up').click()
    await page.getByTestId('compose-then').waitFor({ timeout: 120_000 })
    if (process.argv.includes('--docs')) await save(page, docsPath('screenshot-compose.png'))
    // The same page in each look: bringing the project up again would show other output.
    for (const look of LOOKS) {
      await page.setViewportSize({ width: look.width, height: look.height })
      await page.emulateMedia({ colorScheme: look.scheme })
      await save(page, join(out, shotName('up', look)), { fullPage: true })
    }
    await page.getByTestId('compose-then').getByTestId('compose-down-volumes').check()
    await page.getByTestId('compose-then').getByTestId('compose-down').click()
    await page.getByRole('dialog').waitFor()
    await save(page, join(out, 'down-confirm.png'))
  },
})
