// Smoke test of the real Electron app. It needs the Electron binary, which npm downloads from
// GitHub on install; where it could not be downloaded this test reports itself skipped and why.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

function electronBinary(): { path?: string; reason?: string } {
  let pkg: string
  try {
    pkg = dirname(require.resolve('electron/package.json'))
  } catch {
    return { reason: 'the electron package is not installed' }
  }
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary was not downloaded (no network access to its release host, or ELECTRON_SKIP_BINARY_DOWNLOAD was set)' }
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` }
}

const binary = electronBinary()
if (!binary.path) console.log(`Electron smoke test skipped: ${binary.reason}.`)

test('the Electron window opens, isolated, and lists the engine’s containers', async () => {
  test.skip(!binary.path, `Electron smoke test skipped: ${binary.reason}`)
  const app = await electron.launch({
    executablePath: binary.path,
    args: [resolve(__dirname, '../../out/main/index.js')],
    env: { ...process.env } as Record<string, string>,
  })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('Berth')
    await expect(page.getByTestId('engine-status')).toContainText(/(Docker Engine|Podman|Engine) \d/)
    const exposure = await page.evaluate(() => ({
      berth: typeof (window as unknown as { berth?: object }).berth,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }))
    expect(exposure).toEqual({ berth: 'object', require: 'undefined', process: 'undefined' })
    // The window cannot open others: main answers window.open at once, with no window (null).
    expect(await page.evaluate(() => window.open('https://example.com') === null), 'window.open refused').toBe(true)
    // That answer came after main decided, so any window it made would exist by now.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    expect(app.windows()).toHaveLength(1)
  } finally {
    await app.close()
  }
})
