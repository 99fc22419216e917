// A private Docker engine for the tests: its own socket, data and exec roots under a temp dir, no
// bridge network and no iptables, so it touches nothing of the machine's. Stopped by its own pid.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Dockerode from 'dockerode'

export interface PrivateEngine {
  /** DOCKER_HOST value for this engine. */
  host: string
  dir: string
  /** Stops the daemon (by its pidfile) and waits for it to exit. The data stays, so start() can resume it. */
  stop(): Promise<void>
  /** Starts the daemon again on the same socket and data. */
  start(): Promise<void>
  /** Stops the daemon and deletes everything it had. */
  destroy(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Whether a process we started is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function startPrivateEngine(): Promise<PrivateEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-engine-'))
  const socket = join(dir, 'docker.sock')
  const pidfile = join(dir, 'docker.pid')
  let pid = 0

  const start = async () => {
    const log = openSync(join(dir, 'dockerd.log'), 'a')
    const child = spawn(
      'dockerd',
      [
        '--host', `unix://${socket}`,
        '--data-root', join(dir, 'root'),
        '--exec-root', join(dir, 'exec'),
        '--pidfile', pidfile,
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', log, log], detached: true },
    )
    child.unref()
    pid = child.pid ?? 0
    const docker = new Dockerode({ socketPath: socket })
    const deadline = Date.now() + 30_000
    for (;;) {
      try {
        await docker.ping()
        return
      } catch {
        if (!alive(pid) || Date.now() > deadline) {
          const tail = readFileSync(join(dir, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n')
          throw new Error(`The private dockerd did not start. Is docker.io installed and are we root?\n${tail}`)
        }
        await sleep(100)
      }
    }
  }

  const stop = async () => {
    const fromFile = existsSync(pidfile) ? Number(readFileSync(pidfile, 'utf8').trim()) : 0
    const target = fromFile || pid
    if (!target || !alive(target)) return
    process.kill(target, 'SIGTERM')
    const deadline = Date.now() + 20_000
    while (alive(target) && Date.now() < deadline) await sleep(50)
    if (alive(target)) process.kill(target, 'SIGKILL')
    while (alive(target)) await sleep(50)
  }

  await start()
  return {
    host: `unix://${socket}`,
    dir,
    start,
    stop,
    async destroy() {
      await stop()
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
    },
  }
}

/** The engine in DOCKER_HOST, or else a private one (then set in DOCKER_HOST), for benchmarks and scripts. */
export async function engineFromEnvOrPrivate(): Promise<PrivateEngine | undefined> {
  if (process.env.DOCKER_HOST) return undefined
  const engine = await startPrivateEngine()
  process.env.DOCKER_HOST = engine.host
  return engine
}
