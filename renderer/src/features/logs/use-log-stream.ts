// One pane's `docker logs -f`: opened by the pane that shows it and closed with it (Dozzle's
// useLogStream), so no stream runs for a view nobody has open. Lines live in a plain (non-reactive)
// ring; `version` ticks at most once per RENDER_MS so Vue re-renders the visible rows, never per line.
// Each batch is acknowledged once taken, which is what lets main send the next: a pane that cannot
// keep up slows its stream instead of growing its memory. Main itself carries a stream across
// container and engine restarts (its state says waiting, then following, with markers in the lines).
import { computed, inject, onScopeDispose, provide, reactive, ref, shallowRef, watch, type InjectionKey } from 'vue'
import { berth } from '../../bridge'
import { useEngineStore } from '../engine/engine-store'
import { useLogsStore } from './logs-store'
import { copyText } from './save'
import { LogView } from './view'
import type { LogBatch, LogStreamPhase, LogStreamState } from '@common/contract/logs'

/** Lines a pane keeps; older ones are dropped (the download still has everything). */
export const MAX_LINES = 100_000
const OLDER_STEP = 1000
const RENDER_MS = 50

export type PanePhase = LogStreamPhase | 'opening' | 'closed'

export interface LogTarget {
  id: string
  name: string
}

/** Stream names are chosen by the page, so they count across all its panes. */
let counter = 0

/**
 * Follows `target()` while the calling component is mounted: another container (by id; a rename
 * keeps the stream) opens another stream, starting with `firstTail()` lines.
 */
export function useLogStream(target: () => LogTarget, firstTail: () => number | 'all') {
  const logs = useLogsStore()
  const engine = useEngineStore()
  const view = shallowRef(new LogView(MAX_LINES))
  const version = ref(0)
  const container = ref<LogTarget | null>(null)
  const tty = ref(false)
  const phase = ref<PanePhase>('closed')
  const problem = ref('')
  const tail = ref<number | 'all'>(1000)
  const following = ref(true)
  const current = ref(-1)
  const older = ref<'idle' | 'loading' | 'done'>('idle')
  const cleared = ref(false)
  const notice = ref('')
  /** Asks the list to bring this row into view. */
  const reveal = ref<{ index: number; at: number } | null>(null)

  let paneStream = ''
  let frame = 0

  const size = computed(() => (version.value, view.value.size))
  const matchCount = computed(() => (version.value, view.value.matches.length))
  const rules = () => ({ matcher: logs.compiled.matcher, filter: logs.filter, stream: logs.stream })

  watch([() => logs.compiled.matcher, () => logs.filter, () => logs.stream], () => {
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

  function take(batch: LogBatch): void {
    if (batch.stream !== paneStream) return
    view.value.append(batch)
    if (current.value >= view.value.matches.length) current.value = view.value.matches.length - 1
    render()
    void berth.logs.ack({ stream: batch.stream, seq: batch.seq })
  }

  function changed(state: LogStreamState): void {
    if (state.stream !== paneStream) return
    phase.value = state.phase
    problem.value = state.message ?? ''
  }

  async function open(id: string, name: string): Promise<void> {
    stop()
    container.value = { id, name }
    view.value = new LogView(MAX_LINES)
    view.value.setRules(rules())
    following.value = true
    current.value = -1
    older.value = tail.value === 'all' ? 'done' : 'idle'
    cleared.value = false
    problem.value = notice.value = ''
    phase.value = 'opening'
    const streamName = (paneStream = `pane${++counter}`)
    const result = await berth.logs.open({ stream: streamName, id, tail: tail.value, follow: true })
    if (paneStream !== streamName) return
    if (result.ok) {
      container.value = { id, name: result.value.name }
      tty.value = result.value.tty
      if (phase.value === 'opening') phase.value = 'following'
    } else {
      phase.value = 'failed'
      problem.value = result.error.message
    }
    version.value++
  }

  /** Lets go of the stream; main stops reading it. */
  function stop(): void {
    if (paneStream) void berth.logs.close({ stream: paneStream })
    paneStream = ''
  }

  /** Opens the same container again, e.g. with another tail. */
  function reopen(): void {
    const c = container.value
    if (c) void open(c.id, c.name)
  }

  /** Scrolled to the top: fetch the lines before the oldest one held, while there is room. */
  async function loadOlder(): Promise<void> {
    const v = view.value
    if (older.value !== 'idle' || cleared.value || v.evicted || v.ring.full || !paneStream) return
    const oldest = v.oldestEngineLine()
    if (oldest === null) return
    older.value = 'loading'
    const opened = paneStream
    const result = await berth.logs.older({ stream: opened, before: v.ring.time(oldest), skip: v.engineLines, count: OLDER_STEP, sameTime: v.sameTimeFrom(oldest) })
    if (opened !== paneStream || v !== view.value) return
    if (!result.ok) {
      older.value = 'idle'
      notice.value = result.error.message
      return
    }
    v.prepend(result.value)
    older.value = result.value.complete ? 'done' : 'idle'
    version.value++
  }

  function clear(): void {
    view.value.clear()
    cleared.value = true
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

  const offLines = berth.logs.onLines(take)
  const offState = berth.logs.onState(changed)
  const offDownloads = logs.onDownloadNotice((said) => (notice.value = said))
  watch(
    () => target().id,
    (id) => {
      tail.value = firstTail()
      void open(id, target().name)
    },
    { immediate: true },
  )
  // In browser mode a dropped link makes the server close every stream this page had, silently:
  // the pane would say "following" with nothing coming.
  watch(
    () => engine.reconnectedAt,
    () => {
      if (container.value && paneStream && phase.value !== 'removed') reopen()
    },
  )
  onScopeDispose(() => {
    stop()
    offLines()
    offState()
    offDownloads()
  })

  return reactive({
    view, version, container, tty, phase, problem, tail, following, current, older, cleared, notice, reveal, size, matchCount,
    reopen, loadOlder, clear, step, copySelection, copyLine,
  })
}

export type LogStream = ReturnType<typeof useLogStream>

/** A line's prefix in a merged stream: where it came from, and its colour's index in the pane's palette. */
export interface LinePrefix {
  label: string
  title: string
  colour: number
}

/** What the lines list needs of a stream; a project's merged stream gives the same, and each line's prefix. */
export interface LinesStream {
  view: LogView
  version: number
  size: number
  current: number
  following: boolean
  reveal: { index: number; at: number } | null
  loadOlder(): Promise<void>
  prefix?: (n: number) => LinePrefix | null
}

const paneStreamKey: InjectionKey<LinesStream> = Symbol('log stream')

/** The pane hands its stream to its parts (toolbar, lines), which draw and steer it. */
export function provideLogStream(stream: LinesStream): void {
  provide(paneStreamKey, stream)
}

/** The pane's stream: a container's (LogStream, the default) or any other that gives what the lines need. */
export function injectLogStream<T extends LinesStream = LogStream>(): T {
  const stream = inject(paneStreamKey)
  if (!stream) throw new Error('A part of the log pane is shown outside a LogPane.')
  return stream as T
}
