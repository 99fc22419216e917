// The flags of flags.ts in the engine's terms, as the docker 20.10 CLI sends them
// (cli/command/container/opts.go): sizes and durations turned into numbers, capabilities written
// devices and ulimits split, --mount parsed, health settings gathered, only what was given.
import { parseMountFlag, type EngineMount } from '@common/run/mount-flag'
import { durationNanos, sizeBytes } from '@common/run/units'
import type { RunSpec } from '@common/run/spec'
import { emptyRecord } from '@common/exact-record'

const size = (v: string) => (v ? (sizeBytes(v) ?? undefined) : undefined)
const list = (v: string[]) => (v.length ? [...v] : undefined)
const nanos = (v: string) => (v ? (durationNanos(v) ?? 0) : 0)

/** `src[:dst][:perms]`, as opts.parseDevice reads it (rwm unless told). */
export function deviceOf(v: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const parts = v.split(':')
  const src = parts[0] as string
  let dst = src
  let perms = 'rwm'
  if (parts.length === 3) [dst, perms] = [parts[1] as string, parts[2] as string]
  else if (parts.length === 2) {
    if (/^[rwm]+$/.test(parts[1] as string)) perms = parts[1] as string
    else dst = parts[1] as string
  }
  return { PathOnHost: src, PathInContainer: dst, CgroupPermissions: perms }
}

/** `name=soft[:hard]` (go-units ParseUlimit: hard is soft when not given). */
export function ulimitOf(v: string): { Name: string; Soft: number; Hard: number } {
  const [name = '', limits = ''] = v.split('=')
  const [soft = '0', hard = soft] = limits.split(':')
  return { Name: name, Soft: Number(soft), Hard: Number(hard) }
}

const keyValues = (rows: string[]) => {
  const out = emptyRecord<string>()
  for (const row of rows) {
    const at = row.indexOf('=')
    out[row.slice(0, at)] = row.slice(at + 1)
  }
  return out
}

export interface FlagOptions {
  config: Record<string, unknown>
  host: Record<string, unknown>
  exposed: string[]
  /** The endpoint on the spec's network (aliases, address), when there is one. */
  endpoint?: Record<string, unknown>
}

export function flagOptions(spec: RunSpec): FlagOptions {
  const health = spec.healthCmd || spec.healthInterval || spec.healthTimeout || spec.healthRetries || spec.healthStartPeriod
  const healthcheck = spec.noHealthcheck
    ? { Test: ['NONE'] }
    : health
      ? {
          ...(spec.healthCmd ? { Test: ['CMD-SHELL', spec.healthCmd] } : {}),
          Interval: nanos(spec.healthInterval),
          Timeout: nanos(spec.healthTimeout),
          StartPeriod: nanos(spec.healthStartPeriod),
          Retries: spec.healthRetries ? Number(spec.healthRetries) : 0,
        }
      : undefined
  const mounts: EngineMount[] = []
  for (const row of spec.mount) {
    const parsed = parseMountFlag(row)
    if ('mount' in parsed) mounts.push(parsed.mount)
  }
  const exposed: string[] = []
  for (const row of spec.expose) {
    const [ports = '', proto = 'tcp'] = row.split('/')
    const [first = '', last = first] = ports.split('-')
    for (let p = Number(first); p <= Number(last); p++) exposed.push(`${p}/${proto}`)
  }
  const logOpts = keyValues(spec.logOpt)
  const config = {
    ...(spec.hostname ? { Hostname: spec.hostname } : {}),
    ...(spec.domainname ? { Domainname: spec.domainname } : {}),
    ...(spec.macAddress ? { MacAddress: spec.macAddress } : {}),
    ...(spec.stopSignal ? { StopSignal: spec.stopSignal } : {}),
    ...(spec.stopTimeout ? { StopTimeout: Number(spec.stopTimeout) } : {}),
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
  }
  const host = {
    ExtraHosts: list(spec.addHost),
    // The CLI sends these four as lists even when empty (inspect shows [] rather than null).
    Dns: [...spec.dns],
    DnsSearch: [...spec.dnsSearch],
    DnsOptions: [...spec.dnsOption],
    Memory: size(spec.memory),
    MemoryReservation: size(spec.memoryReservation),
    MemorySwap: spec.memorySwap === '-1' ? -1 : size(spec.memorySwap),
    NanoCpus: spec.cpus ? Math.round(Number(spec.cpus) * 1e9) : undefined,
    CpuShares: spec.cpuShares ? Number(spec.cpuShares) : undefined,
    CpusetCpus: spec.cpusetCpus || undefined,
    // The CLI always sends it, 0 when not given: Docker reads 0 as no limit, Podman as no limit too
    // (left out, Podman would apply its containers.conf default of 2048).
    PidsLimit: spec.pidsLimit ? Number(spec.pidsLimit) : 0,
    Ulimits: spec.ulimit.length ? spec.ulimit.map(ulimitOf) : undefined,
    ShmSize: size(spec.shmSize),
    ReadonlyRootfs: spec.readOnly || undefined,
    Privileged: spec.privileged || undefined,
    // As typed: the 20.10 CLI neither adds CAP_ nor changes the case (the engine reads both spellings).
    CapAdd: list(spec.capAdd),
    CapDrop: list(spec.capDrop),
    SecurityOpt: list(spec.securityOpt),
    Devices: spec.device.map(deviceOf),
    GroupAdd: list(spec.groupAdd),
    PidMode: spec.pid || undefined,
    IpcMode: spec.ipc || undefined,
    UsernsMode: spec.userns || undefined,
    // Only when given: without it the engine's default (daemon.json "init") applies.
    ...(spec.init ? { Init: true } : {}),
    ...(spec.logDriver || spec.logOpt.length ? { LogConfig: { Type: spec.logDriver, Config: logOpts } } : {}),
    Mounts: mounts.length ? mounts : undefined,
  }
  // The MAC address also goes on the endpoint: since API 1.44 engines read it there (Podman ignores
  // Config.MacAddress from a client of the newest API), and older ones read Config's.
  const endpoint = spec.networkAlias.length || spec.ip || spec.macAddress
    ? {
        ...(spec.networkAlias.length ? { Aliases: [...spec.networkAlias] } : {}),
        ...(spec.ip ? { IPAMConfig: { IPv4Address: spec.ip } } : {}),
        ...(spec.macAddress ? { MacAddress: spec.macAddress } : {}),
      }
    : undefined
  return { config, host: Object.fromEntries(Object.entries(host).filter(([, v]) => v !== undefined)), exposed, ...(endpoint ? { endpoint } : {}) }
}
