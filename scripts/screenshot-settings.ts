// `npm run screenshot:settings`: the Settings page in every look (into the folder given, or a temp one),
// and the README's picture (docs/screenshot-settings.png). Browser mode keeps its settings.json in a
// config folder of this run's own, never the user's.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

screenshots({
  engine: 'private',
  async stage() {
    process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'berth-shots-config-'))
  },
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      const page = await open(look, '/settings')
      await page.getByTestId('settings-page').waitFor()
      await page.getByTestId('engine-status').filter({ hasText: /\d/ }).waitFor()
      await save(page, join(out, shotName('settings', look)))
      await page.close()
    }
    // The README's picture.
    const page = await open(README, '/settings')
    await page.getByTestId('settings-page').waitFor()
    await page.getByTestId('engine-status').filter({ hasText: /\d/ }).waitFor()
    await save(page, docsPath('screenshot-settings.png'))
  },
})
