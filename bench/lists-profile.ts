// `npx tsx bench/lists-profile.ts` (after `npx electron-vite build`): where a filter keystroke's time goes in the containers list, for
// whoever works on it. With BENCH_CONTAINERS containers on the engine (500; created if fewer), it
// types in the filter as `bench:lists` does, with Chromium's CPU profiler on, and prints the key
// figures, the main thread's time per key by kind, and the functions that took the most time.
// Starts a private engine unless DOCKER_HOST is set (keep one running to profile again quickly).
import type { Browser, Page } from '@playwright/test'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { removeTestContainers, testDocker } from '../test/env/session'
import { fillTo, threadProbe } from './harness'
import { filterKeys, firstPaint, floorKeys, openBrowser, scrollThrough } from './lists-page'

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 500)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Self time per function, in ms, heaviest first. */
function selfTimes(profile: Profile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    if (!frame) return
    const where = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1])
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** The thread's own CPU time in it: preemption by other processes left out. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** Chromium's trace while `what` runs: self time per event name on the page's main thread, in ms. */
async function traceSelfTimes<T>(browser: Browser, page: Page, what: () => Promise<T>): Promise<{ result: T; self: Array<[string, number]> }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8'] })
  const result = await what()
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const spans = events.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && e.dur !== undefined && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const self = new Map<string, number>()
  const stack: TraceEvent[] = []
  for (const e of spans) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.tdur! / 1000)
    self.set(e.name, (self.get(e.name) ?? 0) + e.tdur! / 1000)
    stack.push(e)
  }
  return { result, self: [...self].sort((a, b) => b[1] - a[1]) }
}

/** The call paths into one function, heaviest first, from the CPU profile. */
function callers(profile: Profile, name: string): void {
  const parent = new Map<number, ProfileNode>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node)
  const hits = new Map<number, number>()
  profile.samples.forEach((id) => hits.set(id, (hits.get(id) ?? 0) + 1))
  const paths = new Map<string, number>()
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== name || !hits.get(node.id)) continue
    const chain: string[] = []
    for (let at = parent.get(node.id); at && chain.length < 14; at = parent.get(at.id)) chain.push(`${at.callFrame.functionName || '?'}:${at.callFrame.lineNumber + 1}`)
    paths.set(chain.join(' < '), (paths.get(chain.join(' < ')) ?? 0) + hits.get(node.id)!)
  }
  for (const [path, n] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log(`    ${n} samples: ${path}`)
}

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  const docker = testDocker()
  const app = await openBrowser()
  try {
    await buildFixtureImages()
    await fillTo(docker, CONTAINERS)
    const floor = await floorKeys(app.browser, 'berth-test-0')
    const { page } = await firstPaint(app.browser, app.mode)
    await filterKeys(page, 'berth-test-0', 'Filter containers', 1)
    const cdp = await page.context().newCDPSession(page)
    const thread = await threadProbe(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    const f = (x: number) => x.toFixed(1)
    const profiled = async <T>(what: () => Promise<T>, units: (result: T) => number, label: string): Promise<T> => {
      await thread.start()
      await cdp.send('Profiler.start')
      const result = await what()
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
      const spent = await thread.stop()
      const n = units(result)
      const per = (ms: number) => f(ms / n)
      console.log(`${label}, per unit (${n}): task ${per(spent.task)}, script ${per(spent.script)}, style ${per(spent.style)}, layout ${per(spent.layout)} ms; by self time:`)
      for (const [where, ms] of selfTimes(profile).slice(0, 25)) console.log(`  ${(ms / n).toFixed(2).padStart(6)}  ${where}`)
      if (process.env.BENCH_CALLERS) callers(profile, process.env.BENCH_CALLERS)
      return result
    }
    console.log(`${CONTAINERS} containers; floor (a bare text box): p50 ${f(floor.median)}, p95 ${f(floor.p95)} ms`)
    if (process.env.BENCH_ONLY === 'keys') {
      const traced = await traceSelfTimes(app.browser, page, () => filterKeys(page, 'berth-test-0', 'Filter containers', 2))
      const cpu = traced.self.reduce((sum, [, ms]) => sum + ms, 0) / traced.result.n
      console.log(`Keys traced (${traced.result.n}): main thread CPU ${cpu.toFixed(1)} ms a key; self CPU time per key by trace event:`)
      for (const [name, ms] of traced.self.slice(0, 20)) console.log(`  ${(ms / traced.result.n).toFixed(2).padStart(6)}  ${name}`)
      return
    }
    if (process.env.BENCH_ONLY !== 'wheel') {
      const keys = await profiled(() => filterKeys(page, 'berth-test-0', 'Filter containers', 2), (k) => k.n, 'Filter keys')
      console.log(`keys: p50 ${f(keys.median)}, p95 ${f(keys.p95)}, max ${f(keys.max)} ms (${keys.n})`)
    }
    const traced = await traceSelfTimes(app.browser, page, () => scrollThrough(page, 120, 300))
    const busy = traced.self.reduce((sum, [, ms]) => sum + ms, 0) / traced.result.frames
    console.log(`Wheel frames traced (${traced.result.frames}): main thread CPU ${busy.toFixed(1)} ms a frame; self CPU time per frame by trace event:`)
    for (const [name, ms] of traced.self.slice(0, 20)) console.log(`  ${(ms / traced.result.frames).toFixed(2).padStart(6)}  ${name}`)
    const wheel = await profiled(() => scrollThrough(page, 120, 300), (w) => w.frames, 'Wheel frames')
    console.log(`wheel: ${wheel.frames} frames, worst ${f(wheel.worstFrame)} ms; ${wheel.longTasks} long tasks, longest ${f(wheel.longest)} ms`)
  } finally {
    await app.close()
    if (engine) {
      await removeTestContainers(docker)
      await engine.destroy()
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
