// `-p` rows as the CLI's port parser (go-connections/nat ParsePortSpec) reads them:
// `[ip:][hostPort:]containerPort[/proto]`, where both ports may be ranges of the same length, or a
// host range with one container port (the engine picks a free port in it).

export interface PortBinding {
  /** `80/tcp`: the key of ExposedPorts and PortBindings. */
  port: string
  proto: 'tcp' | 'udp' | 'sctp'
  hostIp: string
  /** Empty: the engine picks one. A range ("8000-8010") when the engine picks within it. */
  hostPort: string
}

type Range = { start: number; end: number }

function parseRange(text: string, what: string): Range | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text)
  if (!m) return `${what} "${text}" is not a port number or range`
  const start = Number(m[1])
  const end = m[2] === undefined ? start : Number(m[2])
  for (const n of [start, end]) if (n < 1 || n > 65535) return `${what} ${n} is not between 1 and 65535`
  if (end < start) return `${what} range "${text}" ends before it starts`
  return { start, end }
}

/** Splits `ip:host:container` with IPv6 addresses in brackets (`[::1]:8080:80`). */
function splitParts(raw: string): [string, string, string] | null {
  const bracket = /^\[([^\]]+)\]:([^:]*):([^:]+)$/.exec(raw)
  if (bracket) return [bracket[1] as string, bracket[2] as string, bracket[3] as string]
  const parts = raw.split(':')
  if (parts.length === 1) return ['', '', parts[0] as string]
  if (parts.length === 2) return ['', parts[0] as string, parts[1] as string]
  if (parts.length === 3) return parts as [string, string, string]
  return null
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const isIp = (ip: string) => IPV4.test(ip) || (/^[0-9A-Fa-f:.]+$/.test(ip) && ip.includes(':'))

export function parsePortRow(row: string): { bindings: PortBinding[] } | { error: string } {
  if (!row) return { error: 'is empty: write containerPort, hostPort:containerPort or ip:hostPort:containerPort' }
  const [spec = '', protoText, extra] = row.split('/')
  if (extra !== undefined) return { error: `"${row}" has more than one "/"` }
  const proto = (protoText ?? 'tcp').toLowerCase()
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return { error: `protocol "${protoText}" is not tcp, udp or sctp` }
  const parts = splitParts(spec)
  if (!parts) return { error: `"${row}" has too many ":" (ip:hostPort:containerPort at most; IPv6 addresses go in [ ])` }
  const [hostIp, hostText, containerText] = parts
  if (hostIp && !isIp(hostIp)) return { error: `"${hostIp}" is not an IP address` }
  if (!containerText) return { error: `"${row}" has no container port` }
  const container = parseRange(containerText, 'container port')
  if (typeof container === 'string') return { error: container }
  let host: Range | null = null
  if (hostText) {
    const parsed = parseRange(hostText, 'host port')
    if (typeof parsed === 'string') return { error: parsed }
    host = parsed
  }
  const count = container.end - container.start
  if (host && host.end - host.start !== count && count !== 0)
    return { error: `the host range ${hostText} and the container range ${containerText} are not the same length` }
  const bindings: PortBinding[] = []
  for (let i = 0; i <= count; i++) {
    let hostPort = host ? String(host.start + i) : ''
    // One container port and a host range: the engine picks a free port within the range.
    if (host && count === 0 && host.start !== host.end) hostPort = `${host.start}-${host.end}`
    bindings.push({ port: `${container.start + i}/${proto}`, proto, hostIp, hostPort })
  }
  return { bindings }
}
