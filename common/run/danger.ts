// Binds that hand a container the host or the engine. The dialog asks before it runs one, and main
// refuses one that was not confirmed, each time saying why in words.
import type { RunSpec } from './spec'

/** The engine's socket path from its address (`unix:///var/run/docker.sock`), when it is a local socket. */
export const socketOf = (host: string | undefined): string | undefined => (host?.startsWith('unix://') ? host.slice('unix://'.length) : undefined)

export function dangerousBinds(spec: Pick<RunSpec, 'mounts'>, engineSocket?: string): string[] {
  const sockets = new Set(['/var/run/docker.sock', '/run/docker.sock', ...(engineSocket ? [engineSocket] : [])])
  const reasons: string[] = []
  for (const m of spec.mounts) {
    if (m.kind !== 'bind') continue
    const source = m.source.replace(/\/+$/, '') || '/'
    if (source === '/') reasons.push(`binding "${m.source}" gives the container the host's whole file system to read and change`)
    else if (source === '/etc') reasons.push('binding "/etc" lets the container change the host\'s users, passwords and services')
    else if (sockets.has(source)) reasons.push(`binding "${m.source}", the engine's socket, lets the container run any container: it controls the engine and the host`)
  }
  return reasons
}
