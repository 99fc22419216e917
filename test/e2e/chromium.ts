// How the browser tests start Chromium: Debian's, never one Playwright downloads.
import type { LaunchOptions } from '@playwright/test'

export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
}

/**
 * For tests that scroll as a user does: the scrollbars a desktop window shows (headless Chromium hides
 * them), so one can be dragged, and no scroll animation, so a key's scroll is done once the key is.
 */
export const CHROMIUM_FOR_SCROLLING: LaunchOptions = {
  ...CHROMIUM,
  args: [...(CHROMIUM.args ?? []), '--disable-smooth-scrolling'],
  ignoreDefaultArgs: ['--hide-scrollbars'],
}
