// The browser part of `npm run bench:startup`: one navigation to the containers list, timed in the
// page from navigation start (performance.now() is 0 there) to the frame after the first container
// row is in the document, and the JavaScript the page had fetched by then, chunk by chunk.
import type { BrowserContext } from '@playwright/test'

export interface Opening {
  /** Navigation start → the frame after the first row was added. */
  painted: number
  /** Navigation start → the bridge's WebSocket open. */
  bridgeOpen: number
  /** Every script the page started fetching before that frame: its file name and size as the page received it. */
  scripts: Array<{ name: string; bytes: number; cached: boolean }>
}

type Win = { opening?: { painted: number; bridgeOpen: number } }

/** Installed before Berth's own scripts run. */
function instrument(): void {
  const state: { painted: number; bridgeOpen: number } = { painted: 0, bridgeOpen: 0 }
  // A task queued from the frame's callback runs once the frame has been produced.
  const afterPaint = (done: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(0)
    })
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-container]')) return
    observer.disconnect()
    afterPaint((t) => ((window as unknown as Win).opening = { ...state, painted: t }))
  })
  observer.observe(document, { childList: true, subtree: true })
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('open', () => (state.bridgeOpen ||= performance.now()))
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
    const { painted, bridgeOpen } = (await handle.jsonValue()) as { painted: number; bridgeOpen: number }
    const scripts = await page.evaluate(
      (until) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.startTime <= until && new URL(e.name).pathname.endsWith('.js'))
          .map((e) => ({ name: new URL(e.name).pathname.split('/').pop() ?? e.name, bytes: e.decodedBodySize, cached: e.transferSize === 0 })),
      painted,
    )
    return { painted, bridgeOpen, scripts }
  } finally {
    await page.close()
  }
}
