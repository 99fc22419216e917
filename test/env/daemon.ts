// A daemon process the tests start and stop by its pid (never by name), ready once it answers a ping.
import { spawn } from 'node:child_process'
import { existsSync, openSync, readFileSync } from 'node:fs'
import Dockerode from 'dockerode'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Whether a process we started is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A daemon process we start and stop by its pid, answering pings on `socket` once up. */
export interface Daemon {
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  /** Where its output goes, shown when it does not come up. */
  log: string
  socket: string
  /** A pidfile it writes itself, if any: its own record comes first. */
  pidfile?: string
  hint: string
}

export function daemonControl(daemon: Daemon): { start(): Promise<void>; stop(): Promise<void> } {
  let pid = 0
  const start = async () => {
    const log = openSync(daemon.log, 'a')
    const child = spawn(daemon.command, daemon.args, { stdio: ['ignore', log, log], detached: true, env: daemon.env ?? process.env })
    child.unref()
    pid = child.pid ?? 0
    const docker = new Dockerode({ socketPath: daemon.socket })
    const deadline = Date.now() + 30_000
    for (;;) {
      try {
        await docker.ping()
        return
      } catch {
        if (!alive(pid) || Date.now() > deadline) {
          const tail = readFileSync(daemon.log, 'utf8').split('\n').slice(-15).join('\n')
          throw new Error(`The private ${daemon.command} did not start. ${daemon.hint}\n${tail}`)
        }
        await sleep(100)
      }
    }
  }
  const stop = async () => {
    const fromFile = daemon.pidfile && existsSync(daemon.pidfile) ? Number(readFileSync(daemon.pidfile, 'utf8').trim()) : 0
    const target = fromFile || pid
    if (!target || !alive(target)) return
    process.kill(target, 'SIGTERM')
    const deadline = Date.now() + 20_000
    while (alive(target) && Date.now() < deadline) await sleep(50)
    if (alive(target)) process.kill(target, 'SIGKILL')
    while (alive(target)) await sleep(50)
  }
  return { start, stop }
}
