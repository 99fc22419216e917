// "Run again…" and "Edit…": the run spec a container was made with, read back from its inspect. What
// the image gives by itself (its CMD, ENV, labels, VOLUMEs…) is left out, as the user would not have
// typed it; settings the dialog cannot show are named, so an edit never drops them silently.
import type Dockerode from 'dockerode'
import { emptyRunSpec, RESTART_POLICIES, type MountRow, type RestartName } from '@common/run/spec'
import type { SpecFromContainer } from '@common/contract/run'
import { emptyRecord } from '@common/exact-record'
import { toEngineError } from '../errors'
import { engineKindOf } from '../engine-product'
import { familiarReference } from '../images/reference'
import { DOCKER_FLAG_DEFAULTS, flagsFromInspect, networkOf, PODMAN_FLAG_DEFAULTS, podmanBindMount, type FlagDefaults } from './flags-from-container'

/**
 * What Podman puts in every container's env by itself (4.x): containers.conf's `[containers] env`,
 * whose documented default (containers.conf(5)) is PATH and TERM=xterm, and `container=podman`
 * (pkg/specgen/generate, CompleteSpec); and HOSTNAME, the container's host name, unless the env has
 * one (libpod's generateSpec). The image's env overrides the first ones and the user's overrides
 * both, so a container showing one the image does not set either got it from Podman or was given that
 * very value, which Podman gives it again on a recreate.
 */
export function podmanAddedEnv(info: Dockerode.ContainerInspectInfo): string[] {
  const hostname = info.Config.Hostname ? [`HOSTNAME=${info.Config.Hostname}`] : []
  return ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm', 'container=podman', ...hostname]
}

/** What an engine gives containers by itself: left out of the form like what the image gives. */
export interface EngineAdds {
  /** In every container's env. */
  env: readonly string[]
  /** Among every tmpfs mount's options. */
  tmpfsOptions: readonly string[]
  /** Lists anonymous volumes among the binds, named by their 64-hex id (Podman): still anonymous ones. */
  anonymousInBinds?: boolean
  /** tmpfs mounts it adds by itself to a container with a read-only root (Podman's read_only_tmpfs). */
  readOnlyTmpfs?: readonly string[]
}

export const DOCKER_ADDS: EngineAdds = { env: [], tmpfsOptions: [] }

/** Podman 4.x: its env (above), and the options it writes into every tmpfs mount (`rw,rprivate,nosuid,nodev,tmpcopyup`). */
export const podmanAdds = (info: Dockerode.ContainerInspectInfo): EngineAdds => ({
  env: podmanAddedEnv(info),
  tmpfsOptions: ['rw', 'rprivate', 'nosuid', 'nodev', 'tmpcopyup'],
  anonymousInBinds: true,
  readOnlyTmpfs: ['/run', '/tmp', '/var/tmp'],
})

/**
 * Limits Podman sets on every container from its containers.conf (`default_ulimits`), under these
 * names; a `--ulimit` given for them cannot be told apart from Podman's own. Docker names a given
 * limit `nofile`, `nproc`.
 */
export const PODMAN_ULIMITS = new Set(['RLIMIT_NOFILE', 'RLIMIT_NPROC'])
/** The stop signal a container has when neither the user nor the image names one (Podman writes it as 15). */
export const DEFAULT_STOP_SIGNALS = new Set(['SIGTERM', 'TERM', '15'])

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** `src:dst[:mode]` from HostConfig.Binds; a source that is a path is a bind, else a volume name. */
export function mountFromBind(bind: string): MountRow | null {
  const parts = bind.split(':')
  if (parts.length < 2) return null
  const [source = '', target = '', mode = ''] = parts
  return { kind: source.startsWith('/') ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') }
}

type HostConfig = Dockerode.ContainerInspectInfo['HostConfig'] & Record<string, unknown>

/** Non-default HostConfig settings with no field in the dialog, worded as their CLI flags. */
function unshown(host: HostConfig, config: Record<string, unknown>): string[] {
  const out: string[] = []
  const flag = (set: unknown, name: string) => {
    if (Array.isArray(set) ? set.length > 0 : Boolean(set)) out.push(name)
  }
  flag(host.Links, '--link')
  flag(host.Sysctls && Object.keys(host.Sysctls as object).length, '--sysctl')
  flag(host.CgroupParent, '--cgroup-parent')
  flag(host.Runtime && !['runc', 'crun', 'oci'].includes(host.Runtime as string), '--runtime')
  const health = config.Healthcheck as { Test?: string[] } | undefined
  // An exec-form health check (from an API client or Compose) has no --health-cmd spelling.
  if (health?.Test?.[0] === 'CMD') out.push('--health-cmd (exec form)')
  return out
}

/**
 * `engine`: what the engine gives every container by itself (Podman's env and tmpfs options), left
 * out like the image's. `inherited`: the mount points its `--volumes-from` containers give it, which
 * Podman also lists among its own binds; they stay with `--volumes-from`, not as mounts of their own.
 */
export function specFromInspect(
  info: Dockerode.ContainerInspectInfo,
  image: Dockerode.ImageInspectInfo | null,
  engine: EngineAdds = DOCKER_ADDS,
  inherited: ReadonlySet<string> = new Set(),
  defaults: FlagDefaults = DOCKER_FLAG_DEFAULTS,
): SpecFromContainer {
  const c = info.Config as Dockerode.ContainerInspectInfo['Config'] & Record<string, unknown>
  const ic = (image?.Config ?? {}) as Record<string, unknown> & { Env?: string[]; Cmd?: string[]; Entrypoint?: string[] | null; Labels?: Record<string, string>; Volumes?: Record<string, unknown>; WorkingDir?: string; User?: string; ExposedPorts?: Record<string, unknown> }
  const host = info.HostConfig as HostConfig
  // Named as the CLI names it (Podman stores docker.io/…).
  const spec = emptyRunSpec(familiarReference(c.Image))
  spec.name = info.Name.replace(/^\//, '')
  spec.cmd = same(c.Cmd, ic.Cmd) ? [] : (c.Cmd ?? [])
  const entrypoint = c.Entrypoint as string[] | string | null | undefined
  const ep = typeof entrypoint === 'string' ? [entrypoint] : entrypoint
  spec.entrypoint = same(ep ?? null, ic.Entrypoint ?? null) ? null : (ep?.[0] ?? '')
  // With none from the image a process starts in /, which Podman writes down as the container's workdir.
  spec.workdir = c.WorkingDir && c.WorkingDir !== (ic.WorkingDir || '/') ? c.WorkingDir : ''
  spec.user = c.User && c.User !== ic.User ? c.User : ''
  const imageEnv = new Set(ic.Env ?? [])
  const imageSets = new Set((ic.Env ?? []).map((e) => e.split('=', 1)[0]))
  // An engine default the image overrides, showing its default value anyway, was set by the user.
  const fromEngine = new Set(engine.env.filter((e) => !imageSets.has(e.split('=', 1)[0] ?? '')))
  spec.env = (c.Env ?? []).filter((e) => !imageEnv.has(e) && !fromEngine.has(e))
  for (const [port, list] of Object.entries((host.PortBindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>)) {
    const [num, proto] = port.split('/')
    const suffix = proto && proto !== 'tcp' ? `/${proto}` : ''
    for (const b of list ?? [{}]) {
      const ip = b.HostIp ? (b.HostIp.includes(':') ? `[${b.HostIp}]:` : `${b.HostIp}:`) : ''
      spec.ports.push(b.HostPort ? `${ip}${b.HostPort}:${num}${suffix}` : ip ? `${ip}:${num}${suffix}` : `${num}${suffix}`)
    }
  }
  spec.publishAll = Boolean(host.PublishAllPorts)
  const propagated: string[] = []
  for (const bind of host.Binds ?? []) {
    const asMount = engine.anonymousInBinds ? podmanBindMount(bind) : null
    if (asMount) {
      propagated.push(asMount)
      continue
    }
    const row = mountFromBind(bind)
    if (!row || inherited.has(row.target)) continue
    const anonymous = engine.anonymousInBinds && row.kind === 'volume' && /^[0-9a-f]{64}$/.test(row.source)
    spec.mounts.push(anonymous ? { kind: 'anonymous', source: '', target: row.target, readOnly: row.readOnly } : row)
  }
  for (const target of Object.keys((c.Volumes ?? {}) as object)) {
    if ((ic.Volumes && target in ic.Volumes) || inherited.has(target)) continue
    if (spec.mounts.some((m) => m.target === target)) continue
    spec.mounts.push({ kind: 'anonymous', source: '', target, readOnly: false })
  }
  spec.volumesFrom = (host.VolumesFrom ?? []).map((v: string) => {
    const [container = '', mode = ''] = v.split(':')
    return { container, readOnly: mode === 'ro' }
  })
  const engineTmpfs = new Set(engine.tmpfsOptions)
  const readOnlyTmpfs = new Set(host.ReadonlyRootfs ? (engine.readOnlyTmpfs ?? []) : [])
  spec.tmpfs = Object.entries((host.Tmpfs ?? {}) as Record<string, string>).flatMap(([path, given]) => {
    const opts = given.split(',').filter((o) => o && !engineTmpfs.has(o)).join(',')
    if (!opts && readOnlyTmpfs.has(path)) return []
    return [opts ? `${path}:${opts}` : path]
  })
  spec.detach = !(c.AttachStdin || c.AttachStdout || c.AttachStderr)
  spec.interactive = Boolean(c.OpenStdin)
  spec.tty = Boolean(c.Tty)
  spec.autoRemove = Boolean(host.AutoRemove)
  const policy = host.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 }
  const restartName = (RESTART_POLICIES as readonly string[]).includes(policy.Name ?? '') ? (policy.Name as RestartName) : 'no'
  spec.restart = { name: restartName, maxRetries: restartName === 'on-failure' ? (policy.MaximumRetryCount ?? 0) : 0 }
  const network = networkOf(info)
  spec.network = network && network !== 'default' ? network : ''
  const labels = emptyRecord<string>()
  const imageLabels = ic.Labels ?? {}
  for (const key of Object.keys(c.Labels ?? {})) {
    const value = (c.Labels as Record<string, string>)[key] as string
    if (Object.hasOwn(imageLabels, key) && imageLabels[key] === value) continue
    labels[key] = value
  }
  spec.labels = labels
  const byPorts = new Set(Object.keys((host.PortBindings ?? {}) as object))
  Object.assign(spec, flagsFromInspect(info, image, defaults, byPorts))
  spec.mount.push(...propagated)
  return { spec, notKept: unshown(host, c) }
}

export async function runSpecOf(docker: Dockerode, id: string): Promise<SpecFromContainer> {
  let info: Dockerode.ContainerInspectInfo
  try {
    info = await docker.getContainer(id).inspect()
  } catch (err) {
    throw toEngineError(err, { kind: 'container', ref: id })
  }
  const image = await docker.getImage(info.Image).inspect().catch(() => null)
  const podman = (await engineKindOf(docker)) === 'podman'
  const engine = podman ? podmanAdds(info) : DOCKER_ADDS
  const logDriver = await docker.info().then((i: { LoggingDriver?: string }) => i.LoggingDriver ?? '', () => '')
  const defaults = { ...(podman ? PODMAN_FLAG_DEFAULTS : DOCKER_FLAG_DEFAULTS), ...(logDriver ? { logDriver } : {}) }
  return specFromInspect(info, image, engine, await inheritedTargets(docker, info), defaults)
}

/** Where the container's `--volumes-from` containers mount their volumes (one gone gives none). */
async function inheritedTargets(docker: Dockerode, info: Dockerode.ContainerInspectInfo): Promise<Set<string>> {
  const targets = new Set<string>()
  for (const from of (info.HostConfig.VolumesFrom ?? []) as string[]) {
    const source = await docker.getContainer(from.split(':')[0] ?? '').inspect().catch(() => null)
    for (const mount of source?.Mounts ?? []) targets.add(mount.Destination)
  }
  return targets
}
