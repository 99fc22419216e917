// `?tail=all|N` on a Logs tab's address sets the first tail of its pane (pop-outs, links); 1,000 otherwise.
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'

export function useFirstTail(): ComputedRef<number | 'all'> {
  const route = useRoute()
  return computed<number | 'all'>(() => {
    const value = route.query.tail
    if (value === 'all') return 'all'
    const n = Number(value)
    return Number.isFinite(n) && value !== undefined ? Math.min(1_000_000, Math.max(0, Math.floor(n))) : 1000
  })
}
