// The browser part of `npm run bench:lists`: Berth's lists in Chromium (browser mode) with many
// containers and image tags. Times are taken in the page: from the bridge's WebSocket opening, or a
// key or click, to the frame after the change (requestAnimationFrame, then a task: the frame has
// been produced), with long tasks from PerformanceObserver('longtask').
import type { Browser, Page } from '@playwright/test'
import type { BrowserMode } from '@main/browser-mode/server'
import { median, openBrowser, p95, pageScript, threadProbe } from './harness'

/** What the page records; installed before Berth's own scripts run. */
interface Bench {
  wsOpen: number
  tasks: Array<[number, number]>
  /** List changes and big replies: when each arrived, and the frame after Berth handled it. */
  messages: Array<{ channel: string; at: number; handled: number; painted: number; bytes: number }>
  afterPaint(): Promise<number>
  painted(selector: string): Promise<number>
  keys: number[]
}

function instrument(): void {
  const afterPaint = () =>
    new Promise<number>((done) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => done(performance.now())
        channel.port2.postMessage(0)
      }),
    )
  const bench: Bench = {
    wsOpen: 0,
    tasks: [],
    messages: [],
    keys: [],
    afterPaint,
    painted: (selector) =>
      new Promise((done) => {
        if (document.querySelector(selector)) return void afterPaint().then(done)
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return
          observer.disconnect()
          void afterPaint().then(done)
        })
        observer.observe(document, { childList: true, subtree: true })
      }),
  }
  ;(window as unknown as { bench: Bench }).bench = bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
  // Listeners added here run before the bridge's own onmessage, so `at` is before Berth's work.
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('open', () => (bench.wsOpen ||= performance.now()))
      this.addEventListener('message', (event: MessageEvent) => {
        const data = String(event.data)
        const at = performance.now()
        const channel = /"channel":"berth:event:([\w.]+)"/.exec(data.slice(0, 80))?.[1] ?? 'reply'
        // Events that change a list, whatever their size, and big replies (the lists themselves).
        if (!channel.endsWith('.changed') && data.length < 100_000) return
        // A task queued now runs once Berth's handler and the page update it caused (microtasks) are done.
        let handled = 0
        setTimeout(() => (handled = performance.now()))
        void afterPaint().then((painted) => bench.messages.push({ channel, at, handled: handled || painted, painted, bytes: data.length }))
      })
    }
  }
  // A key's time is when the browser got it; the sample ends at the frame after the input it caused.
  addEventListener('keydown', (e) => {
    const start = e.timeStamp
    addEventListener('input', () => void afterPaint().then((t) => bench.keys.push(t - start)), { once: true, capture: true })
  }, { capture: true })
}

type Win = { bench: Bench }

/** A fresh page on the containers list: bridge open → first row painted, and from navigation. */
export async function firstPaint(browser: Browser, mode: BrowserMode): Promise<{ page: Page; fromOpen: number; fromNavigation: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.addInitScript({ content: pageScript(instrument) })
  await page.goto(mode.url.replace('#token=', '#/containers?token='))
  const painted = await page.evaluate(() => (window as unknown as Win).bench.painted('[data-container]'))
  const open = await page.evaluate(() => (window as unknown as Win).bench.wsOpen)
  return { page, fromOpen: painted - open, fromNavigation: painted }
}

export interface KeyFigures {
  median: number
  p95: number
  max: number
  n: number
  /** Per key, main-thread time by kind (Chromium's Performance metrics over all the keys): script, style, layout. */
  script: number
  style: number
  layout: number
}

/**
 * Keystrokes in a filter box (found by its label): each from the key to the frame that shows its
 * result, and what the main thread spent per key meanwhile, by kind.
 */
export async function filterKeys(page: Page, query: string, label = 'Filter containers', rounds = 2): Promise<KeyFigures> {
  const box = page.getByLabel(label)
  await box.click()
  await page.evaluate(() => ((window as unknown as Win).bench.keys = []))
  const thread = await threadProbe(page)
  await thread.start()
  for (let r = 0; r < rounds; r++) {
    for (const ch of query) await typeOne(page, ch)
    for (let i = 0; i < query.length; i++) await typeOne(page, 'Backspace')
  }
  const spent = await thread.stop()
  await thread.close()
  const keys = await page.evaluate(() => (window as unknown as Win).bench.keys)
  return {
    median: median(keys),
    p95: p95(keys),
    max: Math.max(...keys),
    n: keys.length,
    script: spent.script / keys.length,
    style: spent.style / keys.length,
    layout: spent.layout / keys.length,
  }
}

/**
 * The browser's own floor for a keystroke, measured the same way: a bare text box on a blank page,
 * with nothing listening to it. What a key costs above this is the page's.
 */
export async function floorKeys(browser: Browser, query: string): Promise<KeyFigures> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.setContent('<input type="search" aria-label="Floor">')
  await page.evaluate(pageScript(instrument))
  try {
    return await filterKeys(page, query, 'Floor')
  } finally {
    await page.close()
  }
}

async function typeOne(page: Page, key: string): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as Win).bench.keys.length)
  await page.keyboard.press(key)
  await page.waitForFunction((n) => (window as unknown as Win).bench.keys.length > n, before)
}

/** Containers → Images by the sidebar: the click to the first image row painted. */
export async function switchToImages(page: Page, runs = 5): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await page.locator('[data-nav=containers]').click()
    await page.locator('[data-container]').first().waitFor()
    await page.waitForTimeout(200)
    times.push(
      await page.evaluate(async () => {
        const { bench } = window as unknown as Win
        const start = performance.now()
        document.querySelector<HTMLElement>('[data-nav=images]')?.click()
        return (await bench.painted('[data-image]')) - start
      }),
    )
  }
  await page.locator('[data-nav=containers]').click()
  return times
}

/**
 * Scrolls the containers list from the top, `step` pixels a frame (0: a screenful a frame, every
 * row new each frame), for at most `maxFrames` frames or to the bottom; the long tasks meanwhile.
 */
export async function scrollThrough(page: Page, step = 0, maxFrames = Infinity): Promise<{ frames: number; worstFrame: number; longTasks: number; longest: number }> {
  return page.evaluate(async ({ step, maxFrames }) => {
    const { bench } = window as unknown as Win
    const list = document.querySelector<HTMLElement>('[role=grid]')
    if (!list) throw new Error('no list')
    list.scrollTop = 0
    await bench.afterPaint()
    const start = performance.now()
    let last = start
    let frames = 0
    let worstFrame = 0
    while (list.scrollTop + list.clientHeight < list.scrollHeight - 1 && frames < maxFrames) {
      list.scrollTop += step || list.clientHeight * 0.9
      const t = await bench.afterPaint()
      worstFrame = Math.max(worstFrame, t - last)
      last = t
      frames++
    }
    // The longtask entries of the last frame may arrive a moment later.
    await new Promise((r) => setTimeout(r, 200))
    const tasks = bench.tasks.filter(([at, d]) => at + d >= start && at <= last)
    return { frames, worstFrame, longTasks: tasks.length, longest: Math.max(0, ...tasks.map(([, d]) => d)) }
  }, { step, maxFrames: Number.isFinite(maxFrames) ? maxFrames : 1e9 })
}

/** Waits for the next big containers.changed message and what it cost the page. */
export async function nextBurst(page: Page, cause: () => Promise<unknown>): Promise<{ ms: number; handledMs: number; bytes: number; longest: number }> {
  const seen = await page.evaluate(() => (window as unknown as Win).bench.messages.length)
  await cause()
  await page.waitForFunction(
    (n) => (window as unknown as Win).bench.messages.slice(n).some((m) => m.channel === 'containers.changed'),
    seen,
    { timeout: 30_000 },
  )
  await page.waitForTimeout(300)
  return page.evaluate((n) => {
    const { bench } = window as unknown as Win
    const m = bench.messages.slice(n).find((x) => x.channel === 'containers.changed')
    if (!m) throw new Error('no message')
    const tasks = bench.tasks.filter(([at, d]) => at + d >= m.at && at <= m.painted)
    return { ms: m.painted - m.at, handledMs: m.handled - m.at, bytes: m.bytes, longest: Math.max(0, ...tasks.map(([, d]) => d)) }
  }, seen)
}

export { median, openBrowser, p95 }
