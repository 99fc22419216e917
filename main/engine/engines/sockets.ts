// Engines with no context that the user still has: the sockets Docker rootless, Podman, Colima,
// OrbStack and Rancher Desktop open in their usual places. Listed only when the socket exists and
// the engine behind it answers; one a context already points at is that context's.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { EngineReach } from '@common/contract/engines'
import type { EndpointEnv } from '../endpoint'
import { probeEngine } from './probe'

export interface SocketCandidate {
  /** What the socket is, as the list names it: "Podman (rootless)", "Colima". */
  name: string
  path: string
}

export interface FoundSocket extends SocketCandidate {
  host: string
  reach: EngineReach
}

/** Where the usual engines put their sockets, for this user. */
export function wellKnownSockets({ env, home }: EndpointEnv): SocketCandidate[] {
  const runtime = env.XDG_RUNTIME_DIR || (typeof process.getuid === 'function' ? `/run/user/${process.getuid()}` : '')
  return [
    ...(runtime
      ? [
          { name: 'Docker (rootless)', path: join(runtime, 'docker.sock') },
          { name: 'Podman (rootless)', path: join(runtime, 'podman', 'podman.sock') },
        ]
      : []),
    { name: 'Podman', path: '/run/podman/podman.sock' },
    { name: 'Colima', path: join(home, '.colima', 'default', 'docker.sock') },
    { name: 'OrbStack', path: join(home, '.orbstack', 'run', 'docker.sock') },
    { name: 'Rancher Desktop', path: join(home, '.rd', 'docker.sock') },
  ]
}

export function socketHost(path: string): string {
  return `unix://${path}`
}

/** The candidates that exist and answer, in their order, asked all at once; `taken` are hosts contexts already name. */
export async function findSockets(candidates: SocketCandidate[], taken: Set<string>, budgetMs?: number): Promise<FoundSocket[]> {
  const fresh = candidates.filter((c, i) => existsSync(c.path) && !taken.has(socketHost(c.path)) && candidates.findIndex((o) => o.path === c.path) === i)
  const reaches = await Promise.all(fresh.map((c) => probeEngine({ socketPath: c.path }, budgetMs)))
  return fresh.flatMap((c, i) => {
    const reach = reaches[i] as EngineReach
    return reach.state === 'reachable' ? [{ ...c, host: socketHost(c.path), reach }] : []
  })
}
