// The desktop half of dragging files out of Berth: `webContents.startDrag` on the window being
// dragged from, once the engine side has staged the file in a temp folder. Electron-only.
import { BrowserWindow, nativeImage } from 'electron'

/** A 16×16 document glyph; macOS refuses a drag without an icon. */
const ICON = nativeImage.createFromDataURL(
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAMklEQVR4nGNgGAWjYBSMglEwCkYBIwMDw38GBgYGJgYKwKgBo2AUjIJRMApGwSgYBQAAXhAAAQ2mVqIAAAAASUVORK5CYII=',
)

// The focused window, not "the window that asked": a bridge handler only gets a Caller (send and
// onClose), which does not say which webContents it is, and the router's Caller is shared by IPC and
// browser mode. The drag starts from a mouse-down in the window the user is pressing on, so that
// window is the focused one in practice; passing the sender through would mean widening Caller.
export function startDragFromFocusedWindow(path: string): void {
  const win = BrowserWindow.getFocusedWindow()
  if (win && !win.isDestroyed()) win.webContents.startDrag({ file: path, icon: ICON })
}
