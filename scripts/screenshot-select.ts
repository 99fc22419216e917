// `npm run screenshot:select`: Many at once, in every look (into the folder given, or a temp one):
// three containers selected with the bar's actions, a restart batch's results, and a volume batch in
// which the one a container uses fails with its sentence while the others go; and the README's picture
// (docs/screenshot-select.png). A small shop app's containers and volumes from the busybox fixture.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, LOOKS, README, screenshots, shotName, type Look } from './shots'

const cli = (...args: string[]) => docker(args)
const CONTAINERS = ['web', 'web-worker', 'api', 'db', 'cache']

async function selectThree(page: Page): Promise<void> {
  const box = (name: string) => page.locator(`[data-container="${name}"]`).getByTestId('select-row')
  await box('web').waitFor()
  await box('web').click()
  await box('api').click({ modifiers: ['Shift'] })
  await box('cache').click({ modifiers: ['Control'] })
  await page.getByTestId('selection-count').waitFor()
}

/** Each look removes volumes of its own: a batch's removals cannot be taken twice. */
const scratch = (look: Look) => [1, 2].map((n) => `scratch-${look.width}-${look.scheme}-${n}`)

screenshots({
  engine: 'private',
  async stage() {
    const base = fixtureImage('busybox')
    await cli('volume', 'create', 'uploads')
    for (const name of CONTAINERS) await cli('run', '-d', '--name', name, ...(name === 'db' ? ['-v', 'uploads:/data'] : []), base, ...IDLE)
    await cli('create', '--name', 'old-job', base, ...IDLE)
    for (const look of [...LOOKS, README]) for (const name of scratch(look)) await cli('volume', 'create', name)
  },
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    const restart = async (page: Page) => {
      await page.getByTestId('batch-restart').click()
      await page.getByTestId('batch-confirm').getByRole('button', { name: /^Restart/ }).click()
      await page.getByTestId('batch-summary').filter({ hasText: /^\d+ done$/ }).waitFor()
    }
    const removeVolumes = async (page: Page, look: Look) => {
      for (const name of ['uploads', ...scratch(look)]) await page.locator(`[data-volume="${name}"]`).getByTestId('select-row').click()
      await page.getByTestId('batch-remove').click()
      await save(page, join(out, shotName('select-confirm', look)))
      await page.getByTestId('batch-confirm').getByRole('button', { name: /^Remove/ }).click()
      await page.getByTestId('batch-summary').filter({ hasText: /failed$/ }).waitFor()
      // The removed rows go when the engine's events reach the list, a moment after the results.
      for (const name of scratch(look)) await page.locator(`[data-volume="${name}"]`).waitFor({ state: 'detached' })
    }
    for (const look of LOOKS) {
      const page = await open(look, '/containers')
      await selectThree(page)
      await save(page, join(out, shotName('select', look)))
      await restart(page)
      await save(page, join(out, shotName('select-results', look)))
      await page.locator('[data-nav=volumes]').click()
      await removeVolumes(page, look)
      await save(page, join(out, shotName('select-volumes', look)))
      await page.close()
    }
    const page = await open(README, '/containers')
    await selectThree(page)
    await restart(page)
    await save(page, docsPath('screenshot-select.png'))
  },
})
