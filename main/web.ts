// `npm run web`: Berth in a browser, for headless hosts. Plain Node; no electron.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startBrowserMode } from './browser-mode/server'

async function main(): Promise<void> {
  const rendererDir = resolve(__dirname, '../out/renderer')
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error('The renderer is not built yet. Run "npm run build" first (npm run web does it for you).')
    process.exit(1)
  }
  const port = Number(process.env.BERTH_PORT ?? 0)
  const mode = await startBrowserMode({ rendererDir, port })
  console.log(`Berth is serving ${mode.engine.connection.endpoint.host} to this machine only.`)
  console.log(`Open: ${mode.url}`)
  console.log('The link carries a token that changes every launch; keep it to yourself. Ctrl-C stops.')
  const stop = () => void mode.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
