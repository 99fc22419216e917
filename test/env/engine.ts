// Private engines for the tests: their own socket, data and state under a temp dir, no bridge network
// and no iptables, so they touch nothing of the machine's. Stopped by their own pid.
// Which engine: `startPrivateEngine('podman')`, or BERTH_TEST_ENGINE (docker | podman; docker if unset).
import { mkdtempSync } from 'node:fs'
import { execFile } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { daemonControl } from './daemon'
import { podmanService } from './podman'

export { alive } from './daemon'

export type EngineKind = 'docker' | 'podman'
export const ENGINE_KINDS: readonly EngineKind[] = ['docker', 'podman']

export interface PrivateEngine {
  kind: EngineKind
  /** DOCKER_HOST value for this engine. */
  host: string
  dir: string
  /** Stops the daemon (by its pid) and waits for it to exit. The data stays, so start() can resume it. */
  stop(): Promise<void>
  /** Starts the daemon again on the same socket and data. */
  start(): Promise<void>
  /** Stops the daemon and deletes everything it had. */
  destroy(): Promise<void>
}

/** The engine the tests run against: BERTH_TEST_ENGINE, docker by default. */
export function testEngineKind(): EngineKind {
  const kind = process.env.BERTH_TEST_ENGINE ?? 'docker'
  if (!ENGINE_KINDS.includes(kind as EngineKind)) throw new Error(`BERTH_TEST_ENGINE must be docker or podman, not "${kind}".`)
  return kind as EngineKind
}

interface Service {
  start(): Promise<void>
  stop(): Promise<void>
  /** Removes what outlives the daemon (Podman's containers live on under conmon). */
  removeAll?(): Promise<void>
}

function dockerService(dir: string): Service {
  const socket = join(dir, 'docker.sock')
  return daemonControl({
    command: 'dockerd',
    args: [
      '--host', `unix://${socket}`,
      '--data-root', join(dir, 'root'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'docker.pid'),
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
    ],
    log: join(dir, 'dockerd.log'),
    socket,
    pidfile: join(dir, 'docker.pid'),
    hint: 'Is docker.io installed and are we root?',
  })
}

/**
 * Unmounts what an engine left mounted in its folder, lazily, deepest first, so the folder can go:
 * dockerd keeps its default network namespace (`exec/netns/default`, an nsfs mount) after it stops,
 * and can leave its data root mounted on itself.
 */
export async function unmountUnder(dir: string): Promise<void> {
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '')
  const points = mounts
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)
  for (const point of points) {
    await new Promise<void>((done) => execFile('umount', ['-l', point], () => done()))
  }
}

export async function startPrivateEngine(kind: EngineKind = testEngineKind()): Promise<PrivateEngine> {
  const dir = mkdtempSync(join(tmpdir(), `berth-${kind}-`))
  const service: Service = kind === 'podman' ? podmanService(dir) : dockerService(dir)
  await service.start()
  return {
    kind,
    host: `unix://${join(dir, `${kind}.sock`)}`,
    dir,
    start: service.start,
    stop: service.stop,
    async destroy() {
      await service.stop()
      await service.removeAll?.()
      await unmountUnder(dir)
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
