// `?tail=all|N` on a Logs tab's address sets the first tail of its pane (pop-outs, links); the tail
// chosen in Settings otherwise (1,000 unless changed).
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { MAX_LOG_TAIL } from '@common/contract/plain'
import { useSettingsStore } from '../settings/settings-store'

export function useFirstTail(): ComputedRef<number | 'all'> {
  const route = useRoute()
  const settings = useSettingsStore()
  return computed<number | 'all'>(() => {
    const value = route.query.tail
    if (value === 'all') return 'all'
    const n = Number(value)
    return Number.isFinite(n) && value !== undefined ? Math.min(MAX_LOG_TAIL, Math.max(0, Math.floor(n))) : settings.current.logs.tail
  })
}
