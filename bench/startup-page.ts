// The browser part of `npm run bench:startup`: one navigation to the containers list, timed in the
// page from navigation start (performance.now() is 0 there) to the frame after the first container
// row is in the document, and the JavaScript the page had fetched by then, chunk by chunk.
import type { BrowserContext } from '@playwright/test'

export interface Opening {
  /** Navigation start → the frame after the first row was added. */
  painted: number
  /** Navigation start → the bridge's WebSocket open. */
  bridgeOpen: number
  /** The legs before the paint, each from navigation start: the page's HTML in, every script before the paint in, the bridge's first answer in, the first row added to the document. */
  legs: { html: number; scripts: number; answer: number; row: number }
  /** Every script the page started fetching before that frame: its file name and size as the page received it. */
  scripts: Array<{ name: string; bytes: number; cached: boolean }>
  /** WebSockets the page opened before that frame: one, the bridge's (the early start and the app share it). */
  sockets: number
  /** Of those fetched from the server, the longest each waited: for a connection (asked → request sent), and for the server (request sent → its answer began). */
  waits: { connection: number; server: number }
}

type Marks = { painted: number; bridgeOpen: number; answer: number; row: number; sockets: number }
type Win = { opening?: Marks }

/** Installed before Berth's own scripts run. */
function instrument(): void {
  const state: Marks = { painted: 0, bridgeOpen: 0, answer: 0, row: 0, sockets: 0 }
  // A task queued from the frame's callback runs once the frame has been produced.
  const afterPaint = (done: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(0)
    })
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-container]')) return
    state.row = performance.now()
    observer.disconnect()
    afterPaint((t) => ((window as unknown as Win).opening = { ...state, painted: t }))
  })
  observer.observe(document, { childList: true, subtree: true })
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      state.sockets++
      this.addEventListener('open', () => (state.bridgeOpen ||= performance.now()))
      this.addEventListener('message', () => (state.answer ||= performance.now()))
    }
  }
}

/** Opens the containers list in a new page of `context` (a fresh context: a cold cache; one used before: a warm one). */
export async function openContainers(context: BrowserContext, url: string): Promise<Opening> {
  const page = await context.newPage()
  try {
    // tsx names arrow functions with a helper of its own; the page needs a stand-in for it.
    await page.addInitScript({ content: `var __name = (f) => f;\n(${instrument.toString()})()` })
    await page.goto(url.replace('#token=', '#/containers?token='))
    const handle = await page.waitForFunction(() => (window as unknown as Win).opening, undefined, { timeout: 30_000 })
    const { painted, bridgeOpen, answer, row, sockets } = (await handle.jsonValue()) as Marks
    const { scripts, html, scriptsIn, waits } = await page.evaluate((until) => {
      const loaded = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (e) => e.startTime <= until && new URL(e.name).pathname.endsWith('.js'),
      )
      const fetched = loaded.filter((e) => e.transferSize > 0)
      return {
        waits: {
          connection: Math.max(0, ...fetched.map((e) => e.requestStart - e.startTime)),
          server: Math.max(0, ...fetched.map((e) => e.responseStart - e.requestStart)),
        },
        scripts: loaded.map((e) => ({ name: new URL(e.name).pathname.split('/').pop() ?? e.name, bytes: e.decodedBodySize, cached: e.transferSize === 0 })),
        html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
        scriptsIn: Math.max(0, ...loaded.map((e) => e.responseEnd)),
      }
    }, painted)
    return { painted, bridgeOpen, legs: { html, scripts: scriptsIn, answer, row }, scripts, waits, sockets }
  } finally {
    await page.close()
  }
}
