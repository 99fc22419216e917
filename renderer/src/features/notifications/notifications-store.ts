// What Berth tells the user while they look elsewhere, each kind as Settings allow: a container that
// exits on its own (storms folded into one), one that turns unhealthy, and a build, pull, push or
// compose action that ends while the page it was started from is not in view. A click on one focuses
// the window and lands where it is about.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RouteLocationRaw, Router } from 'vue-router'
import { berth } from '../../bridge'
import { containerRoute } from '../../app/routes'
import { useSettingsStore } from '../settings/settings-store'
import { askNoticePermission, noticePermission, showNotice, type NoticePermission } from './desktop-notice'
import { ExitFold, exitWords } from './exit-fold'
import type { Settings } from '@common/contract/plain'

type Kind = Exclude<keyof Settings['notifications'], 'enabled'>

/** What a task says when it ends: "Build of web:1 finished", and a line under it. */
export interface TaskEnding {
  title: string
  body: string
}

export const useNotificationsStore = defineStore('notifications', () => {
  const settings = useSettingsStore()
  const permission = ref<NoticePermission>(noticePermission())

  const allowed = (kind: Kind) => settings.current.notifications.enabled && settings.current.notifications[kind]
  /** The window's router, given by start(): where a click lands, and which page is in view. */
  let router: Router | null = null
  const land = (to: RouteLocationRaw) => () => void router?.push(to)

  const exits = new ExitFold((folded) => {
    const [one] = folded
    const words = exitWords(folded)
    showNotice({ ...words, tag: `exit:${folded.length === 1 && one ? one.id : 'many'}`, onClick: land(folded.length === 1 && one ? containerRoute(one.name) : { name: 'containers' }) })
  })

  function start(windowRouter: Router): void {
    if (router) return
    router = windowRouter
    berth.containers.onExited((exit) => {
      if (allowed('containerDied')) exits.add(exit)
    })
    berth.containers.onUnhealthy((turn) => {
      if (!allowed('containerUnhealthy')) return
      showNotice({ title: `${turn.name} is unhealthy`, body: 'Its healthcheck failed: see its logs and inspect its health.', tag: `unhealthy:${turn.id}`, onClick: land(containerRoute(turn.name, 'inspect')) })
    })
  }

  /**
   * Called as a build, pull, push or compose action starts, from the page it starts on; the function
   * it gives back is called as it ends, and tells of it only if that page is not in view then.
   */
  function watchTask(): (ending: TaskEnding) => void {
    // A window that tells of nothing (a pop-out) has not started this.
    if (!router) return () => {}
    const from = router.currentRoute.value
    const path = from.path
    const fullPath = from.fullPath
    return (ending) => {
      if (!allowed('tasks')) return
      const inView = document.visibilityState === 'visible' && document.hasFocus() && router?.currentRoute.value.path === path
      if (inView) return
      showNotice({ ...ending, tag: `task:${fullPath}:${ending.title}`, onClick: land(fullPath) })
    }
  }

  /** Asks for the browser's permission (browser mode; Electron's window has it): only ever from a user's click. */
  async function allow(): Promise<NoticePermission> {
    permission.value = await askNoticePermission()
    return permission.value
  }

  return { permission, start, watchTask, allow }
})
