// What every screenshot script shares: a private engine (inside a network namespace of its own when
// the pictures need real bridge networks, so nothing touches this machine's network), browser mode on
// it, Debian's Chromium, the sizes and themes each picture is looked at in, and clean-up whatever
// happens. A script says only what to make on the engine and which pages to take.
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { startPrivateEngine } from '../test/env/engine'
import { startNetnsEngine } from '../test/env/netns-engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { CHROMIUM } from '../test/e2e/chromium'

export interface Look {
  width: number
  height: number
  scheme: 'dark' | 'light'
}

/** The window sizes and themes a new page is checked in before it is called done. */
export const LOOKS: readonly Look[] = [1400, 800].flatMap((width) =>
  (['dark', 'light'] as const).map((scheme) => ({ width, height: width === 1400 ? 900 : 600, scheme })),
)

/** The size of the README's pictures, so they line up on the page. */
export const README: Look = { width: 1240, height: 780, scheme: 'dark' }

/** A picture's file name that says the look it was taken in: `layers-800x600-light.png`. */
export const shotName = (name: string, look: Look): string => `${name}-${look.width}x${look.height}-${look.scheme}.png`

/** Where the README's pictures live. */
export const docsPath = (file: string): string => resolve(__dirname, '../docs', file)

export interface Studio {
  /** The browser-mode address of a route (`/networks`, `/compose?path=…`); the start page without one. */
  at: (route?: string) => string
  /** A new page in that look, at that route. */
  open: (look: Look, route?: string) => Promise<Page>
  /** Saves what the page shows and says where. */
  save: (page: Page, path: string, options?: { fullPage?: boolean }) => Promise<void>
}

export interface ShotScript {
  /** `netns` when the pictures need bridge networks (Compose, Networks). */
  engine: 'private' | 'netns'
  /** Makes the containers, images and networks the pictures show, with DOCKER_HOST set to the engine. */
  stage(): Promise<void>
  shoot(studio: Studio): Promise<void>
  /** Undoes what stage made outside the engine (a second engine, a config dir), whatever happened. */
  finish?(): Promise<void>
}

async function take(script: ShotScript): Promise<void> {
  const engine = script.engine === 'netns' ? await startNetnsEngine('docker') : await startPrivateEngine()
  // The CLI wrapper and browser mode both find the engine here, as they would a user's.
  process.env.DOCKER_HOST = engine.host
  let mode: BrowserMode | undefined
  let browser: Browser | undefined
  try {
    // startNetnsEngine has built them already.
    if (script.engine === 'private') await buildFixtureImages()
    await script.stage()
    mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../out/renderer') })
    const launched = await chromium.launch(CHROMIUM)
    browser = launched
    const { url } = mode
    const at = (route?: string) => (route ? url.replace('#token=', `#${route}${route.includes('?') ? '&' : '?'}token=`) : url)
    const studio: Studio = {
      at,
      async open(look, route) {
        const page = await launched.newPage({ viewport: { width: look.width, height: look.height }, deviceScaleFactor: 1, colorScheme: look.scheme })
        await page.goto(at(route))
        return page
      },
      async save(page, path, options = {}) {
        await page.screenshot({ path, ...options })
        console.log(`Saved ${path}`)
      },
    }
    await script.shoot(studio)
  } finally {
    await browser?.close()
    await mode?.close()
    await script.finish?.()
    await engine.destroy()
  }
}

/** Runs a screenshot script to its end; a failure is printed and the process exits with 1. */
export function screenshots(script: ShotScript): void {
  take(script).catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
