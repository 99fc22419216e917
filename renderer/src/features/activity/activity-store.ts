// What the user asked Berth to do, each with the docker CLI command that does the same, and how it went.
// Each is kept with the place it was asked from (a page: the containers list, one container's page):
// its failure is shown there, and only there, until dismissed or until the same kind of action works.
// Every finished action also goes into the history main keeps across restarts (the Activity panel),
// its line without any secret's value.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import type { ActivityEntryInput } from '@common/contract/activity'
import { ACTIVITY_CLI_MAX, ACTIVITY_KEEP, ACTIVITY_MESSAGE_MAX } from '@common/contract/plain'
import type { BerthError, Result } from '@common/contract/shared'
import { withoutSecrets } from './secrets'

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

/** A finished action in the history: `key` is main's number for it, or a local one until main answers. */
export interface PastActivity extends ActivityEntryInput {
  key: string
}

const KEEP = 20

export const useActivityStore = defineStore('activity', () => {
  const entries = ref<Activity[]>([])
  /** The page the user is on: the app sets it as the route changes. */
  const place = ref('')
  let nextId = 1
  /** Every finished action, oldest first, as main keeps it (plus this page's, before main has them). */
  const history = ref<PastActivity[]>([])
  /** Why the kept history could not be read or written, or null. */
  const historyProblem = ref<string | null>(null)
  let loading: Promise<void> | null = null

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
    const startedAt = Date.now()
    const started = performance.now()
    const result = await run()
    remember(entry, result, startedAt, Math.round(performance.now() - started))
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

  /** Reads the kept history once (the page's start, or again after a failed read); actions finished before it answered stay after it. */
  function load(): Promise<void> {
    listen()
    loading ??= (async () => {
      const result = await berth.activity.history()
      if (!result.ok) {
        historyProblem.value = `Berth could not read the activity history: ${result.error.message}`
        // Asked again next time (the panel opening), once the link is back.
        loading = null
        return
      }
      const known = new Set(result.value.entries.map((e) => String(e.id)))
      const mine = history.value.filter((e) => !known.has(e.key))
      history.value = [...result.value.entries.map(({ id, ...e }) => ({ key: String(id), ...e })), ...mine].slice(-ACTIVITY_KEEP)
      historyProblem.value = result.value.problem
    })()
    return loading
  }

  let listening = false
  /** What other windows (a pop-out, another tab) ran joins this one's history as main keeps it. */
  function listen(): void {
    if (listening) return
    listening = true
    berth.activity.onAppended((entry) => {
      const key = String(entry.id)
      if (history.value.some((e) => e.key === key)) return
      // This page's own, told before its call's answer: the same action, now with main's number.
      const mine = history.value.find((e) => e.key.startsWith('local-') && e.cli === entry.cli && e.startedAt === entry.startedAt)
      if (mine) mine.key = key
      else {
        const { id: _id, ...past } = entry
        history.value = [...history.value, { key, ...past }].slice(-ACTIVITY_KEEP)
      }
    })
  }

  /** Adds a finished action to the history, here at once and in main's file. */
  function remember(entry: Activity, result: Result<unknown>, startedAt: number, durationMs: number): void {
    const past: ActivityEntryInput = {
      cli: capped(withoutSecrets(entry.cli), ACTIVITY_CLI_MAX),
      place: /^\/\S*$/.test(entry.place) ? entry.place.slice(0, 2048) : '/',
      startedAt,
      durationMs: Math.max(0, durationMs),
      ...(result.ok ? { result: 'done' as const } : { result: 'failed' as const, error: { code: result.error.code, message: capped(result.error.message || 'It failed.', ACTIVITY_MESSAGE_MAX) } }),
    }
    const key = `local-${entry.id}`
    history.value = [...history.value, { key, ...past }].slice(-ACTIVITY_KEEP)
    void berth.activity.append(past).then((stored) => {
      const kept = history.value.find((e) => e.key === key)
      // (A stand-in bridge may answer nothing; main answers the entry with its number.)
      if (stored.ok && kept && stored.value) kept.key = String(stored.value.id)
      else if (!stored.ok) historyProblem.value = `Berth could not keep "${past.cli}" in the activity history: ${stored.error.message}`
    })
  }

  return { entries, place, here, failuresHere, history, historyProblem, setPlace, track, dismiss, load }
})

/** A text cut to `max` characters, its end marked. */
function capped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
