// What the user asked Berth to do, each with the docker CLI command that does the same, and how it went.
// Failures are kept until dismissed: they are sentences the user is meant to read and act on.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BerthError, Result } from '@common/contract/shared'

export interface Activity {
  id: number
  /** The CLI equivalent, e.g. `docker stop web`. */
  cli: string
  /**
   * What kind of attempt this is ('volume.create', 'image.tag:ux/app:1'): a success settles the
   * earlier failures of its kind, so a typo's error goes once the retry works. Defaults to the CLI line.
   */
  kind: string
  state: 'running' | 'done' | 'failed'
  error?: BerthError
}

const KEEP = 20

export const useActivityStore = defineStore('activity', () => {
  const entries = ref<Activity[]>([])
  let nextId = 1

  /** Runs one bridge call, recording it under its CLI equivalent, and returns its result. */
  async function track<T>(cli: string, run: () => Promise<Result<T>>, kind = cli): Promise<Result<T>> {
    const id = nextId++
    entries.value = [{ id, cli, kind, state: 'running' as const }, ...entries.value].slice(0, KEEP)
    const result = await run()
    const stored = entries.value.find((e) => e.id === id)
    if (stored) {
      stored.state = result.ok ? 'done' : 'failed'
      if (!result.ok) stored.error = result.error
    }
    // A later attempt of the same kind succeeding (a retried login, a corrected name) settles earlier failures.
    if (result.ok) entries.value = entries.value.filter((e) => !(e.state === 'failed' && e.kind === kind))
    return result
  }

  function dismiss(id: number): void {
    entries.value = entries.value.filter((e) => e.id !== id)
  }

  return { entries, track, dismiss }
})
