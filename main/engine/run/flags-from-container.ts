// The flags of flags.ts read back from a container's inspect, for Edit… and Run again…: what the
// engine does by itself (its default /dev/shm, IPC mode, log driver, Podman's limits…) and what the
// image gives (its health check, stop signal, exposed ports) is left out, as the user did not type it.
import type Dockerode from 'dockerode'
import { emptyRunFlags, type RunFlags } from '@common/run/flags'
import type { EngineMount } from '@common/run/mount-flag'
import { durationWord, sizeWord } from '@common/run/units'

/** What an engine sets on every container by itself, in the fields these flags set. */
export interface FlagDefaults {
  shmSize: number
  ipcModes: readonly string[]
  pidModes: readonly string[]
  logDriver: string
  pidsLimit: number
  stopTimeout: number | null
  /** Capabilities the engine adds or drops by itself (Podman's default set is smaller than Docker's). */
  capAdd: readonly string[]
  capDrop: readonly string[]
  /** Limits it sets by itself, by name. */
  ulimits: ReadonlySet<string>
}

/** A bind Podman lists among its binds with a propagation of its own (`src:dst:ro,rslave,bind`): a --mount row keeps it. */
export function podmanBindMount(bind: string): string | null {
  const [source = '', target = '', mode = ''] = bind.split(':')
  const options = mode.split(',')
  const propagation = options.find((o) => /^r?(shared|slave|private)$/.test(o))
  if (!source.startsWith('/') || !propagation || propagation === 'rprivate') return null
  return ['type=bind', `source=${source}`, `target=${target}`, ...(options.includes('ro') ? ['readonly'] : []), `bind-propagation=${propagation}`].join(',')
}

export const DOCKER_FLAG_DEFAULTS: FlagDefaults = { shmSize: 64 * 1024 ** 2, ipcModes: ['private', 'shareable', ''], pidModes: [''], logDriver: 'json-file', pidsLimit: 0, stopTimeout: null, capAdd: [], capDrop: [], ulimits: new Set() }

/**
 * Podman 4.x (containers.conf defaults, as its inspect shows them): /dev/shm of 64000k, a private PID
 * namespace and a shareable IPC one written out, a stop timeout of 0 when none is given (as the CLI
 * sends it) and 2048 processes. A value typed equal to one of these cannot be told from Podman's
 * own, and Podman gives it again on a recreate. Podman also writes nofile and nproc limits into every
 * container (RLIMIT_NOFILE, RLIMIT_NPROC), valued from the host it runs on, under the names it gives a
 * typed --ulimit of theirs: those two are left out (a typed one is lost by an edit, the price of not
 * showing Podman's own on every container); others (core, memlock…) are read back.
 */
export const PODMAN_FLAG_DEFAULTS: FlagDefaults = {
  ...DOCKER_FLAG_DEFAULTS,
  shmSize: 65_536_000,
  ipcModes: ['shareable', 'private', ''],
  pidModes: ['private', ''],
  pidsLimit: 2048,
  stopTimeout: 0,
  ulimits: new Set(['RLIMIT_NOFILE', 'RLIMIT_NPROC']),
}

const mountWord = (m: EngineMount): string => {
  const f = [`type=${m.Type}`]
  if (m.Source) f.push(`source=${m.Source}`)
  f.push(`target=${m.Target}`)
  if (m.ReadOnly) f.push('readonly')
  if (m.Consistency && m.Consistency !== 'default') f.push(`consistency=${m.Consistency}`)
  if (m.BindOptions?.Propagation) f.push(`bind-propagation=${m.BindOptions.Propagation}`)
  if (m.BindOptions?.NonRecursive) f.push('bind-nonrecursive')
  if (m.VolumeOptions?.NoCopy) f.push('volume-nocopy')
  for (const [k, v] of Object.entries(m.VolumeOptions?.Labels ?? {})) f.push(`volume-label=${k}=${v}`)
  if (m.VolumeOptions?.DriverConfig?.Name) f.push(`volume-driver=${m.VolumeOptions.DriverConfig.Name}`)
  for (const [k, v] of Object.entries(m.VolumeOptions?.DriverConfig?.Options ?? {})) f.push(`volume-opt=${k}=${v}`)
  if (m.TmpfsOptions?.SizeBytes) f.push(`tmpfs-size=${sizeWord(m.TmpfsOptions.SizeBytes)}`)
  if (m.TmpfsOptions?.Mode) f.push(`tmpfs-mode=${m.TmpfsOptions.Mode.toString(8)}`)
  // A field with a comma or a quote is quoted as CSV, as the CLI reads it.
  return f.map((x) => (/[",]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x)).join(',')
}

/**
 * The network a container was run on: its network mode, or, where Podman writes "bridge" for a
 * container on a network of the user's, the one network it is on.
 */
export function networkOf(info: Dockerode.ContainerInspectInfo): string {
  const mode = info.HostConfig.NetworkMode ?? ''
  const names = Object.keys(info.NetworkSettings?.Networks ?? {})
  if (mode === 'bridge' && names.length === 1 && !['bridge', 'podman'].includes(names[0] as string)) return names[0] as string
  return mode
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export function flagsFromInspect(info: Dockerode.ContainerInspectInfo, image: Dockerode.ImageInspectInfo | null, defaults: FlagDefaults, exposedByPorts: ReadonlySet<string>): RunFlags {
  const c = info.Config as unknown as Record<string, unknown>
  const h = info.HostConfig as unknown as Record<string, unknown>
  const ic = (image?.Config ?? {}) as unknown as Record<string, unknown>
  const f = emptyRunFlags()
  f.mount = ((h.Mounts ?? []) as EngineMount[]).map(mountWord)
  const hostname = String(c.Hostname ?? '')
  if (hostname && hostname !== info.Id.slice(0, 12) && h.NetworkMode !== 'host') f.hostname = hostname
  f.domainname = String(c.Domainname ?? '')
  f.addHost = strings(h.ExtraHosts)
  f.dns = strings(h.Dns)
  f.dnsSearch = strings(h.DnsSearch)
  f.dnsOption = strings(h.DnsOptions)
  const network = (info.NetworkSettings?.Networks ?? {})[networkOf(info)] as { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null } | undefined
  // The engine adds the short id, and (for clients of an older API) the host name.
  f.networkAlias = (network?.Aliases ?? []).filter((a) => a !== info.Id.slice(0, 12) && a !== info.Id && a !== hostname)
  f.ip = network?.IPAMConfig?.IPv4Address ?? ''
  f.macAddress = String(c.MacAddress ?? '')
  const imagePorts = (ic.ExposedPorts ?? {}) as Record<string, unknown>
  f.expose = Object.keys((c.ExposedPorts ?? {}) as object)
    .filter((p) => !(p in imagePorts) && !exposedByPorts.has(p))
    .map((p) => p.replace(/\/tcp$/, ''))
  const n = (k: string) => Number(h[k] ?? 0)
  if (n('Memory')) f.memory = sizeWord(n('Memory'))
  if (n('MemoryReservation')) f.memoryReservation = sizeWord(n('MemoryReservation'))
  // The engine sets swap to twice the memory when only the memory is given.
  if (n('MemorySwap') === -1) f.memorySwap = '-1'
  else if (n('MemorySwap') && n('MemorySwap') !== 2 * n('Memory')) f.memorySwap = sizeWord(n('MemorySwap'))
  if (n('NanoCpus')) f.cpus = String(n('NanoCpus') / 1e9)
  if (n('CpuShares')) f.cpuShares = String(n('CpuShares'))
  f.cpusetCpus = String(h.CpusetCpus ?? '')
  if (n('PidsLimit') && n('PidsLimit') !== defaults.pidsLimit) f.pidsLimit = String(n('PidsLimit'))
  f.ulimit = ((h.Ulimits ?? []) as Array<{ Name: string; Soft: number; Hard: number }>)
    .filter((u) => !defaults.ulimits.has(u.Name))
    .map((u) => `${u.Name.replace(/^RLIMIT_/, '').toLowerCase()}=${u.Soft}${u.Hard !== u.Soft ? `:${u.Hard}` : ''}`)
  if (n('ShmSize') && n('ShmSize') !== defaults.shmSize) f.shmSize = sizeWord(n('ShmSize'))
  f.readOnly = Boolean(h.ReadonlyRootfs)
  f.privileged = Boolean(h.Privileged)
  const engineAdds = new Set(defaults.capAdd)
  const engineDrops = new Set(defaults.capDrop)
  f.capAdd = strings(h.CapAdd).filter((x) => !engineAdds.has(x))
  f.capDrop = strings(h.CapDrop).filter((x) => !engineDrops.has(x))
  // Docker adds label=disable by itself to a container that shares the host's pid or ipc namespace, or is privileged.
  const sharesHost = h.PidMode === 'host' || h.IpcMode === 'host' || Boolean(h.Privileged)
  f.securityOpt = strings(h.SecurityOpt).filter((o) => !(sharesHost && o === 'label=disable'))
  f.device = ((h.Devices ?? []) as Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }>).map((d) =>
    [d.PathOnHost, ...(d.PathInContainer !== d.PathOnHost ? [d.PathInContainer] : []), ...(d.CgroupPermissions && d.CgroupPermissions !== 'rwm' ? [d.CgroupPermissions] : [])].join(':'),
  )
  f.groupAdd = strings(h.GroupAdd)
  const pid = String(h.PidMode ?? '')
  if (!defaults.pidModes.includes(pid)) f.pid = pid
  const ipc = String(h.IpcMode ?? '')
  if (!defaults.ipcModes.includes(ipc) || (ipc === 'shareable' && defaults.ipcModes[0] !== 'shareable')) f.ipc = ipc
  f.userns = String(h.UsernsMode ?? '')
  f.init = h.Init === true
  const stopSignal = c.StopSignal as string | undefined
  if (stopSignal && stopSignal !== ic.StopSignal && !(ic.StopSignal === undefined && ['SIGTERM', 'TERM', '15'].includes(stopSignal))) f.stopSignal = stopSignal
  if (typeof c.StopTimeout === 'number' && c.StopTimeout !== defaults.stopTimeout) f.stopTimeout = String(c.StopTimeout)
  const health = c.Healthcheck as { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | undefined
  if (health && !same(health, ic.Healthcheck)) {
    if (health.Test?.[0] === 'NONE') f.noHealthcheck = true
    else {
      if (health.Test?.[0] === 'CMD-SHELL') f.healthCmd = health.Test[1] ?? ''
      if (health.Interval) f.healthInterval = durationWord(health.Interval)
      if (health.Timeout) f.healthTimeout = durationWord(health.Timeout)
      if (health.StartPeriod) f.healthStartPeriod = durationWord(health.StartPeriod)
      if (health.Retries) f.healthRetries = String(health.Retries)
    }
  }
  const log = (h.LogConfig ?? {}) as { Type?: string; Config?: Record<string, string> }
  if (log.Type && log.Type !== defaults.logDriver) f.logDriver = log.Type
  f.logOpt = Object.entries(log.Config ?? {}).map(([k, v]) => `${k}=${v}`)
  if (f.logOpt.length && !f.logDriver && log.Type) f.logDriver = log.Type
  return f
}
