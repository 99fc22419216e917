// One action on many rows: each item goes through its own bridge call, a few at a time (as
// `docker stop a b c` stops them side by side), and the whole batch is one activity entry under the
// one command line that names them all. Each item keeps its own result — done, or failed with the
// engine's sentence — for the selection bar to list; one that fails does not stop the others.
import { ref } from 'vue'
import { useActivityStore } from '../features/activity/activity-store'
import type { Result } from '@common/contract/shared'

/** At most this many calls at once: a stop can take its whole grace period, and 100 at once would crowd the engine. */
const AT_ONCE = 4

export interface BatchItem {
  key: string
  /** How the user knows it (a container's name, a volume's short name). */
  name: string
  state: 'waiting' | 'running' | 'done' | 'failed' | 'skipped'
  /** The engine's sentence when it failed; why, when skipped. */
  message?: string
}

export interface BatchJob<T> {
  /** What it does, for the results' heading: "Stop", "Remove". */
  verb: string
  /** The one CLI line for all of them: `docker stop a b c`. */
  cli: string
  items: ReadonlyArray<{ key: string; name: string; item: T }>
  run: (item: T) => Promise<Result<unknown>>
  /** Items left out on purpose (running containers when the user chose to skip them), with why. */
  skipped?: ReadonlyArray<{ key: string; name: string; why: string }>
}

/** Runs `work` over `items`, at most `limit` at a time, in order of start. */
export async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      await work(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

/** "2 of 5 failed: db: sentence; cache: sentence" — the activity entry's error, naming each failure. */
export function batchError(items: readonly BatchItem[]): string {
  const failed = items.filter((i) => i.state === 'failed')
  const tried = items.filter((i) => i.state !== 'skipped').length
  return `${failed.length} of ${tried} failed: ${failed.map((i) => `${i.name}: ${i.message ?? 'failed'}`).join('; ')}`
}

export function useBatch() {
  const activity = useActivityStore()
  const verb = ref('')
  const results = ref<BatchItem[]>([])
  const running = ref(false)

  async function run<T>(job: BatchJob<T>): Promise<void> {
    verb.value = job.verb
    running.value = true
    results.value = [
      ...job.items.map(({ key, name }): BatchItem => ({ key, name, state: 'waiting' })),
      ...(job.skipped ?? []).map(({ key, name, why }): BatchItem => ({ key, name, state: 'skipped', message: why })),
    ]
    try {
      await activity.track(
        job.cli,
        async (): Promise<Result<void>> => {
          await eachAtMost(job.items, AT_ONCE, async ({ item }, index) => {
            const row = results.value[index]!
            row.state = 'running'
            const result = await job.run(item)
            row.state = result.ok ? 'done' : 'failed'
            if (!result.ok) row.message = result.error.message
          })
          const failure = results.value.find((i) => i.state === 'failed')
          return failure ? { ok: false, error: { code: 'conflict', message: batchError(results.value) } } : { ok: true, value: undefined }
        },
        job.cli,
        // The selection bar lists each item's result; the error strip would say it all again.
        { shownByPage: true },
      )
    } finally {
      running.value = false
    }
  }

  function dismiss(): void {
    if (!running.value) results.value = []
  }

  return { verb, results, running, run, dismiss }
}

/** Names for a confirmation, clipped: "a, b, c and 12 more". */
export function clippedNames(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.join(', ')
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}

/** The results' one line: "2 done, 1 failed", or how far it has got while it runs. */
export function batchSummary(items: readonly BatchItem[]): string {
  const count = (state: BatchItem['state']) => items.filter((i) => i.state === state).length
  const pending = count('waiting') + count('running')
  const parts = [
    pending ? `${pending} to go` : '',
    count('done') ? `${count('done')} done` : '',
    count('failed') ? `${count('failed')} failed` : '',
    count('skipped') ? `${count('skipped')} skipped` : '',
  ]
  return parts.filter(Boolean).join(', ')
}
