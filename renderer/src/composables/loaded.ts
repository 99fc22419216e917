// Something a tab loads when it opens: loading, ready or failed with a sentence, keyed by what the
// page shows (an image reference, a container id).
import { shallowRef } from 'vue'
import type { BerthError, Result } from '@common/contract/shared'

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: BerthError }

/** `keep`: a ready entry is not fetched again (for things that never change). */
export function useLoaded<T>(fetch: (key: string) => Promise<Result<T>>, keep: boolean) {
  // Shallow: 10,000 changed paths need no deep reactivity, and making them reactive cost most of a tab's open.
  const entries = shallowRef(new Map<string, Loaded<T>>())
  const set = (key: string, value: Loaded<T>) => {
    entries.value = new Map(entries.value).set(key, value)
  }
  async function load(key: string): Promise<void> {
    const known = entries.value.get(key)
    if (keep && known?.state === 'ready') return
    if (!known || known.state === 'failed') set(key, { state: 'loading' })
    const result = await fetch(key)
    set(key, result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error })
  }
  const get = (key: string): Loaded<T> => entries.value.get(key) ?? { state: 'loading' }
  /** Forgets every entry: what they were read from is gone (Berth shows another engine). */
  const forget = (): void => void (entries.value = new Map())
  return { load, get, forget }
}
