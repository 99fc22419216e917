// The Berth window, with Electron's security checklist applied explicitly.
import { BrowserWindow, dialog, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isAppUrl } from '../bridge/ipc'
import { askText, decideLink } from '../link-gate'

/** The page every Berth window shows: the dev server in `npm run dev`, the built file otherwise. */
export const appUrl: string =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href

/** `route` goes in the URL fragment (e.g. `logs=web` for a popped-out log pane); main builds it, never the page. */
export function createMainWindow(route?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1240,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Berth',
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(route ? `${appUrl}#${route}` : appUrl)
  return win
}

/** Applied to every web contents the app creates: no navigation away, no new windows, no webviews. */
export function lockDown(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appUrl)) return
    // The window itself never leaves Berth. A link to the web clicked in the page is still the
    // user's wish to read it, so it goes through the same gate as one opened in a new window.
    event.preventDefault()
    followLink(contents, url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // Every disposition lands here: window.open, target=_blank, middle-click and auxclick
  // (background-tab), shift-click (new-window). The page never gets a window of its own making.
  contents.setWindowOpenHandler(({ url }) => {
    followLink(contents, url)
    return { action: 'deny' }
  })
}

/** Pages with a question on screen: one at a time, so a page cannot pile dialogs up. */
const asking = new WeakSet<Electron.WebContents>()

function followLink(contents: Electron.WebContents, url: string): void {
  const decision = decideLink(url, appUrl)
  if (decision.action === 'open') openInBrowser(decision.url)
  else if (decision.action === 'internal') createMainWindow(decision.route)
  else if (decision.action === 'ask') {
    askFirst(contents, decision).catch(() => {
      // The window closed under its question: the link stays where it was.
    })
  }
}

async function askFirst(contents: Electron.WebContents, decision: { url: string; host: string; shown: string }): Promise<void> {
  if (asking.has(contents)) return
  asking.add(contents)
  try {
    const options: Electron.MessageBoxOptions = {
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      ...askText(decision),
    }
    const owner = BrowserWindow.fromWebContents(contents)
    const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)
    if (response === 0) openInBrowser(decision.url)
  } finally {
    asking.delete(contents)
  }
}

/** The only way out to the browser: `url` is an http(s) URL main/link-gate.ts let through. */
function openInBrowser(url: string): void {
  shell.openExternal(url).catch(() => {
    // No browser registered for the scheme: nothing Berth can do, and nothing left half done.
  })
}
