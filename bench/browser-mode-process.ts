// Browser mode in a process of its own, as `npm run web` runs it: a page's files and bridge answered
// by a Node process that does nothing else. In the benchmark's own process they share an event loop
// with Playwright, which runs its side of the browser protocol there (every request the page makes is
// an event it handles): a busier server than a user's, though on an idle machine it measured alike.
// Run as a child: prints one JSON line with the address, then serves until it is killed.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { startBrowserMode } from '@main/browser-mode/server'

export interface BrowserModeProcess {
  url: string
  origin: string
  token: string
  port: number
  close(): Promise<void>
}

/** Starts browser mode on `rendererDir` in a child process, on the engine in DOCKER_HOST. */
export async function startBrowserModeProcess(rendererDir: string): Promise<BrowserModeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
    env: { ...process.env, BENCH_BROWSER_MODE_CHILD: rendererDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout }).once('line', done)
    child.once('exit', (code) => fail(new Error(`browser mode exited (${code}) before it listened`)))
  })
  const address = JSON.parse(line) as Omit<BrowserModeProcess, 'close'>
  return {
    ...address,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

const rendererDir = process.env.BENCH_BROWSER_MODE_CHILD
if (rendererDir && require.main === module) {
  void startBrowserMode({ rendererDir }).then((mode) => {
    process.stdout.write(`${JSON.stringify({ url: mode.url, origin: mode.origin, token: mode.token, port: mode.port })}\n`)
    process.once('SIGTERM', () => void mode.close().then(() => process.exit(0)))
  })
}
