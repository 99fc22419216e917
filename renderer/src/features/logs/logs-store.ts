// The log pane of this window: one container's `docker logs -f` at a time. Lines live in a plain
// (non-reactive) ring; `version` ticks at most once per animation frame so Vue re-renders the
// visible rows, never per line. Each batch is acknowledged once taken, which is what lets main
// send the next: a page that cannot keep up slows the stream instead of growing its memory.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { berth } from '../../bridge'
import { useEngineStore } from '../engine/engine-store'
import { compileQuery } from './query'
import { copyText, saveTextFile } from './save'
import { LogView, type StreamChoice } from './view'
import type { LogBatch, LogStreamPhase, LogStreamState } from '@common/contract/logs'

/** Lines the pane keeps; older ones are dropped (the download still has everything). */
export const MAX_LINES = 100_000
const OLDER_STEP = 1000
const RENDER_MS = 50

export type PanePhase = LogStreamPhase | 'opening' | 'closed'

export const useLogsStore = defineStore('logs', () => {
  const view = shallowRef(new LogView(MAX_LINES))
  const version = ref(0)
  const container = ref<{ id: string; name: string } | null>(null)
  const tty = ref(false)
  const phase = ref<PanePhase>('closed')
  const problem = ref('')
  const tail = ref<number | 'all'>(1000)
  const following = ref(true)
  const showTimes = ref(false)
  const wrap = ref(false)
  const stream = ref<StreamChoice>('all')
  const query = ref('')
  const regex = ref(false)
  const filter = ref(false)
  const current = ref(-1)
  const older = ref<'idle' | 'loading' | 'done'>('idle')
  const cleared = ref(false)
  const downloading = ref(false)
  const notice = ref('')
  /** Asks the list to bring this row into view. */
  const reveal = ref<{ index: number; at: number } | null>(null)

  let paneStream = ''
  let counter = 0
  let frame = 0
  const downloads = new Map<string, { parts: string[]; filename: string; times: boolean }>()

  const compiled = computed(() => compileQuery(query.value, regex.value))
  const size = computed(() => (version.value, view.value.size))
  const matchCount = computed(() => (version.value, view.value.matches.length))

  watch([() => compiled.value.matcher, filter, stream], () => {
    view.value.setRules({ matcher: compiled.value.matcher, filter: filter.value, stream: stream.value })
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

  let listening = false
  function listen(): void {
    if (listening) return
    listening = true
    berth.logs.onLines(take)
    berth.logs.onState(changed)
  }

  function take(batch: LogBatch): void {
    const download = downloads.get(batch.stream)
    if (download) {
      const times = download.times
      download.parts.push(batch.lines.map((line, i) => (times ? `${batch.times[i]} ${line}` : line)).join('\n') + '\n')
    } else if (batch.stream === paneStream) {
      view.value.append(batch)
      if (current.value >= view.value.matches.length) current.value = view.value.matches.length - 1
      render()
    } else {
      return
    }
    void berth.logs.ack({ stream: batch.stream, seq: batch.seq })
  }

  function changed(state: LogStreamState): void {
    const download = downloads.get(state.stream)
    if (download) {
      downloads.delete(state.stream)
      downloading.value = false
      if (state.phase === 'ended') saveTextFile(download.parts, download.filename)
      else notice.value = state.message ?? 'The download stopped before the end of the log.'
      return
    }
    if (state.stream !== paneStream) return
    phase.value = state.phase
    problem.value = state.message ?? ''
  }

  async function show(id: string, name = id): Promise<void> {
    listen()
    close()
    container.value = { id, name }
    view.value = new LogView(MAX_LINES)
    view.value.setRules({ matcher: compiled.value.matcher, filter: filter.value, stream: stream.value })
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

  function close(): void {
    if (paneStream) void berth.logs.close({ stream: paneStream })
    paneStream = ''
    container.value = null
    phase.value = 'closed'
    view.value = new LogView(MAX_LINES)
    version.value++
  }

  /** Opens the same container again, e.g. with another tail. */
  function reopen(): void {
    const c = container.value
    if (c) void show(c.id, c.name)
  }

  // In browser mode a dropped link makes the server close every stream this page had, silently:
  // the pane would say "following" with nothing coming, a download would never finish.
  function relinked(): void {
    // Reopening resets the pane's notice, so it goes first and the download's notice after it.
    if (container.value && paneStream && phase.value !== 'removed') reopen()
    if (downloads.size) {
      downloads.clear()
      downloading.value = false
      notice.value = 'The connection to Berth dropped during the download, so it stopped. Download again.'
    }
  }
  watch(() => useEngineStore().reconnectedAt, relinked)

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

  /** The whole log from the engine (not the pane's buffer), as a file. */
  async function download(): Promise<void> {
    const c = container.value
    if (!c || downloading.value) return
    listen()
    const streamName = `download${++counter}`
    downloads.set(streamName, { parts: [], filename: `${c.name}.log`, times: showTimes.value })
    downloading.value = true
    const result = await berth.logs.open({ stream: streamName, id: c.id, tail: 'all', follow: false })
    if (!result.ok) {
      // The page's own link dropped before main answered: the download stays listed, and relinked()
      // says what happened once the page is back (a notice now would go with the pane's reopening).
      if (useEngineStore().link !== 'open') return
      downloads.delete(streamName)
      downloading.value = false
      notice.value = result.error.message
    }
  }

  async function copySelection(): Promise<void> {
    const text = window.getSelection()?.toString() ?? ''
    if (!text) notice.value = 'Select some log text first, then copy.'
    else notice.value = (await copyText(text)) ? '' : 'The clipboard refused the copy; use Ctrl+C.'
  }

  async function copyLine(text: string): Promise<void> {
    notice.value = (await copyText(text)) ? 'Copied the whole line.' : 'The clipboard refused the copy.'
  }

  return {
    view, version, container, tty, phase, problem, tail, following, showTimes, wrap, stream, query, regex, filter,
    current, older, cleared, downloading, notice, reveal, compiled, size, matchCount,
    show, close, reopen, loadOlder, clear, step, download, copySelection, copyLine,
  }
})
