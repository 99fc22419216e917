// `npm run web`: Berth in a browser, for headless hosts. Plain Node; no electron. Built with main
// (out/main/web.js) so a launch loads one plain JavaScript file; scripts/web.mjs checks the build is
// current, then calls serveWeb.
import { startBrowserMode } from './browser-mode/server'

/** Serves the built renderer in `rendererDir` and prints the link; Ctrl-C stops. */
export async function serveWeb(rendererDir: string): Promise<void> {
  const port = Number(process.env.BERTH_PORT ?? 0)
  const mode = await startBrowserMode({ rendererDir, port })
  console.log(`Berth is serving ${mode.engine.connection.endpoint.host} to this machine only.`)
  console.log(`Open: ${mode.url}`)
  console.log('The link carries a token that changes every launch; keep it to yourself. Ctrl-C stops.')
  const stop = () => void mode.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
