// A project page's merged logs (`docker compose logs -f`): one stream from main that carries every
// container of the project, opened with the pane and closed with it. It reuses the log pane's
// machinery (LogView's ring, search and filter; LogLines draws it) and adds each line's source: its
// container, shown as a prefix in its service's colour, and a filter by service.
import { computed, onScopeDispose, reactive, ref, shallowRef, watch } from 'vue'
import { berth } from '../../bridge'
import { useEngineStore } from '../engine/engine-store'
import { useLogsStore } from '../logs/logs-store'
import { LogView } from '../logs/view'
import { MAX_LINES, type LinePrefix } from '../logs/use-log-stream'
import { serviceColours } from './palette'
import type { LogStreamPhase } from '@common/contract/logs'
import type { ProjectLogBatch, ProjectLogState } from '@common/contract/projects'

const RENDER_MS = 50

export type MergedPhase = 'opening' | 'following' | 'failed' | 'closed'

interface Source {
  id: string
  container: string
  service: string
  /** `web-1`: short enough for a prefix column, and tells replicas apart. */
  label: string
}

let counter = 0

export function useProjectLogStream(project: () => string, firstTail: () => number | 'all', services: () => readonly string[]) {
  const logs = useLogsStore()
  const engine = useEngineStore()
  const view = shallowRef(new LogView(MAX_LINES))
  const version = ref(0)
  const phase = ref<MergedPhase>('closed')
  const problem = ref('')
  const tail = ref<number | 'all'>(firstTail())
  const following = ref(true)
  const current = ref(-1)
  const reveal = ref<{ index: number; at: number } | null>(null)
  /** Services hidden by the service filter. */
  const hidden = ref(new Set<string>())
  /** Each container's phase (following, waiting, removed), by name. */
  const containerPhases = ref(new Map<string, LogStreamPhase>())
  /** The page's table of sources: ring lines hold an index into it. */
  const sources: Source[] = []
  const sourceIndex = new Map<string, number>()
  const sourceCount = ref(0)
  let paneStream = ''
  let frame = 0
  let lastRender = 0

  const colours = computed(() => serviceColours([...services()].sort()))
  const size = computed(() => (version.value, view.value.size))
  const matchCount = computed(() => (version.value, view.value.matches.length))
  /** The prefix column's width: the longest label. */
  const prefixWidth = computed(() => (sourceCount.value, Math.max(4, ...sources.map((s) => s.label.length))))
  const rules = () => ({
    matcher: logs.compiled.matcher,
    filter: logs.filter,
    stream: logs.stream,
    showSource: hidden.value.size ? (i: number) => !hidden.value.has(sources[i]?.service ?? '') : null,
  })
  watch([() => logs.compiled.matcher, () => logs.filter, () => logs.stream, hidden], () => {
    view.value.setRules(rules())
    current.value = -1
    version.value++
  })

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

  function sourceOf(s: ProjectLogBatch['sources'][number]): number {
    let i = sourceIndex.get(s.id)
    if (i === undefined) {
      i = sources.length
      const number = /[-_](\d+)$/.exec(s.container)?.[1]
      sources.push({ ...s, label: s.service ? `${s.service}${number ? `-${number}` : ''}` : s.container })
      sourceIndex.set(s.id, i)
      sourceCount.value = sources.length
    }
    return i
  }

  function take(batch: ProjectLogBatch): void {
    if (batch.stream !== paneStream) return
    const mine = batch.sources.map(sourceOf)
    view.value.append({ lines: batch.lines, kinds: batch.kinds, times: batch.times, source: batch.source.map((i) => mine[i] as number) })
    if (current.value >= view.value.matches.length) current.value = view.value.matches.length - 1
    render()
    void berth.projects.ackLogs({ stream: batch.stream, seq: batch.seq })
  }

  function changed(state: ProjectLogState): void {
    if (state.stream !== paneStream) return
    const phases = new Map(containerPhases.value)
    if (state.phase === 'removed') phases.delete(state.container)
    else phases.set(state.container, state.phase)
    containerPhases.value = phases
  }

  function prefix(n: number): LinePrefix | null {
    const source = sources[view.value.ring.source(n)]
    if (!source) return null
    return { label: source.label, title: `${source.container} (service ${source.service})`, colour: colours.value.get(source.service) ?? 0 }
  }

  async function open(): Promise<void> {
    stop()
    view.value = new LogView(MAX_LINES)
    sources.length = 0
    sourceIndex.clear()
    sourceCount.value = 0
    view.value.setRules(rules())
    following.value = true
    current.value = -1
    problem.value = ''
    containerPhases.value = new Map()
    phase.value = 'opening'
    const name = (paneStream = `project${++counter}`)
    const result = await berth.projects.openLogs({ stream: name, project: project(), tail: tail.value })
    if (paneStream !== name) return
    if (result.ok) phase.value = 'following'
    else {
      phase.value = 'failed'
      problem.value = result.error.message
    }
    version.value++
  }

  function stop(): void {
    if (paneStream) void berth.projects.closeLogs({ stream: paneStream })
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

  function toggleService(service: string): void {
    const next = new Set(hidden.value)
    if (next.has(service)) next.delete(service)
    else next.add(service)
    hidden.value = next
  }

  /** Shows this service alone, or every service again when it already is alone. */
  function onlyService(service: string): void {
    const others = services().filter((s) => s !== service)
    const alone = others.every((s) => hidden.value.has(s)) && !hidden.value.has(service)
    hidden.value = alone ? new Set() : new Set(others)
  }

  const offLines = berth.projects.onLines(take)
  const offState = berth.projects.onState(changed)
  watch(project, () => void open(), { immediate: true })
  watch(() => engine.reconnectedAt, () => paneStream && void open())
  onScopeDispose(() => {
    stop()
    offLines()
    offState()
    if (frame) clearTimeout(frame)
  })

  return reactive({
    view, version, phase, problem, tail, following, current, reveal, size, matchCount, hidden, containerPhases, colours, prefixWidth,
    loadOlder: async () => {},
    prefix, reopen: open, clear, step, toggleService, onlyService,
  })
}

export type ProjectLogStream = ReturnType<typeof useProjectLogStream>
