// Where a page's main thread spends a stretch, event by event, from Chromium's own trace: what the
// Performance metrics call "the rest" (neither script, style nor layout) named, so two pages doing the
// same work can be set side by side and the phase that grows with one of them found.
import type { Browser, Page } from '@playwright/test'

/** A phase of the main thread: its time spent outside the events nested in it, and how often it ran. */
export interface Phase {
  ms: number
  count: number
}

export interface MainThreadTrace {
  /** Self time by trace event name, on the page's main thread. */
  phases: Map<string, Phase>
  /** The thread's top-level tasks, in all. */
  busyMs: number
  /** Frames the page's main thread produced (BeginMainFrame). */
  frames: number
  /** The longest top-level task: its length, and its own self time by trace event. */
  longest: { ms: number; phases: Map<string, Phase> }
}

/** Frames, paint and compositing on the main thread; script, GC and the scheduler's tasks. */
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'v8',
  'disabled-by-default-v8.gc',
  'mojom',
]

/** A frame's main-thread part begins with one of these (their names differ across Chromium versions). */
const FRAME = new Set(['BeginMainFrame', 'ThreadProxy::BeginMainFrame', 'ProxyMain::BeginMainFrame'])

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } }
}

/** Runs `work` with Chromium tracing and tells where the busiest renderer main thread (`page`'s, or one `work` opens) went meanwhile. */
export async function traceMainThread<T>(browser: Browser, page: Page | undefined, work: () => Promise<T>): Promise<{ result: T; trace: MainThreadTrace }> {
  await browser.startTracing(page, { categories: CATEGORIES })
  let result: T
  try {
    result = await work()
  } catch (err) {
    await browser.stopTracing()
    throw err
  }
  const raw = await browser.stopTracing()
  const { traceEvents } = JSON.parse(raw.toString()) as { traceEvents: TraceEvent[] }
  return { result, trace: mainThreadOf(traceEvents) }
}

/** The busiest renderer main thread in the trace: the page's (others are idle pages or none). */
function mainThreadOf(events: TraceEvent[]): MainThreadTrace {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
  let best: MainThreadTrace = { phases: new Map(), busyMs: 0, frames: 0, longest: { ms: 0, phases: new Map() } }
  for (const thread of mains) {
    const found = phasesOf(events.filter((e) => `${e.pid}:${e.tid}` === thread))
    if (found.busyMs > best.busyMs) best = found
  }
  return best
}

interface Span {
  name: string
  start: number
  end: number
  /** A script call's function and place, to name it in the longest task. */
  detail?: string
}

/** `fn file:line` of a FunctionCall's trace event, when it says. */
function calledIn(e: TraceEvent): string | undefined {
  const data = e.args?.data
  if (e.name !== 'FunctionCall' || !data) return undefined
  return `${data.functionName || '(anonymous)'} ${data.url?.split('/').pop() ?? ''}:${(data.lineNumber ?? 0) + 1}`
}

/** Self time per event name: complete events (and begin/end pairs) nested by time, children subtracted. */
function phasesOf(events: TraceEvent[]): MainThreadTrace {
  const spans: Span[] = []
  const open: TraceEvent[] = []
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur, detail: calledIn(e) })
    else if (e.ph === 'B') open.push(e)
    else if (e.ph === 'E') {
      const begun = open.pop()
      if (begun) spans.push({ name: begun.name, start: begun.ts, end: e.ts })
    }
  }
  // Parents before their children: earlier start first, and the longer of two starting together.
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const all = selfTimes(spans)
  const within = spans
    .filter((span) => span.start >= all.longestTop.start && span.end <= all.longestTop.end)
    .map((span) => (span.detail ? { ...span, name: `${span.name} ${span.detail}` } : span))
  const longestMs = (all.longestTop.end - all.longestTop.start) / 1000
  return { phases: all.phases, busyMs: all.busyMs, frames: all.frames, longest: { ms: longestMs, phases: selfTimes(within).phases } }
}

/** Self time per event name over spans sorted parents first, the top-level tasks' total, the frames and the longest top-level span. */
function selfTimes(spans: Span[]): { phases: Map<string, Phase>; busyMs: number; frames: number; longestTop: Span } {
  const phases = new Map<string, Phase>()
  const stack: Array<{ name: string; end: number; self: number }> = []
  let busy = 0
  let frames = 0
  let longestTop: Span = { name: '', start: 0, end: 0 }
  const close = (span: { name: string; self: number }) => {
    const phase = phases.get(span.name) ?? { ms: 0, count: 0 }
    phase.ms += span.self / 1000
    phase.count++
    phases.set(span.name, phase)
  }
  for (const span of spans) {
    while (stack.length && (stack.at(-1) as { end: number }).end <= span.start) close(stack.pop() as { name: string; self: number })
    const length = Math.max(0, span.end - span.start)
    const parent = stack.at(-1)
    if (parent) parent.self -= Math.min(length, parent.end - span.start)
    else {
      busy += length
      if (length > longestTop.end - longestTop.start) longestTop = span
    }
    if (FRAME.has(span.name)) frames++
    stack.push({ name: span.name, end: span.end, self: length })
  }
  while (stack.length) close(stack.pop() as { name: string; self: number })
  return { phases, busyMs: busy / 1000, frames, longestTop }
}

/** The longest top-level task of a trace, by its own self time per event, the largest first: `rows` lines of text. */
export function longestTask(trace: MainThreadTrace, rows = 12): string[] {
  const parts = [...trace.longest.phases.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, rows)
  return [
    `    the longest task: ${trace.longest.ms.toFixed(0)} ms, self time by trace event`,
    ...parts.map(([name, phase]) => `    ${name.slice(0, 72).padEnd(72)} ${phase.ms.toFixed(1).padStart(7)} ms ×${phase.count}`),
  ]
}

/** The phases of traces side by side, the widest spread first: `rows` lines of text. */
export function comparePhases(traces: Array<[string, MainThreadTrace]>, rows = 20): string[] {
  const names = new Set(traces.flatMap(([, trace]) => [...trace.phases.keys()]))
  const ms = (trace: MainThreadTrace, name: string) => trace.phases.get(name)?.ms ?? 0
  const most = (name: string) => Math.max(...traces.map(([, t]) => ms(t, name)))
  const spread = (name: string) => most(name) - Math.min(...traces.map(([, t]) => ms(t, name)))
  const cell = (ms: number, count: number | string) => `${ms.toFixed(0).padStart(6)} ms ${`×${count}`.padEnd(6)}`
  return [
    `    ${'main thread, self time by trace event'.padEnd(44)} ${traces.map(([label]) => label.padEnd(16)).join(' ')}`,
    `    ${'all top-level tasks, ×frames'.padEnd(44)} ${traces.map(([, t]) => cell(t.busyMs, t.frames)).join(' ')}`,
    ...[...names]
      // The widest spread first; alike (or one trace alone), the largest.
      .sort((x, y) => spread(y) - spread(x) || most(y) - most(x))
      .slice(0, rows)
      .map((name) => `    ${name.slice(0, 44).padEnd(44)} ${traces.map(([, t]) => cell(ms(t, name), t.phases.get(name)?.count ?? 0)).join(' ')}`),
  ]
}
