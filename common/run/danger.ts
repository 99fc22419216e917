// Binds that hand a container the host or the engine. The dialog asks before it runs one, and main
// refuses one that was not confirmed, each time saying why in words. Other flags that weaken the
// container's isolation are kept as given, and said in a sentence each before Run (isolationNotes).
import type { RunSpec } from './spec'
import { parseMountFlag } from './mount-flag'

/** The engine's socket path from its address (`unix:///var/run/docker.sock`), when it is a local socket. */
export const socketOf = (host: string | undefined): string | undefined => (host?.startsWith('unix://') ? host.slice('unix://'.length) : undefined)

export function dangerousBinds(spec: Pick<RunSpec, 'mounts'> & Partial<Pick<RunSpec, 'mount'>>, engineSocket?: string): string[] {
  const sockets = new Set(['/var/run/docker.sock', '/run/docker.sock', ...(engineSocket ? [engineSocket] : [])])
  const reasons: string[] = []
  // -v binds and --mount type=bind alike.
  const sources = spec.mounts.filter((m) => m.kind === 'bind').map((m) => m.source)
  for (const row of spec.mount ?? []) {
    const parsed = parseMountFlag(row)
    if ('mount' in parsed && parsed.mount.Type === 'bind' && parsed.mount.Source) sources.push(parsed.mount.Source)
  }
  for (const given of sources) {
    const m = { source: given }
    const source = m.source.replace(/\/+$/, '') || '/'
    if (source === '/') reasons.push(`binding "${m.source}" gives the container the host's whole file system to read and change`)
    else if (source === '/etc') reasons.push('binding "/etc" lets the container change the host\'s users, passwords and services')
    else if (sockets.has(source)) reasons.push(`binding "${m.source}", the engine's socket, lets the container run any container: it controls the engine and the host`)
  }
  return reasons
}

/** Flags that weaken the container's isolation from the host, each said in a sentence. They run as given. */
export function isolationNotes(spec: Pick<RunSpec, 'privileged' | 'pid' | 'ipc' | 'network' | 'capAdd' | 'securityOpt' | 'userns' | 'device'>): string[] {
  const notes: string[] = []
  if (spec.privileged) notes.push('--privileged gives the container every device and capability of the host, and lifts its seccomp and AppArmor limits: a process in it can take over the host.')
  if (spec.pid === 'host') notes.push("--pid host shows the container every process of the host, and lets it signal them.")
  if (spec.ipc === 'host') notes.push("--ipc host shares the host's shared memory with the container.")
  if (spec.network === 'host') notes.push("--network host puts the container on the host's own network: it can reach every service the host listens on, and its ports are the host's.")
  if (spec.userns === 'host') notes.push('--userns host runs the container in the host\'s user namespace: its root is the host\'s root where the engine remaps users.')
  for (const cap of spec.capAdd) notes.push(`--cap-add ${cap} gives the container ${/^(CAP_)?ALL$/i.test(cap) ? 'every capability of the host\'s root' : `the ${cap.toUpperCase().replace(/^CAP_/, '')} capability, which containers lack by default`}.`)
  for (const opt of spec.securityOpt) {
    const [key = '', value = ''] = opt.split(/[=:]/, 2)
    if ((key === 'seccomp' || key === 'apparmor') && value === 'unconfined') notes.push(`--security-opt ${opt} lifts the ${key === 'seccomp' ? 'system call filter' : 'AppArmor profile'} that keeps the container from the host's kernel.`)
    if (key === 'label' && value === 'disable') notes.push(`--security-opt ${opt} turns off SELinux separation for this container.`)
  }
  return notes
}
