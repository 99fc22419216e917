// The `docker run` flags beyond the everyday ones, in one table: each names its spec key, its CLI
// flag, its kind (a value, a repeated value, a switch), the form's group and label, and its check. The
// parser, the displayed line, the schema and the form all read this table, so a flag is added once.
// Values are kept as typed (`512m`, `1m30s`); main converts them when it builds the engine's options.
import { quoted } from '../echo'
import { durationNanos, sizeBytes } from './units'
import { parseMountFlag } from './mount-flag'
import { z } from 'zod'

export interface RunFlags {
  mount: string[]
  envFiles: string[]
  labelFiles: string[]
  hostname: string
  domainname: string
  addHost: string[]
  dns: string[]
  dnsSearch: string[]
  dnsOption: string[]
  networkAlias: string[]
  ip: string
  macAddress: string
  expose: string[]
  memory: string
  memoryReservation: string
  memorySwap: string
  cpus: string
  cpuShares: string
  cpusetCpus: string
  pidsLimit: string
  ulimit: string[]
  shmSize: string
  readOnly: boolean
  privileged: boolean
  capAdd: string[]
  capDrop: string[]
  securityOpt: string[]
  device: string[]
  groupAdd: string[]
  pid: string
  ipc: string
  userns: string
  init: boolean
  stopSignal: string
  stopTimeout: string
  healthCmd: string
  healthInterval: string
  healthTimeout: string
  healthRetries: string
  healthStartPeriod: string
  noHealthcheck: boolean
  logDriver: string
  logOpt: string[]
  platform: string
  pull: string
}

export type FlagKey = keyof RunFlags
export type FlagGroup = 'network' | 'limits' | 'security' | 'process' | 'other'
export type FlagKind = 'text' | 'list' | 'switch'

export interface FlagDef {
  key: FlagKey
  /** The long flag, without its dashes. */
  flag: string
  kind: FlagKind
  group: FlagGroup
  label: string
  placeholder?: string
  short?: string
  /** What is wrong with one value (a row of a list), or null. */
  check?: (value: string) => string | null
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const isIp = (v: string) => IPV4.test(v) || (/^[0-9a-fA-F:.]+$/.test(v) && v.includes(':'))
const noSpace = (what: string) => (v: string) => (v && !/\s/.test(v) ? null : `${quoted(v || '(empty)')} is not ${what}`)
const size = (v: string) => (sizeBytes(v) !== null ? null : `${quoted(v)} is not a size: a number with b, k, m or g (512m, 1g)`)
const integer = (min: number) => (v: string) => (/^-?\d+$/.test(v) && Number(v) >= min ? null : `${quoted(v)} is not a whole number${min >= 0 ? '' : ` of ${min} or more`}`)
const duration = (v: string) => {
  const n = durationNanos(v)
  return n === null ? `${quoted(v)} is not a duration (30s, 1m30s, 500ms)` : n < 0 ? `${quoted(v)} cannot be negative` : null
}
const oneOf = (names: string[], extra = '') => (v: string) => (names.includes(v) || (extra && v.startsWith(extra)) ? null : `${quoted(v)} is not ${[...names, ...(extra ? [`${extra}NAME`] : [])].join(', ')}`)
const absolute = (what: string) => (v: string) => (v.startsWith('/') ? null : `${quoted(v || '(empty)')} must be an absolute path to the ${what} (start with /): Berth has no current folder`)
const keyValue = (v: string) => (/^[^=\s]+=/.test(v) ? null : `${quoted(v)} is not key=value`)
const ULIMITS = ['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']

export const FLAGS: readonly FlagDef[] = [
  { key: 'mount', flag: 'mount', kind: 'list', group: 'other', label: 'Mounts', placeholder: 'type=volume,source=data,target=/data,volume-nocopy', check: (v) => { const p = parseMountFlag(v); return 'error' in p ? p.error : null } },
  { key: 'envFiles', flag: 'env-file', kind: 'list', group: 'other', label: 'Env files', placeholder: '/home/me/app.env', check: absolute('env file') },
  { key: 'labelFiles', flag: 'label-file', kind: 'list', group: 'other', label: 'Label files', placeholder: '/home/me/labels', check: absolute('label file') },
  { key: 'hostname', flag: 'hostname', short: 'h', kind: 'text', group: 'network', label: 'Hostname', placeholder: 'web', check: (v) => (/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(v) ? null : `${quoted(v)} is not a host name (letters, digits, . and -)`) },
  { key: 'domainname', flag: 'domainname', kind: 'text', group: 'network', label: 'Domain name', placeholder: 'example.test', check: noSpace('a domain name') },
  { key: 'addHost', flag: 'add-host', kind: 'list', group: 'network', label: 'Extra hosts', placeholder: 'db.local:10.0.0.5', check: (v) => { const at = v.indexOf(':'); const ip = v.slice(at + 1); return at > 0 && (isIp(ip) || ip === 'host-gateway') ? null : `${quoted(v)} is not host:ip (db.local:10.0.0.5)` } },
  { key: 'dns', flag: 'dns', kind: 'list', group: 'network', label: 'DNS servers', placeholder: '1.1.1.1', check: (v) => (isIp(v) ? null : `${quoted(v)} is not an IP address`) },
  { key: 'dnsSearch', flag: 'dns-search', kind: 'list', group: 'network', label: 'DNS search domains', placeholder: 'example.test', check: (v) => (v === '.' || /^\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) ? null : `${quoted(v)} is not a domain`) },
  { key: 'dnsOption', flag: 'dns-option', kind: 'list', group: 'network', label: 'DNS options', placeholder: 'ndots:2', check: noSpace('a resolver option') },
  { key: 'networkAlias', flag: 'network-alias', kind: 'list', group: 'network', label: 'Network aliases', placeholder: 'db', check: noSpace('an alias') },
  { key: 'ip', flag: 'ip', kind: 'text', group: 'network', label: 'IPv4 address', placeholder: '172.20.0.10', check: (v) => (IPV4.test(v) ? null : `${quoted(v)} is not an IPv4 address`) },
  { key: 'macAddress', flag: 'mac-address', kind: 'text', group: 'network', label: 'MAC address', placeholder: '02:42:ac:11:00:02', check: (v) => (/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(v) ? null : `${quoted(v)} is not a MAC address`) },
  { key: 'expose', flag: 'expose', kind: 'list', group: 'network', label: 'Exposed ports', placeholder: '8080, 9000-9002/udp', check: (v) => (/^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/.test(v) ? null : `${quoted(v)} is not a port or range (8080, 9000-9002/udp)`) },
  { key: 'memory', flag: 'memory', short: 'm', kind: 'text', group: 'limits', label: 'Memory', placeholder: '512m', check: size },
  { key: 'memoryReservation', flag: 'memory-reservation', kind: 'text', group: 'limits', label: 'Memory reservation', placeholder: '256m', check: size },
  { key: 'memorySwap', flag: 'memory-swap', kind: 'text', group: 'limits', label: 'Memory + swap', placeholder: '1g, or -1', check: (v) => (v === '-1' ? null : size(v)) },
  { key: 'cpus', flag: 'cpus', kind: 'text', group: 'limits', label: 'CPUs', placeholder: '1.5', check: (v) => (/^(\d+(\.\d*)?|\.\d+)$/.test(v) ? null : `${quoted(v)} is not a number of CPUs (0.5, 2)`) },
  { key: 'cpuShares', flag: 'cpu-shares', short: 'c', kind: 'text', group: 'limits', label: 'CPU shares', placeholder: '512', check: integer(0) },
  { key: 'cpusetCpus', flag: 'cpuset-cpus', kind: 'text', group: 'limits', label: 'CPU set', placeholder: '0-1', check: (v) => (/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(v) ? null : `${quoted(v)} is not a list of CPUs (0-3, 0,2)`) },
  { key: 'pidsLimit', flag: 'pids-limit', kind: 'text', group: 'limits', label: 'Process limit', placeholder: '100, or -1', check: integer(-1) },
  { key: 'ulimit', flag: 'ulimit', kind: 'list', group: 'limits', label: 'ulimits', placeholder: 'nofile=1024:2048', check: (v) => { const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(v); return !m ? `${quoted(v)} is not name=soft[:hard] (nofile=1024:2048)` : !ULIMITS.includes(m[1] as string) ? `${quoted(m[1] as string)} is not a ulimit (${ULIMITS.join(', ')})` : m[3] !== undefined && Number(m[2]) > Number(m[3]) && m[3] !== '-1' ? `${quoted(v)}: the soft limit is above the hard one` : null } },
  { key: 'shmSize', flag: 'shm-size', kind: 'text', group: 'limits', label: '/dev/shm size', placeholder: '64m', check: size },
  { key: 'readOnly', flag: 'read-only', kind: 'switch', group: 'security', label: 'Read-only root file system' },
  { key: 'privileged', flag: 'privileged', kind: 'switch', group: 'security', label: 'Privileged (every device and capability of the host)' },
  { key: 'capAdd', flag: 'cap-add', kind: 'list', group: 'security', label: 'Add capabilities', placeholder: 'NET_ADMIN', check: (v) => (/^[A-Za-z_]+$/.test(v) ? null : `${quoted(v)} is not a capability name (NET_ADMIN, ALL)`) },
  { key: 'capDrop', flag: 'cap-drop', kind: 'list', group: 'security', label: 'Drop capabilities', placeholder: 'ALL', check: (v) => (/^[A-Za-z_]+$/.test(v) ? null : `${quoted(v)} is not a capability name (NET_RAW, ALL)`) },
  { key: 'securityOpt', flag: 'security-opt', kind: 'list', group: 'security', label: 'Security options', placeholder: 'no-new-privileges, seccomp=unconfined', check: (v) => (v === 'no-new-privileges' || /^[a-z-]+[=:]./.test(v) ? (/^seccomp[=:](?!unconfined$)/.test(v) ? 'a seccomp profile file is not read by Berth: use seccomp=unconfined or leave it out' : null) : `${quoted(v)} is not key=value (label=disable, apparmor=unconfined)`) },
  { key: 'device', flag: 'device', kind: 'list', group: 'security', label: 'Devices', placeholder: '/dev/fuse, /dev/snd:/dev/snd:rw', check: (v) => { const [src = '', dst, perm] = v.split(':'); return !src.startsWith('/') ? `${quoted(v)} must start with the host's device path (/dev/…)` : dst !== undefined && !dst.startsWith('/') && !/^[rwm]+$/.test(dst) ? `${quoted(v)}: the container path must be absolute` : perm !== undefined && !/^[rwm]+$/.test(perm) ? `${quoted(v)}: permissions are r, w and m` : null } },
  { key: 'groupAdd', flag: 'group-add', kind: 'list', group: 'security', label: 'Extra groups', placeholder: 'audio, 1001', check: noSpace('a group') },
  { key: 'pid', flag: 'pid', kind: 'text', group: 'security', label: 'PID namespace', placeholder: 'host, container:NAME', check: oneOf(['host'], 'container:') },
  { key: 'ipc', flag: 'ipc', kind: 'text', group: 'security', label: 'IPC namespace', placeholder: 'private, shareable, host', check: oneOf(['none', 'private', 'shareable', 'host'], 'container:') },
  { key: 'userns', flag: 'userns', kind: 'text', group: 'security', label: 'User namespace', placeholder: 'host', check: oneOf(['host']) },
  { key: 'init', flag: 'init', kind: 'switch', group: 'process', label: 'Run an init as PID 1 (reaps zombies, forwards signals)' },
  { key: 'stopSignal', flag: 'stop-signal', kind: 'text', group: 'process', label: 'Stop signal', placeholder: 'SIGTERM', check: (v) => (/^(SIG)?[A-Z][A-Z0-9+-]*$|^\d+$/.test(v) ? null : `${quoted(v)} is not a signal (SIGINT, SIGQUIT, 3)`) },
  { key: 'stopTimeout', flag: 'stop-timeout', kind: 'text', group: 'process', label: 'Stop timeout (s)', placeholder: '10', check: integer(-1) },
  { key: 'healthCmd', flag: 'health-cmd', kind: 'text', group: 'process', label: 'Health command', placeholder: 'curl -f http://localhost/ || exit 1' },
  { key: 'healthInterval', flag: 'health-interval', kind: 'text', group: 'process', label: 'Interval', placeholder: '30s', check: duration },
  { key: 'healthTimeout', flag: 'health-timeout', kind: 'text', group: 'process', label: 'Timeout', placeholder: '30s', check: duration },
  { key: 'healthRetries', flag: 'health-retries', kind: 'text', group: 'process', label: 'Retries', placeholder: '3', check: integer(0) },
  { key: 'healthStartPeriod', flag: 'health-start-period', kind: 'text', group: 'process', label: 'Start period', placeholder: '0s', check: duration },
  { key: 'noHealthcheck', flag: 'no-healthcheck', kind: 'switch', group: 'process', label: "Turn off the image's health check" },
  { key: 'logDriver', flag: 'log-driver', kind: 'text', group: 'other', label: 'Log driver', placeholder: 'json-file, local, none', check: (v) => (/^[A-Za-z0-9][A-Za-z0-9_./:-]*$/.test(v) ? null : `${quoted(v)} is not a log driver name`) },
  { key: 'logOpt', flag: 'log-opt', kind: 'list', group: 'other', label: 'Log options', placeholder: 'max-size=10m', check: keyValue },
  { key: 'platform', flag: 'platform', kind: 'text', group: 'other', label: 'Platform', placeholder: 'linux/amd64', check: (v) => (/^[a-z0-9]+(\/[a-z0-9_]+){0,2}$/.test(v) ? null : `${quoted(v)} is not os[/arch[/variant]] (linux/arm64)`) },
  { key: 'pull', flag: 'pull', kind: 'text', group: 'other', label: 'Pull', placeholder: 'missing, always, never', check: oneOf(['missing', 'always', 'never']) },
]

export const FLAG_BY_NAME: ReadonlyMap<string, FlagDef> = new Map(FLAGS.map((d) => [d.flag, d]))
export const FLAG_BY_SHORT: ReadonlyMap<string, FlagDef> = new Map(FLAGS.filter((d) => d.short).map((d) => [d.short as string, d]))

export const emptyRunFlags = (): RunFlags => {
  const out: Record<string, unknown> = {}
  for (const d of FLAGS) out[d.key] = d.kind === 'list' ? [] : d.kind === 'switch' ? false : ''
  return out as unknown as RunFlags
}

/** Whether a flag is set in the spec (a value, a row, a switch on). */
export const flagUsed = (flags: RunFlags, d: FlagDef): boolean => {
  const v = flags[d.key]
  return Array.isArray(v) ? v.length > 0 : Boolean(v)
}

/** Problems with the flags, each with its key and row, checked as main checks them. */
export function flagProblems(flags: RunFlags): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = []
  for (const d of FLAGS) {
    const v = flags[d.key]
    if (!d.check) continue
    if (Array.isArray(v)) v.forEach((row, i) => { const p = d.check?.(row); if (p) out.push({ path: [d.key, i], message: p }) })
    else if (typeof v === 'string' && v !== '') { const p = d.check(v); if (p) out.push({ path: [d.key], message: p }) }
  }
  const health = flags.healthCmd || flags.healthInterval || flags.healthTimeout || flags.healthRetries || flags.healthStartPeriod
  if (flags.noHealthcheck && health) out.push({ path: ['noHealthcheck'], message: '--no-healthcheck cannot go with --health-* settings' })
  if (flags.logDriver === 'none' && flags.logOpt.length) out.push({ path: ['logOpt'], message: 'the "none" log driver takes no options' })
  return out
}

/** The flags' part of the run spec's schema: each value a bounded string, row list or switch. */
export const flagsShape = Object.fromEntries(
  FLAGS.map((d) => [d.key, d.kind === 'list' ? z.array(z.string().max(65536)).max(200) : d.kind === 'switch' ? z.boolean() : z.string().max(65536)]),
) as { [K in FlagKey]: RunFlags[K] extends string[] ? z.ZodArray<z.ZodString> : RunFlags[K] extends boolean ? z.ZodBoolean : z.ZodString }
