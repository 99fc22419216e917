// A resource page's pop-out: whether this window is one, and opening the page you are on in one.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useWindowsStore } from '../app/windows-store'
import { POPOUT_QUERY } from '../app/routes'

export function usePopOut() {
  const route = useRoute()
  const router = useRouter()
  const windows = useWindowsStore()
  /** This window is a pop-out: it shows the route alone and offers no pop-out of its own. */
  const popout = computed(() => route.query[POPOUT_QUERY] !== undefined)
  function popOut(): void {
    void windows.popOut(router.resolve({ ...route, query: { ...route.query, [POPOUT_QUERY]: '1' } }).fullPath)
  }
  return { popout, popOut, notice: computed(() => windows.notice) }
}
