// A private engine with its bridge network, kept inside a network namespace of the test's own, so
// `-p` can be tested for real without touching this machine's network: dockerd's bridge, iptables
// rules and published ports all live in the namespace. Reach them with `inNamespace(['wget', …])`.
// `nsenter --net` and not `ip netns exec`, which remounts /sys and makes dockerd fail on cgroups.
import { execFile, spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Dockerode from 'dockerode'
import { alive } from './engine'
import { BUSYBOX, FIXTURES_DIR, fixtureImage } from './fixtures'
import { oracle } from './cli-oracle'

export interface NetnsEngine {
  /** DOCKER_HOST value for this engine. */
  host: string
  docker: Dockerode
  /** The namespace's name (under /var/run/netns). */
  ns: string
  /** Runs a command inside the namespace, as a process of this machine. */
  inNamespace(args: string[], timeoutMs?: number): Promise<string>
  destroy(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function run(command: string, args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(stdout.trim())
    })
  })
}

/** Whether this machine can make one: root, with ip and nsenter. */
export const canMakeNetnsEngine = (): boolean => process.getuid?.() === 0 && existsSync('/usr/sbin/ip') && existsSync('/usr/bin/nsenter')

export async function startNetnsEngine(): Promise<NetnsEngine> {
  const ns = `berth-${randomBytes(4).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'berth-netns-engine-'))
  const socket = join(dir, 'docker.sock')
  const pidfile = join(dir, 'docker.pid')
  const nsPath = `/var/run/netns/${ns}`
  await run('ip', ['netns', 'add', ns])
  let pid = 0

  const stop = async () => {
    const target = (existsSync(pidfile) ? Number(readFileSync(pidfile, 'utf8').trim()) : 0) || pid
    if (target && alive(target)) {
      process.kill(target, 'SIGTERM')
      const deadline = Date.now() + 20_000
      while (alive(target) && Date.now() < deadline) await sleep(50)
      if (alive(target)) process.kill(target, 'SIGKILL')
    }
    await run('ip', ['netns', 'del', ns]).catch(() => {})
    // The daemon can leave its data root mounted on itself; unmount what is ours, deepest first.
    const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(dir))
    for (const m of mounts.sort((a, b) => b.length - a.length)) await run('umount', ['-l', m]).catch(() => {})
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch {
      // Left under the temp dir; the machine's own clean-up takes it.
    }
  }

  try {
    await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up'])
    const log = openSync(join(dir, 'dockerd.log'), 'a')
    // nsenter execs dockerd: the child's pid is the daemon's.
    const child = spawn(
      'nsenter',
      [`--net=${nsPath}`, 'dockerd', '--host', `unix://${socket}`, '--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', pidfile],
      { stdio: ['ignore', log, log], detached: true },
    )
    child.unref()
    pid = child.pid ?? 0
    const docker = new Dockerode({ socketPath: socket })
    const deadline = Date.now() + 30_000
    for (;;) {
      try {
        await docker.ping()
        break
      } catch {
        if (!alive(pid) || Date.now() > deadline) {
          const tail = readFileSync(join(dir, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n')
          throw new Error(`The namespaced dockerd did not start.\n${tail}`)
        }
        await sleep(100)
      }
    }
    const host = `unix://${socket}`
    await buildBusybox(host)
    return {
      host,
      docker,
      ns,
      inNamespace: (args, timeoutMs) => run('nsenter', [`--net=${nsPath}`, ...args], timeoutMs),
      destroy: stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

/** The busybox fixture, built as test/env/fixtures.ts builds it (FROM scratch, no network). */
async function buildBusybox(host: string): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'berth-fixture-netns-'))
  try {
    cpSync(join(FIXTURES_DIR, 'busybox'), context, { recursive: true })
    copyFileSync(BUSYBOX, join(context, 'busybox'))
    await oracle(['build', '--network=none', '--quiet', '-t', fixtureImage('busybox'), context], host)
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}
