// Electron entry: one engine, one bridge, served over IPC to the app's own windows.
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { Engine } from './engine'
import { createBridge } from './bridge'
import { serveOverIpc } from './bridge/ipc'
import { appUrl, createMainWindow, lockDown } from './window'

app.enableSandbox()

app.on('web-contents-created', (_event, contents) => lockDown(contents))

app.whenReady().then(() => {
  // Berth needs no camera, microphone, notifications or geolocation: refuse every permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const engine = new Engine()
  const bridge = createBridge(engine)
  const stopIpc = serveOverIpc(bridge, ipcMain, appUrl)
  engine.start()
  createMainWindow()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('will-quit', () => {
    stopIpc()
    bridge.close()
    engine.stop()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
