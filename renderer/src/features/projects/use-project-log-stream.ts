// A project page's merged logs (`docker compose logs -f`): one stream from main that carries every
// container of the project, opened with the pane and closed with it (the part all panes share is the
// log pane's: pane-stream.ts). It adds each line's source: its container, shown as a prefix in its
// service's colour, and a filter by service.
import { computed, onScopeDispose, reactive, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { usePaneStream, type LinePrefix } from '../logs/pane-stream'
import { serviceColours } from './palette'
import type { LogStreamPhase } from '@common/contract/logs'
import type { ProjectLogBatch, ProjectLogState } from '@common/contract/projects'

interface Source {
  id: string
  container: string
  service: string
  /** `web-1`: short enough for a prefix column, and tells replicas apart. */
  label: string
}

export function useProjectLogStream(project: () => string, firstTail: () => number | 'all', services: () => readonly string[]) {
  /** Services hidden by the service filter. */
  const hidden = ref(new Set<string>())
  /** Each container's phase (following, waiting, removed), by name. */
  const containerPhases = ref(new Map<string, LogStreamPhase>())
  /** The page's table of sources: ring lines hold an index into it. */
  const sources: Source[] = []
  const sourceIndex = new Map<string, number>()
  const sourceCount = ref(0)
  const { stream, take, open: openStream, ...shared } = usePaneStream({
    prefix: 'project',
    ack: (stream, seq) => void berth.projects.ackLogs({ stream, seq }),
    close: (stream) => void berth.projects.closeLogs({ stream }),
    reopen: () => void open(),
    rules: () => ({ showSource: hidden.value.size ? (i: number) => !hidden.value.has(sources[i]?.service ?? '') : null }),
    rulesFollow: hidden,
  })
  shared.tail.value = firstTail()

  const colours = computed(() => serviceColours([...services()].sort()))
  /** The prefix column's width: the longest label. */
  const prefixWidth = computed(() => (sourceCount.value, Math.max(4, ...sources.map((s) => s.label.length))))

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

  function takeMerged(batch: ProjectLogBatch): void {
    if (batch.stream !== stream()) return
    const mine = batch.sources.map(sourceOf)
    take({ stream: batch.stream, seq: batch.seq, lines: batch.lines, kinds: batch.kinds, times: batch.times, source: batch.source.map((i) => mine[i] as number) })
  }

  function changed(state: ProjectLogState): void {
    if (state.stream !== stream()) return
    const phases = new Map(containerPhases.value)
    if (state.phase === 'removed') phases.delete(state.container)
    else phases.set(state.container, state.phase)
    containerPhases.value = phases
  }

  function prefix(n: number): LinePrefix | null {
    const source = sources[shared.view.value.ring.source(n)]
    if (!source) return null
    return { label: source.label, title: `${source.container} (service ${source.service})`, colour: colours.value.get(source.service) ?? 0 }
  }

  async function open(): Promise<void> {
    await openStream(
      (name) => berth.projects.openLogs({ stream: name, project: project(), tail: shared.tail.value }),
      () => {
        sources.length = 0
        sourceIndex.clear()
        sourceCount.value = 0
        containerPhases.value = new Map()
      },
    )
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

  const offLines = berth.projects.onLines(takeMerged)
  const offState = berth.projects.onState(changed)
  watch(project, () => void open(), { immediate: true })
  onScopeDispose(() => {
    offLines()
    offState()
  })

  return reactive({
    ...shared, hidden, containerPhases, colours, prefixWidth,
    loadOlder: async () => {},
    prefix, reopen: open, toggleService, onlyService,
  })
}

export type ProjectLogStream = ReturnType<typeof useProjectLogStream>
