// `npm run bench:terminal`: the terminal's speed in the browser-mode page, each figure beside the
// engine's or the CLI's own in the same run.
//   Keystroke echo through `cat` in an exec TTY:
//     (e) the engine's round trip: a byte written to a hijacked exec connection until its echo comes back;
//     (k) a key pressed in the page until its echo is drawn by xterm, in legs: in the page (key → sent),
//         the transit (sent → echo in the page), split into main's own part (marks inside main, see
//         terminal-marks.ts) and the wire both ways; echo → drawn beside the browser's floor (an
//         animation frame asked for as the echo arrives); and the same transit for any bridge call
//         (the key's own call, sent → its JSON answer).
//   A FILE_BYTES file of base64 lines (10 MB) through an exec TTY:
//     (a) `docker exec -t <c> cat <file> > /dev/null` with the CLI, before and after the others;
//     (b) Berth's pipeline: engine → session → WebSocket → a client in a process of its own
//         (bench/terminal-client.ts) acknowledging as the page does;
//     (c) `cat <file>` typed into a shell in the Terminal tab until the line after it is drawn, with
//         the longest main-thread task, the peak JS heap, and a key typed mid-flood until its echo
//         reaches the page, and the page's main thread time (script, style, layout; the rest idle); then
//         `seq 1 300000` the same way, beside the CLI's own `docker exec -t … seq 1 300000 > /dev/null`;
//     (x) the floor for (c): xterm alone in a blank page of the same browser, the pane's size and font,
//         fed as many bytes of the same lines from the page's memory (bench/terminal-floor.ts);
//     (w) the same page fed over a bare WebSocket from this process, with the pane's slices and credit:
//         the floor for a page whose bytes come from another process, as browser mode's do.
//         The tab cannot beat the slowest of (a), (x) and (w): Berth's part is how far (c) is above it.
//     BENCH_TRACE=<rows> traces one more (c), (x) and (w) and prints where each main thread went, event by event;
//     BENCH_TRACE_SEQ=<rows> traces one more `seq 1 300000` in the tab and prints its longest task, event by event.
// Uses DOCKER_HOST when set; otherwise starts its own private engine and removes it afterwards.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import type { Duplex } from 'node:stream'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { DOCKER_CLI, docker as cli } from '../test/env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../test/env/session'
import { sleep } from '../test/env/wait'
import { bench, heapProbe, openBrowser, quantile, seconds, threadProbe, timeIntoDevNull, verdict, type ThreadTime } from './harness'
import { TERMINAL_FLOW } from '@common/contract/terminal'
import { markMain } from './terminal-marks'
import { comparePhases, longestTask, traceMainThread, type MainThreadTrace } from './trace'
import { bareEcho, openTerminal, quietCalls, quietKeys, paneEcho, paneFlood, probeScript, type FloodFigures } from './terminal-page'
import { xtermFloor, type FloorSource } from './terminal-floor'

const FILE_BYTES = Number(process.env.BENCH_BYTES ?? 10_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const KEYS = Number(process.env.BENCH_KEYS ?? 200)
const TARGETS = { p50: 20, p95: 25, transit: 3, call: 2, pane: 0.5, longTaskMs: 100, keyEchoMs: 100, overFloor: 1.1 }
const FILE = '/flood'
const ACK_EVERY = TERMINAL_FLOW.ackEvery

/** Of the samples there are: a leg that could not be timed (NaN) is left out. */
const median = (xs: number[]) => quantile(xs.filter((x) => !Number.isNaN(x)), 0.5)
const fmt = (ms: number) => `${ms.toFixed(1)} ms`
const load = () => loadavg()[0]?.toFixed(2)
const split = (t: ThreadTime, ms: number) =>
  `tasks ${t.task.toFixed(0)} ms (script ${t.script.toFixed(0)}, style ${t.style.toFixed(0)}, layout ${t.layout.toFixed(0)}, the rest ${(t.task - t.script - t.style - t.layout).toFixed(0)}), idle ${(ms - t.task).toFixed(0)} ms`

/** (e) The engine's own echo: one byte into a hijacked `cat` exec until it comes back. */
async function engineEcho(id: string): Promise<number[]> {
  const exec = await testDocker().getContainer(id).exec({ Cmd: ['cat'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true })
  const socket = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex
  const samples: number[] = []
  let waiting: (() => void) | null = null
  socket.on('data', () => waiting?.())
  for (let i = 0; i < KEYS; i++) {
    const start = performance.now()
    await new Promise<void>((done) => {
      waiting = done
      socket.write('x')
    })
    samples.push(performance.now() - start)
    await sleep(5)
  }
  socket.destroy()
  return samples
}

/** (b) Berth's pipeline to a WebSocket client in a process of its own that acknowledges like the page. */
async function pipeline(address: { port: number; token: string; origin: string }, id: string, bytes: number): Promise<{ ms: number; messages: number }> {
  const args = { ...address, id, bytes, command: ['cat', FILE], ackEvery: ACK_EVERY }
  const output = await new Promise<string>((done, fail) => {
    let out = ''
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'terminal-client.ts')], {
      env: { ...process.env, BENCH_CLIENT: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`the pipeline client exited with ${code}`))))
  })
  return JSON.parse(output) as { ms: number; messages: number }
}

bench(async () => {
  const docker = testDocker()
  const c = await createContainer(docker, { start: true })
  const name = c.Name.slice(1)
  // Base64 lines of 76 characters, as a log or a dump would be: 3/4 of the random bytes, plus newlines.
  await cli(['exec', c.Id, 'sh', '-c', `head -c ${Math.round((FILE_BYTES * 57) / 77)} /dev/urandom | base64 > ${FILE}`])
  const bytes = Number(await cli(['exec', c.Id, 'sh', '-c', `wc -c < ${FILE}`]))
  // The TTY turns each \n into \r\n: what the page receives.
  const ttyBytes = bytes + Number(await cli(['exec', c.Id, 'sh', '-c', `wc -l < ${FILE}`]))
  const marks = markMain()
  const { mode, browser, close } = await openBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 760 } })
    // tsx names the functions inside evaluated code with a helper the page lacks.
    await page.addInitScript('window.__name = (f) => f')
    await page.addInitScript(probeScript)
    const url = mode.url.replace('#token=', `#/containers/${name}/terminal?token=`)

    const engineKeys = await engineEcho(c.Id)
    const bare = await bareEcho(page, KEYS)
    marks.start()
    const { lat, legs, frame } = await paneEcho(page, url, KEYS, () => sleep(5))
    const main = marks.stop()
    const quietKeyed = await quietKeys(page, KEYS)
    const quiet = await quietCalls(page, KEYS)
    const p = (xs: number[]) => `p50 ${fmt(median(xs))}  p95 ${fmt(quantile(xs, 0.95))}`
    const leg = (i: number) => legs.map((l) => l[i] as number)
    const mainLeg = (k: keyof (typeof main)[number]) => fmt(median(main.map((m) => m[k])))
    const transit = median(leg(1))
    const call = median(leg(3))
    console.log(`Keystroke echo through cat in an exec TTY, ${KEYS} keys, ${cpus().length} cores, load ${load()}`)
    console.log(`(e) engine round trip                 ${p(engineKeys)}`)
    console.log(`(k) key in the page → echo drawn      ${p(lat)}  (target p50 ≤ ${TARGETS.p50}, p95 ≤ ${TARGETS.p95}) ${verdict(median(lat) <= TARGETS.p50 && quantile(lat, 0.95) <= TARGETS.p95)}`)
    console.log(`    key → sent (the page)             ${fmt(median(leg(0)))}`)
    console.log(`    sent → echo in the page           ${fmt(transit)}  (target ≤ ${TARGETS.transit}) ${verdict(transit <= TARGETS.transit)}`)
    console.log(`      of it in main (p50): message in → write ${mainLeg('dispatch')}, write → engine's echo ${mainLeg('engine')}, echo → sent ${mainLeg('out')}; all of main ${mainLeg('main')} (${main.length} keys marked)`)
    console.log(`      the wire both ways (transit − main, p50) ${fmt(median(legs.map((l, i) => (l[1] as number) - (main[i]?.main ?? NaN))))}`)
    console.log(`      the floor: a bare WebSocket echo, this process ↔ this Chromium ${p(bare)}`)
    console.log(`      keys made in the page (no driver round trip): sent → echo ${p(quietKeyed.map((k) => k[0]))}; key → drawn ${p(quietKeyed.map((k) => k[1]))}`)
    console.log(`    echo in the page → drawn          ${fmt(median(leg(2)))}; the browser's floor, an animation frame asked for then: ${fmt(median(frame))}`)
    console.log(`    a bridge call, sent → answered    ${fmt(call)}  (target ≤ ${TARGETS.call}) ${verdict(call <= TARGETS.call)}`)
    console.log(`      the same from the page with no keys being pressed by the driver: ${p(quiet)}`)

    const heap = await heapProbe(page)
    const thread = await threadProbe(page)
    const runs: Array<{ a: number; b: number; messages: number; keyFloor: number; c: FloodFigures; x: number; xThread: ThreadTime; w: number; wThread: ThreadTime; heapMb: number; seq: FloodFigures; seqCli: number; thread: ThreadTime }> = []
    const mb = ttyBytes / 1e6
    const cliCat = () => timeIntoDevNull(DOCKER_CLI, ['exec', '-t', c.Id, 'cat', FILE])
    for (let i = 0; i < RUNS; i++) {
      const a1 = await cliCat()
      const { ms: b, messages } = await pipeline(mode, c.Id, ttyBytes)
      await openTerminal(page, url, 'sh')
      // BENCH_PAGE_CSS=<rules>: a style change tried on the tab without a build (adopted: the page's policy refuses inline styles).
      const css = process.env.BENCH_PAGE_CSS
      if (css) {
        await page.evaluate((rules) => {
          const sheet = new CSSStyleSheet()
          sheet.replaceSync(rules)
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
        }, css)
      }
      const profiling = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
      await profiling?.send('Profiler.enable')
      await profiling?.send('Profiler.start')
      heap.start()
      await thread.start()
      marks.watch('~'.charCodeAt(0))
      const flood = await paneFlood(page, `cat ${FILE}`, ttyBytes / 3)
      const inMain = marks.watched()
      const threadTime = await thread.stop()
      const heapMb = await heap.stop()
      // BENCH_PROFILE=<file>: the page's CPU profile of the cat flood, for DevTools.
      if (profiling) writeFileSync(process.env.BENCH_PROFILE as string, JSON.stringify((await profiling.send('Profiler.stop')).profile))
      const seq = await paneFlood(page, 'seq 1 300000', 600_000)
      const alone = await xtermFloor(page, ttyBytes, 'memory')
      const wired = await xtermFloor(page, ttyBytes, 'socket')
      const a = (a1 + (await cliCat())) / 2
      // seq writes a line at a time to a TTY: the engine's own pace, which the CLI shows.
      const seqCli = await timeIntoDevNull(DOCKER_CLI, ['exec', '-t', c.Id, 'seq', '1', '300000'])
      // Whatever the page, the echo is drawn after what the engine held ahead of it: at best, at xterm alone's rate.
      const keyFloor = inMain ? (inMain.ahead / ttyBytes) * alone.ms : NaN
      runs.push({ a, b, messages, keyFloor, c: flood, x: alone.ms, xThread: alone.thread, w: wired.ms, wThread: wired.thread, heapMb, seq, seqCli, thread: threadTime })
      if (inMain) console.log(`  the key mid-flood inside main: written → its echo read back ${fmt(inMain.engine)}, ${(inMain.ahead / 1e6).toFixed(2)} MB read from the engine ahead of it (at xterm alone's rate: ${fmt(keyFloor)}); → sent on ${fmt(inMain.out)}`)
      console.log(
        `run ${i + 1}: a ${seconds(a)}  b ${seconds(b)}  c ${seconds(flood.ms)}  c/a speed ${(a / flood.ms).toFixed(2)}  ` +
          `longest task ${flood.longTaskMs.toFixed(0)} ms  key mid-flood ${fmt(flood.keyEchoMs)}  heap ${heapMb.toFixed(1)} MB  (${flood.bytes} bytes)  ` +
          `seq: ${seconds(seq.ms)}, longest task ${seq.longTaskMs.toFixed(0)} ms, key ${fmt(seq.keyEchoMs)}  ` +
          `x ${seconds(alone.ms)} (longest task ${alone.longTaskMs.toFixed(0)} ms)  w ${seconds(wired.ms)}  load ${load()}\n` +
          `  the page's main thread during the cat: ${split(threadTime, flood.ms)}; xterm alone: ${split(alone.thread, alone.ms)}; over a WebSocket: ${split(wired.thread, wired.ms)}`,
      )
    }
    const mid = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick))
    const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`
    const speed = mid((r) => r.a / r.c.ms)
    const longest = Math.max(...runs.map((r) => Math.max(r.c.longTaskMs, r.seq.longTaskMs)))
    const keyEcho = Math.max(...runs.map((r) => Math.max(r.c.keyEchoMs, r.seq.keyEchoMs)))
    console.log(`\ncat of a ${mb.toFixed(1)} MB file (as the TTY sends it) through an exec TTY, median of ${RUNS} runs, load ${load()}`)
    console.log(`(a) docker exec -t … cat > /dev/null   ${seconds(mid((r) => r.a))}  ${rate(mid((r) => r.a))}`)
    console.log(`(b) Berth's pipeline                   ${seconds(mid((r) => r.b))}  ${rate(mid((r) => r.b))}  b/a speed ${mid((r) => r.a / r.b).toFixed(2)}  in ${mid((r) => r.messages)} messages`)
    console.log(`(c) the Terminal tab, drawn            ${seconds(mid((r) => r.c.ms))}  ${rate(mid((r) => r.c.ms))}  c/a speed ${speed.toFixed(2)} (target ≥ ${TARGETS.pane}) ${verdict(speed >= TARGETS.pane)}`)
    const floor = mid((r) => Math.max(r.a, r.x, r.w))
    const overFloor = mid((r) => r.c.ms / Math.max(r.a, r.x, r.w))
    console.log(`(x) xterm alone, from memory          ${seconds(mid((r) => r.x))}  ${rate(mid((r) => r.x))}  x/a speed ${mid((r) => r.a / r.x).toFixed(2)}`)
    console.log(`(w) xterm over a bare WebSocket       ${seconds(mid((r) => r.w))}  ${rate(mid((r) => r.w))}  w/a speed ${mid((r) => r.a / r.w).toFixed(2)}  w/x ${mid((r) => r.w / r.x).toFixed(2)}`)
    console.log(`    the tab over its floor, the slowest of (a), (x) and (w) (${seconds(floor)}): c is ${overFloor.toFixed(2)}× it (target ≤ ${TARGETS.overFloor}) ${verdict(overFloor <= TARGETS.overFloor)}; over (x) alone ${mid((r) => r.c.ms / Math.max(r.a, r.x)).toFixed(2)}×`)
    console.log(`    the page's main thread (median)    tasks ${mid((r) => r.thread.task).toFixed(0)} ms: script ${mid((r) => r.thread.script).toFixed(0)}, style ${mid((r) => r.thread.style).toFixed(0)}, layout ${mid((r) => r.thread.layout).toFixed(0)}, the rest (paint, GC…) ${mid((r) => r.thread.task - r.thread.script - r.thread.style - r.thread.layout).toFixed(0)}; idle ${mid((r) => r.c.ms - r.thread.task).toFixed(0)} ms`)
    const floorSplit = (label: string, ms: (r: (typeof runs)[number]) => number, t: (r: (typeof runs)[number]) => ThreadTime) =>
      console.log(
        `    ${label.padEnd(35)}tasks ${mid((r) => t(r).task).toFixed(0)} ms: script ${mid((r) => t(r).script).toFixed(0)}, style ${mid((r) => t(r).style).toFixed(0)}, layout ${mid((r) => t(r).layout).toFixed(0)}, the rest ${mid((r) => t(r).task - t(r).script - t(r).style - t(r).layout).toFixed(0)}; idle ${mid((r) => ms(r) - t(r).task).toFixed(0)} ms`,
      )
    floorSplit("xterm alone's (median)", (r) => r.x, (r) => r.xThread)
    floorSplit("over a WebSocket (median)", (r) => r.w, (r) => r.wThread)
    console.log(`    seq 1 300000 in the tab            ${seconds(mid((r) => r.seq.ms))}; docker exec -t … seq 1 300000 > /dev/null ${seconds(mid((r) => r.seqCli))}`)
    console.log(`    longest task, any flood, any run   ${longest.toFixed(0)} ms (target ≤ ${TARGETS.longTaskMs}) ${verdict(longest <= TARGETS.longTaskMs)}`)
    console.log(`    a key mid-flood → its echo, worst  ${fmt(keyEcho)} (target ≤ ${TARGETS.keyEchoMs}) ${verdict(keyEcho <= TARGETS.keyEchoMs)}; in the cat, median ${fmt(mid((r) => r.c.keyEchoMs))} against its floor ${fmt(mid((r) => r.keyFloor))} (what the engine held ahead of it, at xterm alone's rate)`)
    console.log(`    peak JS heap (worst run)           ${Math.max(...runs.map((r) => r.heapMb)).toFixed(1)} MB`)

    // BENCH_TRACE=<rows>: one more cat in the tab, in xterm alone and over a bare WebSocket, each under
    // Chromium's tracing, and their main threads' self time by trace event side by side (widest spread first).
    const rows = Number(process.env.BENCH_TRACE ?? 0)
    if (rows > 0) {
      await openTerminal(page, url, 'sh')
      const tab = await traceMainThread(browser, page, () => paneFlood(page, `cat ${FILE}`, ttyBytes / 3))
      const tracedFloor = async (source: FloorSource) => {
        let trace: MainThreadTrace | undefined
        const { ms } = await xtermFloor(page, ttyBytes, source, async (blank, timed) => {
          trace = (await traceMainThread(browser, blank, timed)).trace
        })
        return { ms, trace: trace as MainThreadTrace }
      }
      const x = await tracedFloor('memory')
      const w = await tracedFloor('socket')
      console.log(`\nTraced (load ${load()}): (c) the tab ${seconds(tab.result.ms)}, (x) xterm alone ${seconds(x.ms)}, (w) over a WebSocket ${seconds(w.ms)}`)
      const columns: Array<[string, MainThreadTrace]> = [['(c) the tab', tab.trace], ['(x) alone', x.trace], ['(w) WebSocket', w.trace]]
      for (const line of comparePhases(columns, rows)) console.log(line)
    }
    const seqRows = Number(process.env.BENCH_TRACE_SEQ ?? 0)
    if (seqRows > 0) {
      await openTerminal(page, url, 'sh')
      const seq = await traceMainThread(browser, page, () => paneFlood(page, 'seq 1 300000', 600_000))
      console.log(`\nTraced (load ${load()}): seq 1 300000 in the tab ${seconds(seq.result.ms)}, longest task ${seq.result.longTaskMs.toFixed(0)} ms (traced: ${seq.trace.longest.ms.toFixed(0)} ms)`)
      for (const line of longestTask(seq.trace, seqRows)) console.log(line)
    }
  } finally {
    await close()
  }
  await removeTestContainers(docker)
})
