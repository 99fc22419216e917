// A container pane's `docker logs -f` (the part all panes share is pane-stream.ts). Main itself
// carries the stream across container and engine restarts (its state says waiting, then following,
// with markers in the lines); the pane adds older lines on request, from where its own begin.
import { onScopeDispose, reactive, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { useLogsStore } from './logs-store'
import { useSettingsStore } from '../settings/settings-store'
import { usePaneStream } from './pane-stream'
import type { LogStreamState } from '@common/contract/logs'

const OLDER_STEP = 1000

export interface LogTarget {
  id: string
  name: string
}

/**
 * Follows `target()` while the calling component is mounted: another container (by id; a rename
 * keeps the stream) opens another stream, starting with `firstTail()` lines.
 */
export function useLogStream(target: () => LogTarget, firstTail: () => number | 'all') {
  const logs = useLogsStore()
  const container = ref<LogTarget | null>(null)
  const tty = ref(false)
  const older = ref<'idle' | 'loading' | 'done'>('idle')
  const cleared = ref(false)
  const pane = usePaneStream({
    prefix: 'pane',
    ack: (stream, seq) => void berth.logs.ack({ stream, seq }),
    close: (stream) => void berth.logs.close({ stream }),
    reopen,
  })
  const { stream, take, open: openStream, ...shared } = pane
  const { view, phase, problem, tail, notice, version } = shared

  function changed(state: LogStreamState): void {
    if (state.stream !== stream()) return
    phase.value = state.phase
    problem.value = state.message ?? ''
  }

  async function open(id: string, name: string): Promise<void> {
    container.value = { id, name }
    older.value = tail.value === 'all' ? 'done' : 'idle'
    cleared.value = false
    await openStream(
      (stream) => berth.logs.open({ stream, id, tail: tail.value, follow: true }),
      undefined,
      (info) => {
        container.value = { id, name: info.name }
        tty.value = info.tty
      },
    )
  }

  /** Opens the same container again, e.g. with another tail. */
  function reopen(): void {
    const c = container.value
    if (c) void open(c.id, c.name)
  }

  /** Scrolled to the top: fetch the lines before the oldest one held, while there is room. */
  async function loadOlder(): Promise<void> {
    const v = view.value
    const opened = stream()
    if (older.value !== 'idle' || cleared.value || v.evicted || v.ring.full || !opened) return
    const oldest = v.oldestEngineLine()
    if (oldest === null) return
    older.value = 'loading'
    const result = await berth.logs.older({ stream: opened, before: v.ring.time(oldest), skip: v.engineLines, count: OLDER_STEP, sameTime: v.sameTimeFrom(oldest) })
    if (opened !== stream() || v !== view.value) return
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
    shared.clear()
    cleared.value = true
  }

  const offLines = berth.logs.onLines(take)
  const offState = berth.logs.onState(changed)
  const offDownloads = logs.onDownloadNotice((said) => (notice.value = said))
  const settings = useSettingsStore()
  watch(
    () => target().id,
    async (id) => {
      // The first tail may be the one chosen in Settings: a window opened on a Logs tab waits for its first read.
      const reading = settings.reading()
      if (reading) await reading
      if (target().id !== id) return
      tail.value = firstTail()
      void open(id, target().name)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    offLines()
    offState()
    offDownloads()
  })

  return reactive({ ...shared, container, tty, older, cleared, reopen, loadOlder, clear })
}

export type LogStream = ReturnType<typeof useLogStream>
