// `npm run screenshot:palette`: the Find anything palette open over the containers list, in every look
// (into the folder given, or a temp one), and the README's picture (docs/screenshot-palette.png, light).
// A few containers of a small shop app from the local busybox fixture, some running, one exited, and a
// volume, so a typed "web" finds containers of each kind of match (start, word start, mid-word).
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

async function typeInPalette(page: Page, line: string): Promise<void> {
  await page.locator('[data-container="web"]').waitFor()
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill(line)
  await page.getByTestId('palette-option').first().waitFor()
}

screenshots({
  engine: 'private',
  async stage() {
    const cli = (...args: string[]) => docker(args)
    const base = fixtureImage('busybox')
    for (const name of ['web', 'web-worker', 'api', 'cobweb-cache', 'db']) await cli('run', '-d', '--name', name, base, ...IDLE)
    await cli('create', '--name', 'webhook-relay', base, ...IDLE)
    await cli('volume', 'create', 'web-uploads')
  },
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      const page = await open(look, '/containers')
      await typeInPalette(page, 'web')
      await save(page, join(out, shotName('palette', look)))
      await page.getByTestId('palette-input').fill('st')
      await save(page, join(out, shotName('palette-verbs', look)))
      await page.close()
    }
    const page = await open({ ...README, scheme: 'light' }, '/containers')
    await typeInPalette(page, 'stop web')
    await save(page, docsPath('screenshot-palette.png'))
  },
})
