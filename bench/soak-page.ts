// The page side of `npm run bench:soak`: when each container's row first appears on screen (the
// frame after it is in the DOM), and the memory of the pages (CDP) and of their renderer processes.
import { readFileSync } from 'node:fs'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { pageScript } from './harness'

/** Installed before Berth's scripts: records `[data-container]` rows as they are painted. */
function watchRows(): void {
  const seen: Array<[string, number]> = []
  const known = new Set<string>()
  ;(window as unknown as { soakRows: typeof seen }).soakRows = seen
  const painted = (name: string) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => seen.push([name, performance.timeOrigin + performance.now()])
      channel.port2.postMessage(0)
    })
  const look = (node: Node) => {
    if (!(node instanceof Element)) return
    const rows = node.matches('[data-container]') ? [node] : [...node.querySelectorAll('[data-container]')]
    for (const row of rows) {
      const name = row.getAttribute('data-container') ?? ''
      if (known.has(name)) continue
      known.add(name)
      painted(name)
    }
  }
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') look(record.target)
      record.addedNodes.forEach(look)
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-container'] })
}

export async function openWatchedPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.addInitScript({ content: pageScript(watchRows) })
  await page.goto(url)
  return page
}

/** Rows painted since the last call: container name → epoch ms. */
export async function takePainted(page: Page): Promise<Array<[string, number]>> {
  return page.evaluate(() => (window as unknown as { soakRows: Array<[string, number]> }).soakRows.splice(0))
}

/** JS heap in use after a garbage collection, in bytes. */
export async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
}

/** Resident memory of every renderer process of the browser, in bytes (one per page here). */
export async function renderersRss(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> }
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + rssOf(p.id), 0)
  } finally {
    await session.detach()
  }
}

export function rssOf(pid: number | 'self'): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return Number(kb ?? NaN) * 1024
  } catch {
    return NaN
  }
}
