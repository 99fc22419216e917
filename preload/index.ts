// Exposes the contract as `window.berth`. The page never sees ipcRenderer: only the calls and
// events that api.ts declares, on the channels contract.ts derives.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { createClient } from '@common/client'

const berth = createClient({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, handler)
    return () => {
      ipcRenderer.removeListener(channel, handler)
    }
  },
})

contextBridge.exposeInMainWorld('berth', berth)

// Where a file dropped on the window lives on this machine, so main can stream it in whatever its
// size. Only this one function; nothing else of Node or the file system reaches the page.
contextBridge.exposeInMainWorld('berthDesktop', { pathForFile: (file: File) => webUtils.getPathForFile(file) })
