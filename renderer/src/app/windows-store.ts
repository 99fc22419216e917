// Pop-outs: any route of the app in a window of its own (Electron) or a new tab (browser mode).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { berth } from '../bridge'

export const useWindowsStore = defineStore('windows', () => {
  const notice = ref('')

  /** `route` is the router's full path, e.g. `/containers/web/logs?popout=1`. */
  async function popOut(route: string): Promise<void> {
    notice.value = ''
    const result = await berth.window.popOut({ route })
    if (!result.ok) {
      notice.value = result.error.message
      return
    }
    if (result.value.opened) return
    // window.open (not noopener) copies sessionStorage, so the tab inherits the bridge token.
    const tab = window.open(`${location.pathname}${location.search}#${route}`, '_blank')
    if (tab) tab.opener = null
    else notice.value = 'The browser blocked the new tab; allow pop-ups for Berth.'
  }

  return { notice, popOut }
})
