// What the user asked Berth to do, each with the docker CLI command that does the same, and how it went.
// Each is kept with the place it was asked from (a page: the containers list, one container's page):
// its failure is shown there, and only there, until dismissed or until the same kind of action works.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
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
  /** The page it was asked from (see `setPlace`). */
  place: string
  state: 'running' | 'done' | 'failed'
  /** What is happening while it runs, when that takes a while for a reason the user should know (a stop's grace period). */
  note?: string
  error?: BerthError
  /** Its failure is shown by the page itself (a build's failure box), so the bar does not say it again. */
  shownByPage?: boolean
}

export interface TrackOptions {
  /** What is happening while it runs (see `Activity.note`). */
  note?: string
  /** The page shows this action's failure in its own place; the bar records it without repeating it. */
  shownByPage?: boolean
}

const KEEP = 20

export const useActivityStore = defineStore('activity', () => {
  const entries = ref<Activity[]>([])
  /** The page the user is on: the app sets it as the route changes. */
  const place = ref('')
  let nextId = 1

  /** What was asked from the page the user is on, newest first. */
  const here = computed(() => entries.value.filter((e) => e.place === place.value))
  const failuresHere = computed(() => here.value.filter((e) => e.state === 'failed' && !e.shownByPage))

  function setPlace(next: string): void {
    place.value = next
  }

  /** Runs one bridge call, recording it under its CLI equivalent, and returns its result. */
  async function track<T>(cli: string, run: () => Promise<Result<T>>, kind = cli, { note, shownByPage }: TrackOptions = {}): Promise<Result<T>> {
    const id = nextId++
    const entry: Activity = { id, cli, kind, place: place.value, state: 'running' as const, ...(note ? { note } : {}), ...(shownByPage ? { shownByPage } : {}) }
    entries.value = [entry, ...entries.value].slice(0, KEEP)
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

  return { entries, place, here, failuresHere, setPlace, track, dismiss }
})
