// Electron entry: the engines (one shown at a time, switched live), one bridge, served over IPC to
// the app's own windows.
import { writeFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { Engines } from '../engine/engines/engines'
import { createBridge } from '../bridge'
import { isAppUrl, serveOverIpc } from '../bridge/ipc'
import { createSafeStorageBox } from './secret-box'
import { startDragFromFocusedWindow } from './drag-out'
import { appUrl, createMainWindow, lockDown } from './window'
import { createTray } from './tray'

app.enableSandbox()

app.on('web-contents-created', (_event, contents) => lockDown(contents))

app.whenReady().then(() => {
  // Berth needs no camera, microphone or geolocation: every permission is refused but notifications,
  // and those only for Berth's own page (they become the desktop's own; Settings can turn each kind off).
  const mayNotify = (permission: string, url: string) => permission === 'notifications' && isAppUrl(url, appUrl)
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => callback(mayNotify(permission, details.requestingUrl ?? contents.getURL())))
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => mayNotify(permission, details.requestingUrl ?? requestingOrigin))

  // The engine shown last is remembered in the app's data folder.
  const engines = new Engines({ stateDir: app.getPath('userData') })
  // Pop-outs (a container's logs in their own window) are opened here, never by the page's window.open.
  // Registry logins without a credential helper are sealed by the OS keychain (safeStorage).
  // Files dragged out of the window are staged in a temp folder, then handed to the OS drag.
  const bridge = createBridge(engines, {
    openWindow: (route) => createMainWindow(route),
    secretBox: createSafeStorageBox(),
    startDrag: startDragFromFocusedWindow,
    hostPaths: true,
    // Builds: the OS folder dialog, and the app's data folder for the cache advice's manifests.
    pickFolder: async () => {
      const picked = await dialog.showOpenDialog({ properties: ['openDirectory'], title: 'Folder to build' })
      return picked.canceled ? null : (picked.filePaths[0] ?? null)
    },
    buildDataDir: app.getPath('userData'),
    // The activity history (every action Berth ran, bounded) is kept there too.
    activityDir: app.getPath('userData'),
    // Save as compose: the OS save dialog, then the file where the user put it.
    saveComposeFile: async (filename, text) => {
      const picked = await dialog.showSaveDialog({ defaultPath: filename, title: 'Save as compose', filters: [{ name: 'Compose file', extensions: ['yaml', 'yml'] }] })
      if (picked.canceled || !picked.filePath) return null
      await writeFile(picked.filePath, text)
      return picked.filePath
    },
    // Compose: the OS file dialog for a compose file (a folder is typed, or its compose.yaml picked).
    pickComposeFile: async () => {
      const picked = await dialog.showOpenDialog({ properties: ['openFile'], title: 'Compose file', filters: [{ name: 'Compose files', extensions: ['yaml', 'yml'] }] })
      return picked.canceled ? null : (picked.filePaths[0] ?? null)
    },
    // Engines: the OS file dialog for a TLS file (CA, certificate, key).
    pickEngineFile: async (title) => {
      const picked = await dialog.showOpenDialog({ properties: ['openFile', 'showHiddenFiles'], title })
      return picked.canceled ? null : (picked.filePaths[0] ?? null)
    },
  })
  const stopIpc = serveOverIpc(bridge, ipcMain, appUrl)
  engines.start()
  createMainWindow()
  const showWindow = () => {
    const [existing] = BrowserWindow.getAllWindows()
    if (existing) existing.show()
    else createMainWindow()
  }
  const removeTray = createTray(engines, showWindow)

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('will-quit', () => {
    removeTray()
    stopIpc()
    bridge.close()
    engines.stop()
  })
})

// Closing the window leaves Berth in the tray, where containers can still be started and stopped;
// "Quit Berth" in the tray menu ends it.
app.on('window-all-closed', () => {})
