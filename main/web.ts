// `npm run web`: Berth in a browser, for headless hosts. Plain Node; no electron. Built with main
// (out/main/web.js) so a launch loads plain JavaScript; scripts/web.mjs checks the build is current,
// listens and prints the link, then loads this and calls serveWeb.
import type { Server } from 'node:http'
import { startBrowserMode } from './browser-mode/server'

/**
 * Serves the built renderer in `rendererDir` on `listening`, the server scripts/web.mjs opened and
 * printed the link of; Ctrl-C stops.
 */
export async function serveWeb(rendererDir: string, listening: { server: Server; token: string }): Promise<void> {
  const mode = await startBrowserMode({ rendererDir, listening })
  console.log(`Berth is serving ${mode.engine.connection.endpoint.host} to this machine only.`)
  console.log('The link carries a token that changes every launch; keep it to yourself. Ctrl-C stops.')
  const stop = () => void mode.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
