import { defineConfig } from '@playwright/test'
import { ENGINE_ANSWER_MS } from '../env/wait'
import { CHROMIUM } from './chromium'

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results',
  // One engine is shared by every test: run them one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  // Most checks wait for the window to show an engine's answer or event; longer waits name their own budget.
  expect: { timeout: ENGINE_ANSWER_MS },
  use: {
    viewport: { width: 1240, height: 760 },
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
  projects: [
    { name: 'browser-mode', testMatch: /.*\.spec\.ts/, testIgnore: /electron/ },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
})
