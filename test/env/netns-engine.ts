// A private engine with its bridge network, kept inside a network namespace of the test's own, so
// `-p` can be tested for real without touching this machine's network: the engine's bridge, iptables
// rules and published ports all live in the namespace (dockerd's own network, or Podman's over CNI).
// Reach them with `inNamespace(['wget', …])`.
// `nsenter --net` and not `ip netns exec`, which remounts /sys and makes dockerd fail on cgroups.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type Dockerode from 'dockerode'
import { daemonControl } from './daemon'
import { unmountUnder, type EngineKind } from './engine'
import { podmanService } from './podman'
import { buildFixtureImages } from './fixtures'
import { testDocker } from './session'

export interface NetnsEngine {
  kind: EngineKind
  /** DOCKER_HOST value for this engine. */
  host: string
  docker: Dockerode
  /** The namespace's name (under /var/run/netns). */
  ns: string
  /** Runs a command inside the namespace, as a process of this machine. */
  inNamespace(args: string[], timeoutMs?: number): Promise<string>
  destroy(): Promise<void>
}

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

export async function startNetnsEngine(kind: EngineKind = 'docker'): Promise<NetnsEngine> {
  const ns = `berth-${randomBytes(4).toString('hex')}`
  // Short: Podman refuses a runroot (<dir>/run) over 50 characters, and the runner's TMPDIR is already deep.
  const dir = mkdtempSync(join(tmpdir(), 'berth-ns-'))
  const nsPath = `/var/run/netns/${ns}`
  const service = kind === 'podman' ? podmanService(dir, { netns: nsPath }) : dockerService(dir, nsPath)
  const docker = testDocker(`unix://${join(dir, `${kind}.sock`)}`)

  const stop = async () => {
    // Killed first: a daemon stopping gives each container its stop timeout (httpd as PID 1 ignores SIGTERM).
    const left = await docker.listContainers({ all: true }).catch(() => [])
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})))
    await service.stop().catch(() => {})
    // Podman's containers live on under conmon: removed in the namespace, before it goes.
    await service.removeAll?.()
    await run('ip', ['netns', 'del', ns]).catch(() => {})
    await unmountUnder(dir)
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch {
      // Left under the temp dir; the machine's own clean-up takes it.
    }
  }

  try {
    await run('ip', ['netns', 'add', ns])
    await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up'])
    await service.start()
    const host = `unix://${join(dir, `${kind}.sock`)}`
    await buildFixtureImages(host)
    return {
      kind,
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

/** dockerd with its bridge and iptables, as a user's engine runs; nsenter execs it, so its pid is the daemon's. */
function dockerService(dir: string, nsPath: string): { start(): Promise<void>; stop(): Promise<void>; removeAll?(): Promise<void> } {
  const socket = join(dir, 'docker.sock')
  const pidfile = join(dir, 'docker.pid')
  return daemonControl({
    command: 'nsenter',
    args: [`--net=${nsPath}`, 'dockerd', '--host', `unix://${socket}`, '--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', pidfile],
    log: join(dir, 'dockerd.log'),
    socket,
    pidfile,
    hint: 'Is docker.io installed and are we root?',
  })
}
