// The browser part of `npm run bench:startup`: one navigation to the containers list, timed in the
// page from navigation start (performance.now() is 0 there) to the frame after the first container
// row is in the document, and the JavaScript the page had fetched by then, chunk by chunk.
import type { BrowserContext } from '@playwright/test'
import { pageScript, threadProbe, type ThreadTime } from './harness'

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
  /** The main thread before the paint, from the page's own long-animation-frame entries (frames over 50 ms). */
  thread: Thread
  /** The main thread from navigation until just after the paint, by Chromium's counters (all tasks, however short). */
  counters: ThreadTime
}

/**
 * Where the page's main thread went before the paint, as Chromium reports it to the page (the Long
 * Animation Frames API: no tracing, so nothing of its own added): the frames that took over 50 ms
 * (shorter ones are not reported), the scripts run in them by file, and their style and layout.
 */
export interface Thread {
  /** Frames over 50 ms that began before the paint, and the time they span up to it (a frame spans its tasks and the waits between them). */
  frames: number
  span: number
  /** Script in those frames, in all and by the file it came from (module evaluation, callbacks, handlers). */
  script: number
  byFile: Record<string, number>
  /** Style and layout: each frame's rendering part, and what scripts forced. */
  layout: number
}

type Marks = { painted: number; bridgeOpen: number; answer: number; row: number; sockets: number }
/** The fields of a long-animation-frame entry and its scripts that are read here (TypeScript's DOM types have none yet). */
type Frame = { startTime: number; duration: number; styleAndLayoutStart: number; scripts: Array<{ duration: number; sourceURL: string; forcedStyleAndLayoutDuration: number }> }
type Win = { opening?: Marks; frames?: Frame[] }

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
  const frames: Frame[] = ((window as unknown as Win).frames = [])
  new PerformanceObserver((list) => frames.push(...(list.getEntries() as unknown as Frame[]))).observe({ type: 'long-animation-frame', buffered: true })
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
    await page.addInitScript({ content: pageScript(instrument) })
    const probe = await threadProbe(page)
    await probe.start()
    await page.goto(url.replace('#token=', '#/containers?token='))
    const handle = await page.waitForFunction(() => (window as unknown as Win).opening, undefined, { timeout: 30_000 })
    const counters = await probe.stop()
    await probe.close()
    const { painted, bridgeOpen, answer, row, sockets } = (await handle.jsonValue()) as Marks
    const { scripts, html, scriptsIn, waits, thread } = await page.evaluate((until) => {
      const thread = { frames: 0, span: 0, script: 0, byFile: {} as Record<string, number>, layout: 0 }
      for (const frame of (window as unknown as Win).frames ?? []) {
        if (frame.startTime >= until) continue
        const end = Math.min(until, frame.startTime + frame.duration)
        thread.frames++
        thread.span += end - frame.startTime
        if (frame.styleAndLayoutStart > 0 && frame.styleAndLayoutStart < end) thread.layout += end - frame.styleAndLayoutStart
        for (const script of frame.scripts) {
          const file = script.sourceURL ? (new URL(script.sourceURL).pathname.split('/').pop() ?? '') : '(no file)'
          thread.script += script.duration
          thread.layout += script.forcedStyleAndLayoutDuration
          thread.byFile[file] = (thread.byFile[file] ?? 0) + script.duration
        }
      }
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
        thread,
      }
    }, painted)
    return { painted, bridgeOpen, legs: { html, scripts: scriptsIn, answer, row }, scripts, waits, sockets, thread, counters }
  } finally {
    await page.close()
  }
}
