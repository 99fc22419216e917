// `npm run screenshot:save-compose [-- folder]`: the Save as compose dialog, taken of the real UI in
// browser mode, as docs/screenshot-save-compose.png (1400×900, dark); with a folder, also in the other
// looks there, to look at. Starts a private engine with three containers made from the local busybox
// fixture.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, LOOKS, screenshots, shotName } from './shots'

/** The dialog with three containers ticked and the database password replaced by a variable. */
async function openDialog(page: Page): Promise<void> {
  await page.locator('[data-container="db"]').waitFor()
  await page.getByTestId('save-compose-open').click()
  const dialog = page.getByTestId('save-compose')
  for (const name of ['db', 'api', 'web']) await dialog.locator(`[data-save-container="${name}"] input`).check()
  await dialog.locator('[data-secret="db.POSTGRES_PASSWORD"]').getByLabel(/Replace by/).check()
  await dialog.getByTestId('save-compose-yaml').getByText('POSTGRES_PASSWORD=${POSTGRES_PASSWORD}').waitFor()
}

screenshots({
  engine: 'private',
  async stage() {
    const base = fixtureImage('busybox')
    for (const tag of ['acme/api:1.4.2', 'acme/web:1.4.2', 'postgres-lite:16']) await docker(['tag', base, tag])
    await docker(['volume', 'create', 'pgdata'])
    await docker(['run', '-d', '--name', 'db', '--network', 'none', '--restart', 'unless-stopped', '--memory', '256m', '-e', 'POSTGRES_PASSWORD=correct-horse-battery', '-e', 'PGDATA=/var/lib/pg', '-v', 'pgdata:/var/lib/pg', 'postgres-lite:16', ...IDLE])
    await docker(['run', '-d', '--name', 'api', '--network', 'none', '-w', '/app', '-u', '1000', '-e', 'SESSION_SECRET=9f86d081884c7d659a2feaa0c55ad015', '-e', 'LOG_LEVEL=info', '--volumes-from', 'db:ro', 'acme/api:1.4.2', ...IDLE])
    await docker(['create', '--name', 'web', '-p', '8080:80', '--restart', 'always', '--label', 'team=frontend', '-e', 'API_URL=http://api:3000', 'acme/web:1.4.2', 'httpd', '-f', '-p', '80'])
  },
  async shoot({ open, save }) {
    const folder = process.argv[2]
    for (const look of folder ? LOOKS : LOOKS.slice(0, 1)) {
      const page = await open(look)
      await openDialog(page)
      if (look === LOOKS[0]) await save(page, docsPath('screenshot-save-compose.png'))
      else if (folder) await save(page, join(folder, shotName('save', look)))
      await page.close()
    }
  },
})
