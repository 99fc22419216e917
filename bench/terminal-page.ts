// The page's side of `npm run bench:terminal`: probes put into the page before it loads (long tasks,
// when the bridge's messages leave and arrive), and the Terminal tab driven as a person would.
import type { Page } from '@playwright/test'
import { sleep } from '../test/env/wait'
import { ownOrigin } from './harness'

/** What the probes keep in the page. Times are the page's performance.now(). */
export interface Probe {
  tasks: Array<[number, number]>
  wire: {
    /** Messages the page sent: [time, binary]. */
    sent: Array<[number, boolean]>
    /** Messages that reached the bridge's handler: [time, binary]. */
    received: Array<[number, boolean]>
    /** Bytes of binary frames received in all. */
    bytes: number
    /** An animation frame asked for as binary output arrives: how long until it comes (while `sampling`). */
    frame: number[]
    /** On for the keystroke legs only: a frame asked for at every message of a flood would add frames the tab does not draw. */
    sampling: boolean
    /** When a binary frame holding `watchByte` first arrived after `watchFrom`. */
    watchByte: number
    watchFrom: number
    watched: number
  }
  lat: number[]
  legs: Array<[number, number, number, number]>
}

/** Installed before the page's scripts run. A function serialized by Playwright: nothing from outside it. */
export function probeScript(): void {
  const w = window as unknown as Probe
  w.tasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.tasks.push([entry.startTime, entry.duration])
  }).observe({ type: 'longtask', buffered: true })
  w.wire = { sent: [], received: [], bytes: 0, frame: [], sampling: false, watchByte: -1, watchFrom: Infinity, watched: 0 }
  // The mid-flood key: timed from its keydown, as a person's would be.
  document.addEventListener('keydown', (e) => e.key.charCodeAt(0) === w.wire.watchByte && (w.wire.watchFrom = performance.now()), true)
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (this: WebSocket, data) {
    w.wire.sent.push([performance.now(), typeof data !== 'string'])
    send.call(this, data)
  }
  const handler = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage') as PropertyDescriptor
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    ...handler,
    set(this: WebSocket, fn: ((e: MessageEvent) => void) | null) {
      handler.set?.call(
        this,
        fn &&
          ((e: MessageEvent) => {
            const at = performance.now()
            const binary = typeof e.data !== 'string'
            w.wire.received.push([at, binary])
            if (binary) {
              const bytes = new Uint8Array(e.data as ArrayBuffer)
              w.wire.bytes += bytes.length
              if (at >= w.wire.watchFrom && !w.wire.watched && bytes.includes(w.wire.watchByte)) w.wire.watched = at
              if (w.wire.sampling && w.wire.frame.length < 10_000) requestAnimationFrame(() => w.wire.frame.push(performance.now() - at))
            }
            fn.call(this, e)
          }),
      )
    },
  })
}

export async function openTerminal(page: Page, url: string, command: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(url)
  await page.getByTestId('terminal-shell').selectOption('custom')
  await page.getByTestId('terminal-command').fill(command)
  await page.getByTestId('terminal-exec').click()
  await page.locator('[data-testid=terminal-phase][data-phase=attached]').waitFor({ state: 'attached' })
}

/**
 * A key pressed in the page until its echo is drawn (the rows' DOM changes in xterm's frame), in legs:
 * key → sent, sent → echo reaches the page, echo → drawn, and sent → the call's own JSON answer.
 */
export async function paneEcho(page: Page, url: string, keys: number, between: () => Promise<void>): Promise<Pick<Probe, 'lat' | 'legs'> & { frame: number[] }> {
  await openTerminal(page, url, 'cat')
  await page.evaluate(() => {
    const w = window as unknown as Probe
    w.lat = []
    w.legs = []
    w.wire.sampling = true
    const el = document.querySelector('.terminal-view .xterm-rows') as HTMLElement
    const count = () => (el.textContent?.match(/x/g) ?? []).length
    let t0 = 0
    let want = 0
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'x') return
        t0 = performance.now()
        want = count() + 1
      },
      true,
    )
    new MutationObserver(() => {
      if (!t0 || count() < want) return
      const now = performance.now()
      const sent = w.wire.sent.find(([t, binary]) => binary && t >= t0)?.[0] ?? NaN
      const echoed = w.wire.received.find(([t, binary]) => binary && t >= sent)?.[0] ?? NaN
      const answered = w.wire.received.find(([t, binary]) => !binary && t >= sent)?.[0] ?? NaN
      w.lat.push(now - t0)
      w.legs.push([sent - t0, echoed - sent, now - echoed, answered - sent])
      t0 = 0
    }).observe(el, { subtree: true, childList: true, characterData: true })
  })
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press('x')
    await page.waitForFunction((n) => (window as unknown as Probe).lat.length > n, i, { polling: 'raf' })
    await between()
  }
  return page.evaluate(() => {
    const w = window as unknown as Probe
    return { lat: w.lat, legs: w.legs, frame: w.wire.frame }
  })
}

export interface FloodFigures {
  /** Enter pressed → the line after the flood drawn. */
  ms: number
  longTaskMs: number
  /** A key pressed mid-flood → its echo reaches the page; NaN when the flood ended first. */
  keyEchoMs: number
  bytes: number
}

/**
 * Types `command; echo END-OF-$((6*7))` into a shell in the Terminal tab and waits for END-OF-42 to be
 * drawn (the typed line shows the sum unexpanded, so only the output matches). Once `keyAfter`
 * bytes have arrived, a `~` is typed: the TTY echoes it into the flood, where no base64 or digit is `~`.
 */
export async function paneFlood(page: Page, command: string, keyAfter: number): Promise<FloodFigures> {
  const echo = ' ; echo END-OF-$((6*7))'
  await page.keyboard.type(command + echo)
  await page.waitForFunction((text) => document.querySelector('.terminal-view .xterm-rows')?.textContent?.includes(text), 'END-OF-$((6*7))')
  await page.evaluate(() => {
    const w = window as unknown as Probe
    w.wire.bytes = 0
    w.wire.watched = 0
    w.wire.watchFrom = Infinity
    w.wire.watchByte = '~'.charCodeAt(0)
  })
  const t0 = await page.evaluate(() => performance.now())
  const start = performance.now()
  await page.keyboard.press('Enter')
  await page.waitForFunction((n) => (window as unknown as Probe).wire.bytes >= n, keyAfter, { polling: 'raf', timeout: 600_000 })
  await page.keyboard.press('~')
  await page.waitForFunction(() => document.querySelector('.terminal-view .xterm-rows')?.textContent?.includes('END-OF-42'), null, {
    polling: 50,
    timeout: 600_000,
  })
  const ms = performance.now() - start
  const figures = await page.evaluate((from) => {
    const w = window as unknown as Probe
    return { tasks: w.tasks.filter(([s, d]) => s + d >= from).map(([, d]) => d), watched: w.wire.watched, watchFrom: w.wire.watchFrom, bytes: w.wire.bytes }
  }, t0)
  // The `~` stays on the shell's next line: clear it for the next command.
  await page.keyboard.press('Control+U')
  await sleep(50)
  return {
    ms,
    longTaskMs: Math.max(0, ...figures.tasks),
    keyEchoMs: figures.watched ? figures.watched - figures.watchFrom : NaN,
    bytes: figures.bytes,
  }
}

/**
 * The browser's and this machine's floor for the wire: a bare WebSocket echo server in this process
 * (the one the bridge runs in, under the same load) and a blank page in the same Chromium sending it a
 * message like a keystroke's call, one at a time, as the keystrokes are.
 */
export async function bareEcho(page: Page, count: number): Promise<number[]> {
  const origin = await ownOrigin(
    () => ({ body: '<!doctype html><title>echo</title>' }),
    (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })),
  )
  try {
    await page.goto(origin.url)
    return await page.evaluate(async (count) => {
      const ws = new WebSocket(`ws://${location.host}/`)
      ws.binaryType = 'arraybuffer'
      await new Promise((done, fail) => {
        ws.onopen = done
        ws.onerror = fail
      })
      const message = new Uint8Array(64)
      const samples: number[] = []
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        await new Promise((done) => {
          ws.onmessage = done
          ws.send(message)
        })
        samples.push(performance.now() - t0)
        await new Promise((done) => setTimeout(done, 5))
      }
      ws.close()
      return samples
    }, count)
  } finally {
    origin.close()
  }
}

/**
 * A bridge call from inside the Terminal tab's page with no driver traffic around it: a socket of its
 * own to the bridge (the page's token), a call that main answers without the engine (a resize of no
 * session), one at a time. Beside the keystrokes' calls it tells the driver's share from the page's.
 */
export async function quietCalls(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const token = sessionStorage.getItem('berth.token') ?? ''
    const ws = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`)
    await new Promise((done, fail) => {
      ws.onopen = done
      ws.onerror = fail
    })
    const samples: number[] = []
    for (let id = 1; id <= count; id++) {
      const t0 = performance.now()
      await new Promise((done) => {
        ws.onmessage = done
        ws.send(JSON.stringify({ id, channel: 'berth:call:terminal.resize', input: { session: 'none', size: { cols: 80, rows: 24 } } }))
      })
      samples.push(performance.now() - t0)
      await new Promise((done) => setTimeout(done, 5))
    }
    ws.close()
    return samples
  }, count)
}

/**
 * Keys made inside the page (a keydown xterm takes as typed) with no driver round trip around them:
 * sent → echo in the page, and → drawn. Run after paneEcho, in its `cat` session and probes.
 */
export async function quietKeys(page: Page, count: number): Promise<Array<[number, number]>> {
  return page.evaluate(async (count) => {
    const w = window as unknown as Probe
    const input = document.querySelector('.terminal-view .xterm-helper-textarea') as HTMLTextAreaElement
    const samples: Array<[number, number]> = []
    for (let i = 0; i < count; i++) {
      const before = w.lat.length
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', code: 'KeyX', keyCode: 88, bubbles: true, cancelable: true }))
      while (w.lat.length === before) await new Promise((done) => requestAnimationFrame(done))
      const legs = w.legs.at(-1) as number[]
      samples.push([legs[1] as number, w.lat.at(-1) as number])
      await new Promise((done) => setTimeout(done, 5))
    }
    return samples
  }, count)
}
