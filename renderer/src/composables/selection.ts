// Which rows of a list are selected, by key (a container's id, a volume's name), never by DOM: the
// lists are virtual, so a selected row may not be drawn. Click toggles one and makes it the anchor,
// Shift-click adds the rows between the anchor and it (in the order shown), select all takes the rows
// the filter shows and leaves hidden ones as they were. Keys the engine no longer lists are dropped.
import { computed, ref, watch } from 'vue'

/** The keys with `key` flipped. */
export function toggled(selected: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(selected)
  if (!next.delete(key)) next.add(key)
  return next
}

/**
 * The keys plus every one from `anchor` to `key` in `order` (the rows shown). Without an anchor, or
 * with one the filter now hides, the range is `key` alone.
 */
export function extended(selected: ReadonlySet<string>, anchor: string | null, key: string, order: readonly string[]): Set<string> {
  const to = order.indexOf(key)
  const from = anchor === null ? -1 : order.indexOf(anchor)
  const next = new Set(selected)
  if (to < 0) return next
  const [lo, hi] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)]
  for (let i = lo; i <= hi; i++) next.add(order[i]!)
  return next
}

/** Select all: every row shown, added to what was selected; if all shown already are, they go instead. */
export function allShown(selected: ReadonlySet<string>, shown: readonly string[]): Set<string> {
  const every = shown.length > 0 && shown.every((k) => selected.has(k))
  const next = new Set(selected)
  for (const k of shown) {
    if (every) next.delete(k)
    else next.add(k)
  }
  return next
}

/** The keys still present; the same set when none went, so nothing redraws for nothing. */
export function kept(selected: ReadonlySet<string>, present: ReadonlySet<string>): ReadonlySet<string> {
  for (const k of selected) {
    if (!present.has(k)) return new Set([...selected].filter((key) => present.has(key)))
  }
  return selected
}

export interface Selection<T> {
  /** The selected items the engine still lists, in list order. */
  readonly chosen: readonly T[]
  readonly count: number
  /** How many selected ones the filter hides: the actions still apply to them, and the bar says so. */
  readonly hidden: number
  /** 'all' | 'some' | 'none' of the rows shown: the select-all box's state. */
  readonly shownState: 'all' | 'some' | 'none'
  has(item: T): boolean
  /** Whether this row can be selected at all (an engine's own network cannot be removed). */
  selectable(item: T): boolean
  toggle(item: T): void
  extend(item: T): void
  toggleAllShown(): void
  clear(): void
}

/**
 * `shown`: the rows the list draws, filter applied, in order; `all`: every one the engine lists.
 * `keyOf` answers null for a row that cannot be selected.
 */
export function useSelection<T>(shown: () => readonly T[], all: () => readonly T[], keyOf: (item: T) => string | null): Selection<T> {
  const selected = ref<ReadonlySet<string>>(new Set())
  const anchor = ref<string | null>(null)
  const keysOf = (items: readonly T[]) => items.map(keyOf).filter((k): k is string => k !== null)
  const shownKeys = computed(() => keysOf(shown()))

  watch(
    () => new Set(keysOf(all())),
    (present) => {
      selected.value = kept(selected.value, present)
      if (anchor.value !== null && !present.has(anchor.value)) anchor.value = null
    },
  )

  const chosen = computed(() => all().filter((item) => { const k = keyOf(item); return k !== null && selected.value.has(k) }))
  const hidden = computed(() => {
    const visible = new Set(shownKeys.value)
    return chosen.value.filter((item) => !visible.has(keyOf(item)!)).length
  })
  const shownState = computed(() => {
    const n = shownKeys.value.filter((k) => selected.value.has(k)).length
    return n === 0 ? 'none' : n === shownKeys.value.length ? 'all' : 'some'
  })

  return {
    get chosen() {
      return chosen.value
    },
    get count() {
      return chosen.value.length
    },
    get hidden() {
      return hidden.value
    },
    get shownState() {
      return shownState.value
    },
    has: (item) => {
      const k = keyOf(item)
      return k !== null && selected.value.has(k)
    },
    selectable: (item) => keyOf(item) !== null,
    toggle(item) {
      const k = keyOf(item)
      if (k === null) return
      selected.value = toggled(selected.value, k)
      anchor.value = k
    },
    extend(item) {
      const k = keyOf(item)
      if (k === null) return
      selected.value = extended(selected.value, anchor.value, k, shownKeys.value)
      anchor.value ??= k
    },
    toggleAllShown() {
      selected.value = allShown(selected.value, shownKeys.value)
    },
    clear() {
      selected.value = new Set()
      anchor.value = null
    },
  }
}
