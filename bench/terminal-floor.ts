// The floors for the Terminal tab's flood in `npm run bench:terminal`: xterm in a blank page of the
// same browser, with the pane's size, font, scrollback and renderer, given the same bytes (base64
// lines of 76 characters and \r\n, as the TTY sends them) by the simplest means there are:
//   'memory'  from the page's own memory, in the pane's 16 KiB slices, as fast as xterm takes them:
//             xterm's and the browser's own floor, which no page that parses every byte can beat;
//   'socket'  over a bare WebSocket from this process, in 64 KiB messages (the engine's reads, as main
//             sends them), written into xterm in the same slices as they arrive, and acknowledged as
//             xterm parses them with the pane's credit (TERMINAL_FLOW): the floor for a page that gets
//             its bytes from another process, as the browser mode's page does. The tab is this plus
//             Berth's own part: the bridge client, the store, OutputFlow and the app around the pane.
// Both are timed as the tab is: from the driver until the line after the flood is drawn.
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { TERMINAL_FLOW } from '@common/contract/terminal'
import { ownOrigin, threadProbe, type ThreadTime } from './harness'

export type FloorSource = 'memory' | 'socket'

export interface FloorFigures {
  ms: number
  longTaskMs: number
  thread: ThreadTime
}

const SLICE = 16 * 1024
const MESSAGE = 64 * 1024

/** `bytes` of random base64 lines as a TTY sends them, then the line that ends the flood. */
function floodOf(bytes: number): Buffer {
  const lines = Math.ceil(bytes / 78)
  const text = randomBytes(lines * 57).toString('base64')
  const out: string[] = []
  for (let at = 0; at < text.length; at += 76) out.push(text.slice(at, at + 76), '\r\n')
  out.push('END-OF-42\r\n')
  return Buffer.from(out.join(''))
}

/**
 * xterm alone in a page of its own, fed from `source`. `pane`: a page with the Terminal tab open, whose
 * geometry is copied; `around` wraps the timed part (to trace it).
 */
export async function xtermFloor(
  pane: Page,
  bytes: number,
  source: FloorSource,
  around: (page: Page, timed: () => Promise<void>) => Promise<void> = (_page, timed) => timed(),
): Promise<FloorFigures> {
  const shape = await pane.evaluate(() => {
    const host = document.querySelector('[data-testid=terminal-screen]') as HTMLElement
    const rows = host.querySelector('.xterm-rows') as HTMLElement
    const box = getComputedStyle(host)
    const font = getComputedStyle(rows)
    return {
      width: host.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight),
      height: host.clientHeight - parseFloat(box.paddingTop) - parseFloat(box.paddingBottom),
      fontFamily: font.fontFamily,
      fontSize: parseFloat(font.fontSize),
    }
  })
  const browser = pane.context().browser()
  if (!browser) throw new Error('xtermFloor needs a page of a launched browser')
  const flood = floodOf(bytes)
  // The page, the flood and the socket from one origin of their own: nothing of Berth's beside them.
  const origin = await ownOrigin(
    (path) =>
      path === '/flood'
        ? { type: 'application/octet-stream', body: flood }
        : { body: '<!doctype html><title>xterm alone</title><body style="margin:0"><div id="host"></div>' },
    (ws) => {
      // Main's credit, as in TerminalSession: stop sending past highWater unacknowledged, go on at lowWater.
      let sent = 0
      let acked = 0
      const pump = () => {
        while (sent < flood.length && sent - acked < TERMINAL_FLOW.highWater) {
          const piece = flood.subarray(sent, sent + MESSAGE)
          ws.send(piece, { binary: true })
          sent += piece.length
        }
      }
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { go?: true; ack?: number }
        if (message.go) pump()
        else if (message.ack !== undefined) {
          acked = message.ack
          if (sent - acked <= TERMINAL_FLOW.lowWater) pump()
        }
      })
    },
  )
  const page = await browser.newPage({ viewport: pane.viewportSize() ?? { width: 1240, height: 760 } }).catch((err: unknown) => {
    origin.close()
    throw err
  })
  try {
    // tsx names the functions inside evaluated code with a helper the page lacks.
    await page.addInitScript('window.__name = (f) => f')
    await page.goto(origin.url)
    await page.addStyleTag({ path: require.resolve('@xterm/xterm/css/xterm.css') })
    await page.addScriptTag({ path: require.resolve('@xterm/xterm/lib/xterm.js') })
    await page.addScriptTag({ path: require.resolve('@xterm/addon-fit/lib/addon-fit.js') })
    await page.evaluate(
      async ({ shape, source, slice, ackEvery }) => {
        const host = document.getElementById('host') as HTMLElement
        Object.assign(host.style, { width: `${shape.width}px`, height: `${shape.height}px` })
        const g = globalThis as unknown as {
          Terminal: new (options: object) => { open(el: HTMLElement): void; loadAddon(a: object): void; write(d: Uint8Array, done?: () => void): void }
          FitAddon: { FitAddon: new () => { fit(): void } }
          tasks: number[]
          go: () => void
        }
        const term = new g.Terminal({ fontFamily: shape.fontFamily, fontSize: shape.fontSize, scrollback: 10_000, cursorBlink: true })
        const fit = new g.FitAddon.FitAddon()
        term.loadAddon(fit)
        term.open(host)
        fit.fit()
        const write = (data: Uint8Array, parsed?: (length: number) => void) => {
          for (let at = 0; at < data.length; at += slice) {
            const piece = data.subarray(at, at + slice)
            term.write(piece, parsed && (() => parsed(piece.length)))
          }
        }
        if (source === 'memory') {
          // Fetched before the clock starts; written all at once, as fast as xterm takes it.
          const flood = new Uint8Array(await (await fetch('/flood')).arrayBuffer())
          g.go = () => write(flood)
        } else {
          const ws = new WebSocket(`ws://${location.host}/`)
          ws.binaryType = 'arraybuffer'
          await new Promise((done, fail) => {
            ws.onopen = done
            ws.onerror = fail
          })
          let parsed = 0
          let acked = 0
          ws.onmessage = (e) =>
            write(new Uint8Array(e.data as ArrayBuffer), (length) => {
              parsed += length
              if (parsed - acked >= ackEvery) {
                acked = parsed
                ws.send(JSON.stringify({ ack: parsed }))
              }
            })
          g.go = () => ws.send(JSON.stringify({ go: true }))
        }
        g.tasks = []
        new PerformanceObserver((list) => list.getEntries().forEach((e) => g.tasks.push(e.duration))).observe({ type: 'longtask' })
      },
      { shape, source, slice: SLICE, ackEvery: TERMINAL_FLOW.ackEvery },
    )
    const thread = await threadProbe(page)
    await thread.start()
    let ms = 0
    await around(page, async () => {
      const start = performance.now()
      await page.evaluate(() => (globalThis as unknown as { go: () => void }).go())
      await page.waitForFunction(() => document.querySelector('#host .xterm-rows')?.textContent?.includes('END-OF-42'), null, { polling: 50, timeout: 600_000 })
      ms = performance.now() - start
    })
    const split = await thread.stop()
    const tasks = await page.evaluate(() => (globalThis as unknown as { tasks: number[] }).tasks)
    return { ms, longTaskMs: Math.max(0, ...tasks), thread: split }
  } finally {
    await page.close()
    origin.close()
  }
}
