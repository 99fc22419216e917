// A daemon process the tests start and stop by its pid (never by name), ready once it answers a ping.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, openSync, readFileSync } from 'node:fs'
import { testDocker } from './session'
import { sleep } from './wait'

/** Whether a process we started is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Whether any process on this machine (a container's too) has `text` in its command line. */
export function processRunningWith(text: string): boolean {
  return spawnSync('pgrep', ['-f', text]).status === 0
}

/** Stops a process we started, by its pid: SIGTERM, SIGKILL after `graceMs`, and resolves once it is gone. */
export async function stopByPid(pid: number, graceMs: number): Promise<void> {
  if (!pid || !alive(pid)) return
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (alive(pid) && Date.now() < deadline) await sleep(50)
  if (alive(pid)) process.kill(pid, 'SIGKILL')
  while (alive(pid)) await sleep(50)
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
    const docker = testDocker(`unix://${daemon.socket}`)
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
    await stopByPid(fromFile || pid, 20_000)
  }
  return { start, stop }
}
