// A published port as `docker ps` writes it, and the address a browser reaches it at. The link is an
// ordinary target=_blank link: in the desktop window it goes through main's link gate, which asks
// before opening anything but a documentation page, naming the host.
import type { PublishedPort } from '@common/contract/containers'

/** Bound to every address: reached through the engine's own machine. */
const ANY = new Set(['', '0.0.0.0', '::'])
const LOOPBACK = /^(127\.|::1$|localhost$)/

/** `8080→80/tcp`, `127.0.0.1:9000→90/udp`, or `53/tcp` when only exposed. */
export function portLabel(p: PublishedPort): string {
  const inside = `${p.containerPort}/${p.protocol}`
  if (!p.hostPort) return inside
  return `${p.hostIp && !ANY.has(p.hostIp) ? `${bracketed(p.hostIp)}:` : ''}${p.hostPort}→${inside}`
}

/**
 * The machine published ports live on, as a URL host: this one for a local socket (Docker Desktop,
 * Colima and Podman machines forward their ports to it), the engine's host for tcp:// and ssh://.
 */
export function engineMachine(engineHost: string | undefined): { host: string; local: boolean } {
  if (!engineHost || !/^(tcp|ssh|http|https):/i.test(engineHost)) return { host: 'localhost', local: true }
  try {
    const host = new URL(engineHost).hostname
    return host && !LOOPBACK.test(host.replace(/^\[|\]$/g, '')) ? { host, local: false } : { host: 'localhost', local: true }
  } catch {
    return { host: 'localhost', local: true }
  }
}

/**
 * Where a browser reaches a published TCP port, or null: UDP is not the web, a port that is only
 * exposed has no address, and one bound to the engine machine's loopback cannot be reached from here.
 */
export function portUrl(p: PublishedPort, engineHost: string | undefined): string | null {
  if (p.protocol !== 'tcp' || !p.hostPort) return null
  const machine = engineMachine(engineHost)
  let host = machine.host
  if (p.hostIp && !ANY.has(p.hostIp)) {
    if (LOOPBACK.test(p.hostIp) && !machine.local) return null
    host = bracketed(p.hostIp)
  }
  // The usual TLS ports get https; anything else is most likely plain http.
  const scheme = p.containerPort === 443 || p.containerPort === 8443 ? 'https' : 'http'
  return `${scheme}://${host}:${p.hostPort}/`
}

/** `host:port` as the inspect tab lists a binding (`0.0.0.0:8080`, `:::8080`), back into its parts. */
export function bindingOf(binding: string, container: string): PublishedPort | null {
  const at = binding.lastIndexOf(':')
  const [port, protocol = 'tcp'] = container.split('/')
  const hostPort = Number(binding.slice(at + 1))
  if (at < 0 || !Number.isInteger(hostPort) || hostPort <= 0) return null
  return { hostIp: binding.slice(0, at).replace(/^\[|\]$/g, ''), hostPort, containerPort: Number(port), protocol }
}

const bracketed = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip)
