// What the log panes of this window share. The display choices a user carries from one container's
// logs to the next (search, filter, stdout/stderr, timestamps, wrap), and downloads: a download reads
// the whole log from the engine again, and it outlives the pane that started it. The stream a pane
// shows is the pane's own: use-log-stream.ts.
import { defineStore } from 'pinia'
import { computed, nextTick, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { useEngineStore } from '../engine/engine-store'
import { useEnginesStore } from '../engines/engines-store'
import { useSettingsStore } from '../settings/settings-store'
import { compileQuery } from './query'
import { saveTextFile } from './save'
import type { StreamChoice } from './view'
import type { LogBatch, LogStreamState } from '@common/contract/logs'

interface Download {
  parts: string[]
  filename: string
  times: boolean
}

export const useLogsStore = defineStore('logs', () => {
  // Timestamps and wrap start as Settings say, and follow a change of the default made there.
  const settings = useSettingsStore()
  const showTimes = ref(settings.current.logs.timestamps)
  const wrap = ref(settings.current.logs.wrap)
  watch(
    () => [settings.current.logs.timestamps, settings.current.logs.wrap] as const,
    ([times, wrapped]) => {
      showTimes.value = times
      wrap.value = wrapped
    },
  )
  const stream = ref<StreamChoice>('all')
  const query = ref('')
  const regex = ref(false)
  const filter = ref(false)
  const compiled = computed(() => compileQuery(query.value, regex.value))

  const downloading = ref(false)
  const downloads = new Map<string, Download>()
  let counter = 0
  /** The panes shown now: what became of a download is said in them, whichever pane started it. */
  const hearers = new Set<(notice: string) => void>()

  function tell(notice: string): void {
    for (const hear of hearers) hear(notice)
  }

  function onDownloadNotice(hear: (notice: string) => void): () => void {
    hearers.add(hear)
    return () => hearers.delete(hear)
  }

  let listening = false
  function listen(): void {
    if (listening) return
    listening = true
    berth.logs.onLines(take)
    berth.logs.onState(changed)
  }

  // Panes take (and acknowledge) their own streams' batches; these are the downloads'.
  function take(batch: LogBatch): void {
    const download = downloads.get(batch.stream)
    if (!download) return
    const times = download.times
    download.parts.push(batch.lines.map((line, i) => (times ? `${batch.times[i]} ${line}` : line)).join('\n') + '\n')
    void berth.logs.ack({ stream: batch.stream, seq: batch.seq })
  }

  function changed(state: LogStreamState): void {
    const download = downloads.get(state.stream)
    if (!download) return
    downloads.delete(state.stream)
    downloading.value = false
    if (state.phase === 'ended') saveTextFile(download.parts, download.filename)
    else tell(state.message ?? 'The download stopped before the end of the log.')
  }

  /** The whole log from the engine (not a pane's buffer), as a file. */
  async function download(container: { id: string; name: string } | null): Promise<void> {
    if (!container || downloading.value) return
    listen()
    const streamName = `download${++counter}`
    downloads.set(streamName, { parts: [], filename: `${container.name}.log`, times: showTimes.value })
    downloading.value = true
    const result = await berth.logs.open({ stream: streamName, id: container.id, tail: 'all', follow: false })
    if (!result.ok) {
      // The page's own link dropped before main answered: the download stays listed, and relinked()
      // says what happened once the page is back (a notice now would go with the pane's reopening).
      if (useEngineStore().link !== 'open') return
      downloads.delete(streamName)
      downloading.value = false
      tell(result.error.message)
    }
  }

  // In browser mode a dropped link makes the server close every stream this page had, silently: a
  // download would never finish. The panes reopen their streams on the same change, which clears
  // their notices, so this one is said once they have (after the flush that runs their watchers).
  function relinked(): void {
    if (!downloads.size) return
    downloads.clear()
    downloading.value = false
    void nextTick(() => tell('The connection to Berth dropped during the download, so it stopped. Download again.'))
  }
  watch(() => useEngineStore().reconnectedAt, relinked)
  watch(
    () => useEnginesStore().generation,
    () => {
      if (!downloads.size) return
      downloads.clear()
      downloading.value = false
      tell('Berth switched engines during the download, so it stopped: the log was on the other engine.')
    },
  )

  return { showTimes, wrap, stream, query, regex, filter, compiled, downloading, download, onDownloadNotice }
})
