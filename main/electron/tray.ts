// The tray menu: start, stop and restart containers without opening the window, on the engine
// Berth shows (it follows a switch).
import { app, Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron'
import { join } from 'node:path'
import type { Engine } from '../engine'
import type { Engines } from '../engine/engines/engines'
import { restartContainer, startContainer, stopContainer } from '../engine/containers/containers'
import type { ContainerSummary } from '@common/contract/containers'
import { trayMenu, type TrayAction, type TrayItem } from '../tray-menu'

const ACTIONS: Record<TrayAction, (engine: Engine, id: string) => Promise<void>> = {
  start: (engine, id) => startContainer(engine.docker, id),
  stop: (engine, id) => stopContainer(engine.docker, id),
  restart: (engine, id) => restartContainer(engine.docker, id),
}

export function createTray(engines: Engines, openWindow: () => void): () => void {
  const icon = nativeImage.createFromPath(join(app.getAppPath(), 'resources', 'trayTemplate.png'))
  icon.setTemplateImage(true)
  const tray = new Tray(icon)
  tray.setToolTip('Berth')
  let containers: ContainerSummary[] = []

  const toNative = (item: TrayItem): MenuItemConstructorOptions => {
    if (item.separator) return { type: 'separator' }
    const { action } = item
    return {
      label: item.label,
      enabled: item.enabled ?? true,
      ...(item.submenu ? { submenu: item.submenu.map(toNative) } : {}),
      click: () => {
        if (item.open) openWindow()
        if (item.quit) app.quit()
        if (action) {
          ACTIONS[action.kind](engines.current, action.id).catch((err: Error) => {
            new Notification({ title: `Could not ${action.kind} ${action.name}`, body: err.message }).show()
          })
        }
      },
    }
  }
  const render = () => tray.setContextMenu(Menu.buildFromTemplate(trayMenu(engines.current.connection.status, containers).map(toNative)))

  const follow = (engine: Engine) => {
    const offStatus = engine.connection.onStatus(render)
    const offLists = engine.watch({
      containers: (list) => {
        containers = list
        render()
      },
    })
    return () => {
      offStatus()
      offLists()
    }
  }
  let unfollow = follow(engines.current)
  const offSwitch = engines.onSwitch(({ next }) => {
    unfollow()
    containers = []
    unfollow = follow(next)
    render()
  })
  render()
  return () => {
    offSwitch()
    unfollow()
    tray.destroy()
  }
}
