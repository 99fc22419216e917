// A list the engine keeps fresh: a snapshot once, then only what changed, from the `changed` event.
// Never polled. A change that does not start from this list's version (one was missed: the page's
// link dropped, or events crossed a reload) makes it ask for the whole list again.
import { ref, shallowRef, type Ref } from 'vue'
import { applyChange, type ListChange, type ListShape, type ListSnapshot } from '@common/live-list'
import type { Result } from '@common/contract/shared'

export function useLiveList<T>(
  fetch: () => Promise<Result<ListSnapshot<T>>>,
  onChanged: (listener: (change: ListChange<T>) => void) => () => void,
  shape: ListShape<T>,
): { list: Ref<T[]>; loaded: Ref<boolean>; load(): Promise<void>; forget(): Promise<void>; start(): void } {
  // Shallow: a change replaces the array and the rows it touches, never a row in place, so
  // thousands of rows need no deep proxies; only the list itself is tracked.
  const list = shallowRef<T[]>([])
  const loaded = ref(false)
  let version = 0
  let loading: Promise<void> | null = null
  /** A load was asked while one was on its way: that answer may predate what the caller knows (another engine, a missed event). */
  let askedAgain = false
  /** Changes that arrived while a snapshot was on its way: it may or may not hold them. */
  let held: ListChange<T>[] = []

  /**
   * Asks for the whole list. Asked while a snapshot is on its way, it asks once more when that one
   * answers and shows only the newer answer, however many were asked meanwhile: after an engine
   * switch, the answer already on its way is the old engine's list.
   */
  function load(): Promise<void> {
    if (loading) {
      askedAgain = true
      return loading
    }
    loading = (async () => {
      let result: Result<ListSnapshot<T>>
      do {
        askedAgain = false
        result = await fetch()
      } while (askedAgain)
      if (!result.ok) return
      list.value = result.value.items
      version = result.value.version
      loaded.value = true
    })().finally(() => {
      loading = null
      const changes = held
      held = []
      changes.forEach(changed)
    })
    return loading
  }

  function changed(change: ListChange<T>): void {
    if (loading) return void held.push(change)
    if (change.version <= version) return
    if (change.base !== version) return void load()
    list.value = applyChange(list.value, change, shape)
    version = change.version
    loaded.value = true
  }

  /**
   * Berth shows another engine: the rows on screen are the old engine's. They go at once (the page
   * says it is loading, never lists them under the new engine's name while it answers), and the
   * list is read again; an answer already on its way is the old engine's and is never shown.
   */
  function forget(): Promise<void> {
    list.value = []
    loaded.value = false
    version = 0
    held = []
    return load()
  }

  function start(): void {
    onChanged(changed)
    void load()
  }

  return { list, loaded, load, forget, start }
}
