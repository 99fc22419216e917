// `npm run screenshot:activity`: the Activity panel the footer opens, after a few actions (one refused),
// in every look (into the folder given, or a temp one), and the README's picture
// (docs/screenshot-activity.png). The history is kept in a config folder of the script's own.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

// Browser mode keeps its history under $XDG_CONFIG_HOME/berth: here, not in the user's own.
const config = mkdtempSync(join(tmpdir(), 'berth-shot-activity-'))
process.env.XDG_CONFIG_HOME = config

async function openPanel(page: Page): Promise<void> {
  await page.getByTestId('activity-open').click()
  await page.getByTestId('activity-panel').getByTestId('activity-entry').first().waitFor()
}

screenshots({
  engine: 'private',
  async stage() {
    await docker(['run', '-d', '--name', 'web', fixtureImage('busybox'), ...IDLE])
  },
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    // A few actions, as a user would do them: volumes made, one name refused, one removed.
    const page = await open(README, '/volumes')
    const name = page.getByTestId('volume-name')
    for (const volume of ['data', 'Bad Name!', 'cache']) {
      await name.fill(volume)
      await name.press('Enter')
      await page.getByTestId('activity-state').filter({ hasText: /done|failed/ }).waitFor()
    }
    await page.locator('[data-volume="cache"]').getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await page.locator('[data-volume="cache"]').waitFor({ state: 'detached' })
    // The footer after them, at the narrow size: the last line, its state, Copy, and the panel's button.
    await page.setViewportSize({ width: 800, height: 600 })
    await save(page, join(out, 'activity-footer-800x600-dark.png'))
    await page.setViewportSize({ width: README.width, height: README.height })
    await page.locator('[data-nav=containers]').click()
    await openPanel(page)
    await save(page, docsPath('screenshot-activity.png'))
    await page.close()
    for (const look of LOOKS) {
      const shot = await open(look, '/containers')
      await openPanel(shot)
      await save(shot, join(out, shotName('activity', look)))
      await shot.close()
    }
  },
  async finish() {
    rmSync(config, { recursive: true, force: true })
  },
})
