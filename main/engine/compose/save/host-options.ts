// The settings `docker run` takes beyond the Run dialog's, in Compose's words: the host name and DNS,
// init, stop signal and grace period, healthcheck, logging, limits and security. A value the engine
// fills in by itself (Docker's 64 MiB /dev/shm, its log driver, Podman's ulimits) is not written.
import type Dockerode from 'dockerode'
import { DEFAULT_STOP_SIGNALS, PODMAN_ULIMITS } from '../../run/spec-from-container'
import type { SaveContext, SavedContainer, ServiceModel } from './model'

type Host = Dockerode.ContainerInspectInfo['HostConfig'] & Record<string, unknown>
interface Health {
  Test?: string[]
  Interval?: number
  Timeout?: number
  StartPeriod?: number
  Retries?: number
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [])

/** A duration in nanoseconds as Compose writes one: `30s`, `1500ms`. */
export function duration(ns: number): string {
  const ms = ns / 1e6
  return ms % 1000 === 0 ? `${ms / 1000}s` : Number.isInteger(ms) ? `${ms}ms` : `${ns / 1000}us`
}

export function hostOptions(saved: SavedContainer, ctx: SaveContext, note: (text: string) => void): ServiceModel {
  const { info, image } = saved
  const c = info.Config as typeof info.Config & Record<string, unknown>
  const ic = (image?.Config ?? {}) as Record<string, unknown>
  const h = info.HostConfig as Host
  const out: ServiceModel = {}
  // Both engines name a container's host after its short id unless told otherwise.
  // On the host's or another container's network the name is theirs, and the engine refuses one given.
  const ownNetwork = h.NetworkMode !== 'host' && !String(h.NetworkMode).startsWith('container:')
  if (ownNetwork && c.Hostname && c.Hostname !== info.Id.slice(0, 12)) out.hostname = c.Hostname
  if (ownNetwork && c.Domainname) out.domainname = c.Domainname
  if (list(h.ExtraHosts).length) out.extra_hosts = list(h.ExtraHosts)
  if (list(h.Dns).length) out.dns = list(h.Dns)
  if (list(h.DnsSearch).length) out.dns_search = list(h.DnsSearch)
  if (list(h.DnsOptions).length) out.dns_opt = list(h.DnsOptions)
  if (h.Init === true) out.init = true
  const stopSignal = c.StopSignal as string | undefined
  if (stopSignal && stopSignal !== ic.StopSignal && !(ic.StopSignal === undefined && DEFAULT_STOP_SIGNALS.has(stopSignal))) out.stop_signal = stopSignal
  const stopTimeout = c.StopTimeout as number | undefined
  // Podman gives every container 10 s (0 through its Docker API: podman#19139), Docker none unless told.
  if (typeof stopTimeout === 'number' && !(ctx.engine.kind === 'podman' && (stopTimeout === 10 || stopTimeout === 0))) out.stop_grace_period = `${stopTimeout}s`
  const health = c.Healthcheck as Health | undefined
  if (health && !same(health, ic.Healthcheck)) out.healthcheck = healthcheck(health)
  const log = h.LogConfig as { Type?: string; Config?: Record<string, string> } | undefined
  // Podman gives containers made through its Docker API json-file, whatever its own default.
  const defaultLog = log?.Type === ctx.engine.logDriver || (ctx.engine.kind === 'podman' && log?.Type === 'json-file')
  if (log?.Type && (!defaultLog || Object.keys(log.Config ?? {}).length)) {
    out.logging = Object.keys(log.Config ?? {}).length ? { driver: log.Type, options: log.Config } : { driver: log.Type }
  }
  Object.assign(out, limits(h, ctx))
  if (list(h.CapAdd).length) out.cap_add = list(h.CapAdd)
  if (list(h.CapDrop).length) out.cap_drop = list(h.CapDrop)
  // Docker adds label=disable by itself to a container that shares the host's pid or ipc namespace, or is privileged.
  const sharesHost = h.PidMode === 'host' || h.IpcMode === 'host' || Boolean(h.Privileged)
  const security = list(h.SecurityOpt).filter((o) => !(sharesHost && o === 'label=disable'))
  if (security.length) out.security_opt = security
  if (h.Privileged) out.privileged = true
  if (h.ReadonlyRootfs) out.read_only = true
  const devices = (h.Devices ?? []) as { PathOnHost: string; PathInContainer: string; CgroupPermissions?: string }[]
  if (devices.length) out.devices = devices.map((d) => `${d.PathOnHost}:${d.PathInContainer}${d.CgroupPermissions && d.CgroupPermissions !== 'rwm' ? `:${d.CgroupPermissions}` : ''}`)
  if (list(h.GroupAdd).length) out.group_add = list(h.GroupAdd)
  const sysctls = (h.Sysctls ?? {}) as Record<string, string>
  if (Object.keys(sysctls).length) out.sysctls = sysctls
  if (h.PidMode === 'host') out.pid = 'host'
  // Podman makes every container's ipc namespace shareable by itself.
  if (h.IpcMode === 'host' || (h.IpcMode === 'shareable' && ctx.engine.kind !== 'podman')) out.ipc = h.IpcMode
  if (list(h.Links).length) note(`its links (--link ${list(h.Links).join(', ')}) are not written: services on one network reach each other by name`)
  return out
}

function healthcheck(health: Health): Record<string, unknown> {
  if (health.Test?.[0] === 'NONE') return { disable: true }
  const out: Record<string, unknown> = { test: health.Test }
  if (health.Interval) out.interval = duration(health.Interval)
  if (health.Timeout) out.timeout = duration(health.Timeout)
  if (health.Retries) out.retries = health.Retries
  if (health.StartPeriod) out.start_period = duration(health.StartPeriod)
  return out
}

function limits(h: Host, ctx: SaveContext): ServiceModel {
  const out: ServiceModel = {}
  const n = (v: unknown) => (typeof v === 'number' ? v : 0)
  const memory = n(h.Memory)
  if (memory) out.mem_limit = memory
  // With a memory limit and no swap limit Docker allows as much swap again: twice the limit in all.
  const swap = n(h.MemorySwap)
  if (swap && !(memory && swap === memory * 2)) out.memswap_limit = swap
  if (n(h.MemoryReservation)) out.mem_reservation = n(h.MemoryReservation)
  if (n(h.NanoCpus)) out.cpus = n(h.NanoCpus) / 1e9
  if (n(h.CpuShares)) out.cpu_shares = n(h.CpuShares)
  // Podman shows --cpus as a quota and period too; an engine takes one or the other.
  if (n(h.CpuQuota) && !n(h.NanoCpus)) out.cpu_quota = n(h.CpuQuota)
  if (n(h.CpuPeriod) && !n(h.NanoCpus)) out.cpu_period = n(h.CpuPeriod)
  if (h.CpusetCpus) out.cpuset = h.CpusetCpus
  // Podman's containers.conf gives every container a pids limit (2048) of its own.
  const pids = n(h.PidsLimit)
  if (pids > 0 && !(ctx.engine.kind === 'podman' && pids === 2048)) out.pids_limit = pids
  // On Podman a container without a limit was asked for none (the CLI sends 0); a request that names
  // none gets containers.conf's 2048, and Compose leaves a 0 out: -1 says "no limit" to both.
  if (ctx.engine.kind === 'podman' && pids <= 0) out.pids_limit = -1
  const ulimits = ((h.Ulimits ?? []) as { Name: string; Soft: number; Hard: number }[]).filter((u) => !PODMAN_ULIMITS.has(u.Name))
  if (ulimits.length) out.ulimits = Object.fromEntries(ulimits.map((u) => [u.Name, u.Soft === u.Hard ? u.Soft : { soft: u.Soft, hard: u.Hard }]))
  const shm = n(h.ShmSize)
  if (shm && shm !== ctx.engine.shmSize) out.shm_size = shm
  return out
}
