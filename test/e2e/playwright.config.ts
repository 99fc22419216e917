import { defineConfig } from '@playwright/test'

// Debian's chromium; Playwright never downloads a browser of its own here.
const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results',
  // One engine is shared by every test: run them one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    viewport: { width: 1240, height: 760 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'browser-mode', testMatch: /.*\.spec\.ts/, testIgnore: /electron/ },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
})
