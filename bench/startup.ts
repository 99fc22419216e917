// `npm run bench:startup`: how long Berth takes to open. In Chromium against browser mode, with 500
// containers on the engine: navigation → the first container row painted, with a cold cache (a fresh
// browser context each run) and a warm one (the same context again), and the JavaScript the page
// fetched before that paint, chunk by chunk. Then how long `npm run web` takes to print its link when
// the build is current and when it is not. `docker ps -a`, timed in the same run, is the CLI's figure.
// Starts a private engine unless DOCKER_HOST is set. BENCH_RENDERER_DIR measures another build of the
// renderer (an older one, for a before/after) in the page part; several, comma-separated, are measured
// alternately, run by run, on the same engine and at the same load, each served by a process of its own.
// BENCH_TRACE=<rows> traces one more cold opening of each and prints its main thread by trace event.
// Two floor pages (startup-floor.ts) take their turns with them, the bare one and one that also loads
// the first build's files, and each leg is set beside theirs.
import { execFileSync, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { startBrowserMode } from '@main/browser-mode/server'
import { chromium, type Browser } from '@playwright/test'
import type Dockerode from 'dockerode'
import { CHROMIUM } from '../test/e2e/chromium'
import { DOCKER_CLI } from '../test/env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../test/env/session'
import { buildStampOf } from '../scripts/current-build.mjs'
import { bench, median, RENDERER_DIRS, verdict } from './harness'
import { openContainers, type Opening } from './startup-page'
import { startBrowserModeProcess } from './browser-mode-process'
import { writeFloorPage } from './startup-floor'
import { comparePhases, traceMainThread, type MainThreadTrace } from './trace'

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const ROOT = resolve(__dirname, '..')
/** BENCH_TRACE=<rows>: one more cold opening of each build under Chromium's tracing, its main thread by trace event, side by side. */
const TRACE_ROWS = Number(process.env.BENCH_TRACE ?? 0)
const TARGETS = { painted: 400, scriptKb: 250, webLink: 1000 }
/** BENCH_FLOOR=0 leaves out the floor pages measured in turns with the builds. */
const WITH_FLOOR = process.env.BENCH_FLOOR !== '0'

const ms = (x: number) => `${Math.round(x)} ms`
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ')

function timeCli(args: string[]): number {
  const start = performance.now()
  execFileSync(DOCKER_CLI, args, { stdio: 'ignore' })
  return performance.now() - start
}

/** `npm run web` started as a user would: the time until it prints its link, then it is stopped. */
async function timeWebLink(): Promise<number> {
  const start = performance.now()
  const child = spawn('npm', ['run', 'web'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BERTH_PORT: '0' } })
  let output = ''
  try {
    return await new Promise<number>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (/^Open: /m.test(output)) done(performance.now() - start)
      })
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('exit', (code) => fail(new Error(`npm run web exited (${code}) before printing its link:\n${output}`)))
    })
  } finally {
    // npm, its shell and tsx are one process group: stop them all, and wait until they are gone.
    const exited = new Promise((done) => child.once('exit', done))
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
}

function scriptsLine(opening: Opening): string {
  const total = opening.scripts.reduce((n, s) => n + s.bytes, 0)
  const chunks = [...opening.scripts].sort((a, b) => b.bytes - a.bytes).map((s) => `${s.name.replace(/-[\w-]{8}\.js$/, '.js')} ${kb(s.bytes)}`)
  return `${kb(total)} in ${opening.scripts.length} files: ${chunks.join(', ')}`
}

/** The main thread before the paint over `runs`: frames over 50 ms, their script by file, and their style and layout. */
function threadLine(runs: Opening[]): string {
  const of = (pick: (t: Opening['thread']) => number) => ms(median(runs.map((o) => pick(o.thread))))
  const files = [...new Set(runs.flatMap((o) => Object.keys(o.thread.byFile)))]
  const byFile = files
    .map((file) => ({ file, ms: median(runs.map((o) => o.thread.byFile[file] ?? 0)) }))
    .sort((a, b) => b.ms - a.ms)
    .filter((f) => f.ms >= 1)
    .map((f) => `${f.file.replace(/-[\w-]{8}\.js$/, '.js')} ${ms(f.ms)}`)
  const counted = (k: keyof Opening['counters']) => ms(median(runs.map((o) => o.counters[k])))
  return (
    `all tasks ${counted('task')}: script ${counted('script')}, style ${counted('style')}, layout ${counted('layout')} (Chromium's counters, to just after the paint); ` +
    `frames over 50 ms: ${median(runs.map((o) => o.thread.frames))}, spanning ${of((t) => t.span)}: script ${of((t) => t.script)}${byFile.length ? ` (${byFile.join(', ')})` : ''}, style and layout ${of((t) => t.layout)}`
  )
}

interface Build {
  dir: string
  /** A floor page (startup-floor.ts), not a build of Berth's renderer: the bare one, or one that also loads the files of the build at `filesOf`. */
  floor?: { filesOf?: string }
  mode: { url: string; close(): Promise<void> }
  cold: Opening[]
  warm: Opening[]
}

/** One build's table: the paint, its legs, the waits for the scripts and the JavaScript before it. */
function report({ dir, floor, cold, warm }: Build, ps: number): void {
  const first = cold[0]!
  const scriptBytes = first.scripts.reduce((n, s) => n + s.bytes, 0)
  const coldPaint = median(cold.map((o) => o.painted))
  const warmPaint = median(warm.map((o) => o.painted))
  const title = !floor
    ? `Renderer: ${dir}`
    : floor.filesOf
      ? `The floor with the files of ${floor.filesOf} (fetched and compiled, not run; its rows written once they are in)`
      : 'The floor (one small script, no framework, the same server and answer)'
  console.log(`\n${title}`)
  console.log('| measure | figure | against the CLI | target |\n| --- | --- | --- | --- |')
  console.log(`| navigation → first row painted, cold cache | median ${ms(coldPaint)} (${cold.map((o) => Math.round(o.painted)).join(', ')}); bridge open at ${ms(median(cold.map((o) => o.bridgeOpen)))} | ${(coldPaint / ps).toFixed(1)} × docker ps -a | ≤ ${TARGETS.painted} ms ${verdict(coldPaint <= TARGETS.painted)} |`)
  console.log(`| navigation → first row painted, warm cache | median ${ms(warmPaint)} (${warm.map((o) => Math.round(o.painted)).join(', ')}); bridge open at ${ms(median(warm.map((o) => o.bridgeOpen)))} | ${(warmPaint / ps).toFixed(1)} × docker ps -a | ≤ ${TARGETS.painted} ms ${verdict(warmPaint <= TARGETS.painted)} |`)
  const leg = (runs: Opening[], k: keyof Opening['legs']) => ms(median(runs.map((o) => o.legs[k])))
  for (const [name, runs] of [['cold', cold], ['warm', warm]] as const) {
    console.log(`| legs, ${name} (medians from navigation) | HTML in ${leg(runs, 'html')}, scripts in ${leg(runs, 'scripts')}, bridge open ${ms(median(runs.map((o) => o.bridgeOpen)))}, first answer ${leg(runs, 'answer')}, row in the document ${leg(runs, 'row')}, painted ${ms(median(runs.map((o) => o.painted)))} | | |`)
  }
  console.log(`| main thread before the paint, cold (medians) | ${threadLine(cold)} | | |`)
  const wait = (k: keyof Opening['waits']) => ms(median(cold.map((o) => o.waits[k])))
  console.log(`| scripts from the server, cold (medians of the longest wait) | for a connection ${wait('connection')} (six per host), for the server's answer ${wait('server')} | | |`)
  console.log(`| JavaScript fetched before the first row painted | ${scriptsLine(first)} | | ≤ ${TARGETS.scriptKb} kB ${verdict(scriptBytes <= TARGETS.scriptKb * 1000)} |`)
  const sockets = [...new Set([...cold, ...warm].map((o) => o.sockets))]
  console.log(`| WebSockets opened before the paint | ${sockets.join(' or ')} | | 1 ${verdict(sockets.length === 1 && sockets[0] === 1)} |`)
}

/**
 * Each leg of a build's cold opening beside the floors': the bare floor is the browser's and the
 * server's part; the floor with the files adds fetching and compiling Berth's; the rest is running them.
 */
function compareWithFloor(build: Build, floor: Build, withFiles: Build | undefined): void {
  const at = (runs: Opening[], pick: (o: Opening) => number) => median(runs.map(pick))
  const legs: Array<[string, (o: Opening) => number]> = [
    ['HTML in', (o) => o.legs.html],
    ['bridge open', (o) => o.bridgeOpen],
    ['first answer in', (o) => o.legs.answer],
    ['first row in the document', (o) => o.legs.row],
    ['first row painted', (o) => o.painted],
    ["main thread's tasks until just after the paint", (o) => o.counters.task],
  ]
  console.log(`\n${build.dir} beside the floor${withFiles ? 's' : ''}, cold cache (medians from navigation)`)
  if (withFiles) console.log("| leg | floor | floor with Berth's files | Berth | Berth's part | of it, running the files |\n| --- | ---: | ---: | ---: | ---: | ---: |")
  else console.log("| leg | floor | Berth | Berth's part |\n| --- | ---: | ---: | ---: |")
  for (const [name, pick] of legs) {
    const [f, b] = [at(floor.cold, pick), at(build.cold, pick)]
    const part = `${ms(b - f)} (${(b / f).toFixed(2)}×)`
    if (!withFiles) console.log(`| ${name} | ${ms(f)} | ${ms(b)} | ${part} |`)
    else {
      const w = at(withFiles.cold, pick)
      console.log(`| ${name} | ${ms(f)} | ${ms(w)} | ${ms(b)} | ${part} | ${ms(b - w)} |`)
    }
  }
}

/** Where the page's main thread went from navigation to the first row painted, build beside build. */
async function traceOpenings(browser: Browser, builds: Build[]): Promise<void> {
  const columns: Array<[string, MainThreadTrace]> = []
  for (const [i, build] of builds.entries()) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    try {
      const { result, trace } = await traceMainThread(browser, undefined, () => openContainers(context, build.mode.url))
      columns.push([`${i + 1}: ${ms(result.painted)}`, trace])
    } finally {
      await context.close()
    }
  }
  console.log(`\nTraced, one cold opening each (${builds.map((b, i) => `${i + 1}: ${b.dir}`).join(', ')}); the trace runs on to the page's close:`)
  for (const line of comparePhases(columns, TRACE_ROWS)) console.log(line)
}

bench(async () => {
  const docker = testDocker()
  try {
    await measure(docker)
  } finally {
    await removeTestContainers(docker)
  }
})

async function measure(docker: Dockerode): Promise<void> {
  console.log(`Creating ${CONTAINERS} containers…`)
  for (let i = 0; i < CONTAINERS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, CONTAINERS - i) }, () => createContainer(docker)))
  }
  // In a process of its own, as `npm run web` serves the page; BENCH_SERVER=inline serves it from this
  // one, beside Playwright, as the benchmark did before.
  const inline = process.env.BENCH_SERVER === 'inline'
  const builds: Build[] = []
  try {
    const dirs: Array<{ dir: string; floor?: Build['floor'] }> = RENDERER_DIRS.map((dir) => ({ dir }))
    const filesOf = RENDERER_DIRS[0]!
    if (WITH_FLOOR) dirs.push({ dir: writeFloorPage(), floor: {} }, { dir: writeFloorPage(filesOf), floor: { filesOf } })
    for (const { dir, floor } of dirs) {
      const mode = inline ? await startBrowserMode({ rendererDir: dir }) : await startBrowserModeProcess(dir)
      builds.push({ dir, floor, mode, cold: [], warm: [] })
    }
    const browser = await chromium.launch(CHROMIUM)
    try {
      // The CLI's figure: `docker ps -a` on the same engine, process start to exit.
      timeCli(['ps', '-a'])
      const ps = median(Array.from({ length: RUNS }, () => timeCli(['ps', '-a'])))
      const count = (await docker.listContainers({ all: true })).length
      console.log(`\nOpening the containers list in Chromium (browser mode), ${count} containers, ${cpus().length} cores, load ${load()}`)
      console.log(`Served ${inline ? 'from this process' : 'by a process of its own'}; docker ps -a takes ${ms(ps)} (median of ${RUNS})`)
      for (let i = 0; i < RUNS; i++) {
        // Several builds take turns, each run starting with the next one, so none always goes first.
        for (let k = 0; k < builds.length; k++) {
          const build = builds[(i + k) % builds.length]!
          const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
          // A first run in a context has its cache empty; the second, in the same context, finds the files in it.
          build.cold.push(await openContainers(context, build.mode.url))
          build.warm.push(await openContainers(context, build.mode.url))
          await context.close()
        }
      }
      console.log(`load ${load()} after the page runs`)
      for (const build of builds) report(build, ps)
      const floor = builds.find((b) => b.floor && !b.floor.filesOf)
      if (floor) for (const build of builds.filter((b) => !b.floor)) compareWithFloor(build, floor, builds.find((b) => b.floor?.filesOf === build.dir))
      if (TRACE_ROWS > 0) await traceOpenings(browser, builds)
    } finally {
      await browser.close()
    }
  } finally {
    for (const build of builds) {
      await build.mode.close()
      if (build.floor) rmSync(build.dir, { recursive: true, force: true })
    }
  }

  if (process.env.BENCH_WEB === '0') return
  // Current: the build matches the sources (the first launch makes sure of it, untimed). Not current:
  // the stamp of the last build is gone, as after an edit, so the launch builds first.
  await timeWebLink()
  const current = [await timeWebLink(), await timeWebLink(), await timeWebLink()]
  rmSync(buildStampOf(ROOT), { force: true })
  const stale = await timeWebLink()
  console.log(`\n\`npm run web\` → its link printed, load ${load()}`)
  console.log('| build | figure | target |\n| --- | --- | --- |')
  console.log(`| current | median ${ms(median(current))} (${current.map(Math.round).join(', ')} ms) | ≤ ${TARGETS.webLink} ms ${verdict(median(current) <= TARGETS.webLink)} |`)
  console.log(`| not current (rebuilds first) | ${ms(stale)} | |`)
}
