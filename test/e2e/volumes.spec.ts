import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { removeHelpers } from '@main/engine/volumes/helper'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { containerRow, expect, test } from './fixtures'

const engine = () => testDocker()
const created: string[] = []

/** Runs a throwaway busybox with the volume at /data, like a user's own container would. */
const inVolume = (volume: string, script: string) =>
  cli(['run', '--rm', '--network', 'none', '--label', `${TEST_LABEL}=1`, '-v', `${volume}:/data`, BUSYBOX_IMAGE, 'sh', '-c', script])

async function makeVolume(): Promise<string> {
  const name = uniqueName('e2e-vol')
  created.push(name)
  await cli(['volume', 'create', name])
  await inVolume(name, "mkdir -p '/data/sub dir' && printf 'hello from a volume\\n' > /data/notes.txt && printf '<img src=x onerror=alert(1)>' > /data/page.html")
  return name
}

/** Drops File objects made in the page onto `target`, as a drag from the desktop would. */
async function dropFiles(page: Page, target: Locator, files: Array<{ name: string; content: string }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer()
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'text/plain' }))
    return dt
  }, files)
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}

test.afterEach(async () => {
  const docker = engine()
  await removeTestContainers(docker)
  await removeHelpers(docker)
  for (const name of created.splice(0)) await docker.getVolume(name).remove().catch(() => {})
})

test('browses a volume, opens a text file as text, uploads by drop and downloads', async ({ app }) => {
  const volume = await makeVolume()
  await app.locator('[data-nav=volumes]').click()
  const row = app.locator(`[data-volume="${volume}"]`)
  await expect(row).toContainText('local')
  await row.getByTestId('browse-volume').click()

  const browser = app.getByTestId('file-browser')
  await expect(browser.locator('tr[data-file="sub dir"]')).toContainText('drwx')
  await expect(browser.locator('tr[data-file="notes.txt"]')).toContainText('20 B')

  // Untrusted content is shown as text: the markup appears literally and nothing is rendered from it.
  await browser.locator('tr[data-file="page.html"]').getByRole('button').click()
  await expect(app.getByTestId('file-preview').locator('pre')).toHaveText('<img src=x onerror=alert(1)>')
  await expect(app.getByTestId('file-preview').locator('img')).toHaveCount(0)

  // Dropped on a folder row: copied into that folder.
  await dropFiles(app, browser.locator('tr[data-file="sub dir"]'), [{ name: 'dropped -file ü.txt', content: 'dropped in' }])
  await expect(app.getByTestId('uploads')).toContainText('dropped -file ü.txt')
  await expect.poll(() => inVolume(volume, "cat '/data/sub dir/dropped -file ü.txt'")).toBe('dropped in')
  // Dropped on the panel: into the folder shown.
  await dropFiles(app, browser.getByTestId('file-list'), [{ name: 'top.txt', content: 'top' }])
  await expect(browser.locator('tr[data-file="top.txt"]')).toBeVisible()
  expect(await inVolume(volume, 'cat /data/top.txt')).toBe('top')

  const downloading = app.waitForEvent('download')
  await browser.locator('tr[data-file="notes.txt"]').getByRole('link', { name: 'Download' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('notes.txt')
  expect(readFileSync(await download.path(), 'utf8')).toBe('hello from a volume\n')

  await browser.locator('tr[data-file="sub dir"]').getByRole('button').click()
  await expect(browser.locator('tr[data-file="dropped -file ü.txt"]')).toBeVisible()
  const folder = app.waitForEvent('download')
  await app.getByTestId('download-folder').click()
  expect((await folder).suggestedFilename()).toBe('sub dir.tar')
})

test('names the containers using a volume, and removes it once free with no helper left behind', async ({ app }) => {
  const volume = await makeVolume()
  const user = uniqueName('vol-user')
  await cli(['create', '--name', user, '--network', 'none', '--label', `${TEST_LABEL}=1`, '-v', `${volume}:/data`, BUSYBOX_IMAGE])
  await app.locator('[data-nav=volumes]').click()
  const row = app.locator(`[data-volume="${volume}"]`)
  await expect(row.getByTestId('volume-users')).toHaveText(user)
  await row.getByTestId('browse-volume').click()
  await expect(app.getByTestId('file-browser').locator('tr[data-file="notes.txt"]')).toBeVisible()
  await app.getByTestId('back-to-list').click()

  await cli(['rm', user])
  await expect(row.getByTestId('volume-users')).toHaveText('unused')
  await row.getByRole('button', { name: 'Remove' }).click()
  await app.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await expect(row).toHaveCount(0)
  expect(await cli(['volume', 'ls', '-q'])).not.toContain(volume)
  expect(await cli(['ps', '-aq', '--filter', 'label=berth.helper=volume'])).toBe('')
})

test('a volume’s Inspect tab shows its driver options, labels, mountpoint and created time, as docker volume inspect does', async ({ app }) => {
  const name = uniqueName('e2e-inspect')
  created.push(name)
  await cli(['volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=nodev', '--label', 'team=web', name])
  const [oracle] = JSON.parse(await cli(['volume', 'inspect', name])) as Array<{ Mountpoint: string }>
  await app.locator('[data-nav=volumes]').click()
  await app.locator(`[data-volume="${name}"]`).getByTestId('inspect-volume').click()
  await expect(app).toHaveURL(new RegExp(`#/volumes/${name}/inspect`))
  const tab = app.getByTestId('volume-inspect')
  await expect(tab.getByTestId('volume-options')).toHaveText(/device=tmpfs\s*o=nodev\s*type=tmpfs/)
  await expect(tab.getByTestId('volume-labels')).toHaveText('team=web')
  await expect(tab.getByTestId('volume-mountpoint')).toContainText(oracle!.Mountpoint)
  await expect(tab.getByTestId('volume-created')).toHaveText(/\d/)
  await expect(tab.getByTestId('volume-users')).toHaveText('no container')
  // Its files are the page's other tab.
  await app.getByTestId('volume-tab-files').click()
  await expect(app.getByTestId('file-browser').getByTestId('file-list')).toBeVisible()
})

test('browses a container’s files from its row', async ({ app }) => {
  const name = uniqueName('files-of')
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE])
  await containerRow(app, name).getByTestId('files').click()
  const browser = app.getByTestId('file-browser')
  await expect(browser.locator('tr[data-file="bin"]')).toContainText('drwx')
  await browser.locator('tr[data-file="bin"]').getByRole('button').click()
  await expect(browser.locator('tr[data-file="busybox"]')).toBeVisible()
})

test('refuses transfers without the token or from another origin', async ({ berth }) => {
  const url = `${berth.origin}/transfer/download?target=volume:x&path=/`
  expect((await fetch(url)).status).toBe(403)
  expect((await fetch(`${url}&token=${'0'.repeat(64)}`)).status).toBe(403)
  const upload = `${berth.origin}/transfer/upload?target=volume:x&dir=/&name=a`
  const foreign = await fetch(upload, { method: 'POST', body: 'x', headers: { 'X-Berth-Token': berth.token, Origin: 'http://evil.example' } })
  expect(foreign.status).toBe(403)
  const traversal = await fetch(`${url.replace('path=/', 'path=/../etc')}&token=${berth.token}`)
  expect(traversal.status).toBe(400)
})
