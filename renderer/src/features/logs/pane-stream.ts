// What every log pane's stream shares, whichever stream main sends it (a container's `docker logs -f`,
// a project's merged one): opened by the pane that shows it and closed with it (Dozzle's useLogStream),
// so no stream runs for a view nobody has open. Lines live in a plain (non-reactive) ring; `version`
// ticks at most once per RENDER_MS so Vue re-renders the visible rows, never per line. Each batch is
// acknowledged once taken, which is what lets main send the next: a pane that cannot keep up slows its
// stream instead of growing its memory. Each kind of stream says only how its own is reached in main.
import { computed, inject, onScopeDispose, provide, ref, shallowRef, watch, type InjectionKey, type WatchSource } from 'vue'
import { useEngineStore } from '../engine/engine-store'
import { useLogsStore } from './logs-store'
import { copyText } from './save'
import { LogView, type ViewRules } from './view'
import type { LogLines, LogStreamPhase } from '@common/contract/logs'
import type { Result } from '@common/contract/shared'

/** Lines a pane keeps; older ones are dropped (a container's download still has everything). */
export const MAX_LINES = 100_000
const RENDER_MS = 50

export type PanePhase = LogStreamPhase | 'opening' | 'closed'

/** A batch as main sends it: the lines, and (for a merged stream) each one's source in the view's table. */
export type PaneBatch = LogLines & { stream: string; seq: number; source?: readonly number[] }

/** How one kind of stream is reached in main. */
export interface StreamCalls {
  /** Stream names are chosen by the page; this begins them. */
  prefix: string
  ack(stream: string, seq: number): void
  close(stream: string): void
  /** Opens the same stream again: the page's own link to Berth is back. */
  reopen(): void
  /** Rules of its own beside the shared search and filters (a merged stream's service filter), and what they follow. */
  rules?: () => Pick<ViewRules, 'showSource'>
  rulesFollow?: WatchSource
}

/** Stream names are chosen by the page, so they count across all its panes. */
let counter = 0

export function usePaneStream(calls: StreamCalls) {
  const logs = useLogsStore()
  const engine = useEngineStore()
  const view = shallowRef(new LogView(MAX_LINES))
  const version = ref(0)
  const phase = ref<PanePhase>('closed')
  const problem = ref('')
  const tail = ref<number | 'all'>(1000)
  const following = ref(true)
  const current = ref(-1)
  const notice = ref('')
  /** Asks the list to bring this row into view. */
  const reveal = ref<{ index: number; at: number } | null>(null)

  let paneStream = ''
  let frame = 0

  const size = computed(() => (version.value, view.value.size))
  const matchCount = computed(() => (version.value, view.value.matches.length))
  const rules = (): ViewRules => ({ matcher: logs.compiled.matcher, filter: logs.filter, stream: logs.stream, ...calls.rules?.() })

  watch([() => logs.compiled.matcher, () => logs.filter, () => logs.stream, ...(calls.rulesFollow ? [calls.rulesFollow] : [])], () => {
    view.value.setRules(rules())
    current.value = -1
    version.value++
  })

  // New lines are drawn at most every RENDER_MS: a flood costs ~20 layouts a second, not 60, and
  // the CPU goes to taking lines in. Scrolling is not throttled: it re-renders on its own.
  let lastRender = 0
  function render(): void {
    if (frame) return
    frame = window.setTimeout(() => {
      requestAnimationFrame(() => {
        frame = 0
        lastRender = performance.now()
        version.value++
      })
    }, Math.max(0, RENDER_MS - (performance.now() - lastRender)))
  }

  function take(batch: PaneBatch): void {
    if (batch.stream !== paneStream) return
    view.value.append(batch)
    if (current.value >= view.value.matches.length) current.value = view.value.matches.length - 1
    render()
    calls.ack(batch.stream, batch.seq)
  }

  /**
   * Lets go of the stream shown and opens another with `start`, into an empty view; `reset` forgets
   * what the kind of stream kept of the last one, `opened` takes main's answer. An answer for a stream
   * the pane no longer shows is let go.
   */
  async function open<T>(start: (stream: string) => Promise<Result<T>>, reset?: () => void, opened?: (value: T) => void): Promise<void> {
    stop()
    view.value = new LogView(MAX_LINES)
    reset?.()
    view.value.setRules(rules())
    following.value = true
    current.value = -1
    problem.value = notice.value = ''
    phase.value = 'opening'
    const streamName = (paneStream = `${calls.prefix}${++counter}`)
    const result = await start(streamName)
    if (paneStream !== streamName) return
    if (result.ok) {
      opened?.(result.value)
      if (phase.value === 'opening') phase.value = 'following'
    } else {
      phase.value = 'failed'
      problem.value = result.error.message
    }
    version.value++
  }

  /** Lets go of the stream; main stops reading it. */
  function stop(): void {
    if (paneStream) calls.close(paneStream)
    paneStream = ''
  }

  function clear(): void {
    view.value.clear()
    current.value = -1
    version.value++
  }

  function step(direction: 1 | -1): void {
    const matches = view.value.matches
    if (!matches.length) return
    const next = current.value < 0 ? (direction > 0 ? 0 : matches.length - 1) : current.value + direction
    current.value = (next + matches.length) % matches.length
    following.value = false
    reveal.value = { index: view.value.indexOf(matches[current.value] as number), at: Date.now() }
  }

  async function copySelection(): Promise<void> {
    const text = window.getSelection()?.toString() ?? ''
    if (!text) notice.value = 'Select some log text first, then copy.'
    else notice.value = (await copyText(text)) ? '' : 'The clipboard refused the copy; use Ctrl+C.'
  }

  async function copyLine(text: string): Promise<void> {
    notice.value = (await copyText(text)) ? 'Copied the whole line.' : 'The clipboard refused the copy.'
  }

  // In browser mode a dropped link makes the server close every stream this page had, silently:
  // the pane would say "following" with nothing coming.
  watch(
    () => engine.reconnectedAt,
    () => {
      if (paneStream && phase.value !== 'removed') calls.reopen()
    },
  )
  onScopeDispose(() => {
    stop()
    if (frame) clearTimeout(frame)
  })

  return {
    view, version, phase, problem, tail, following, current, notice, reveal, size, matchCount,
    /** The name of the stream shown now ('' when none). */
    stream: () => paneStream,
    open, take, clear, step, copySelection, copyLine,
  }
}

/** A line's prefix in a merged stream: where it came from, and its colour's index in the pane's palette. */
export interface LinePrefix {
  label: string
  title: string
  colour: number
}

/** What the lines list needs of a stream. */
export interface LinesStream {
  view: LogView
  version: number
  size: number
  current: number
  following: boolean
  reveal: { index: number; at: number } | null
  loadOlder(): Promise<void>
  /** A merged stream's line prefix (its container, in its service's colour). */
  prefix?: (n: number) => LinePrefix | null
}

/** What the pane and its toolbar need of a stream, besides the lines. */
export interface PaneStream extends LinesStream {
  phase: PanePhase
  problem: string
  notice: string
  tail: number | 'all'
  matchCount: number
  /** Started with -t: stdout and stderr arrive as one stream. */
  tty?: boolean
  older?: 'idle' | 'loading' | 'done'
  cleared?: boolean
  reopen(): void
  clear(): void
  step(direction: 1 | -1): void
  copyLine(text: string): Promise<void>
}

const paneStreamKey: InjectionKey<PaneStream> = Symbol('log stream')

/** The pane hands its stream to its parts (toolbar, lines), which draw and steer it. */
export function provideLogStream(stream: PaneStream): void {
  provide(paneStreamKey, stream)
}

/** The pane's stream: a container's, a project's merged one, or any other that gives what the pane needs. */
export function injectLogStream<T extends PaneStream = PaneStream>(): T {
  const stream = inject(paneStreamKey)
  if (!stream) throw new Error('A part of the log pane is shown outside a LogPane.')
  return stream as T
}
