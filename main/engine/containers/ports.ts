// Ports as `docker container inspect` holds them twice: what `-p`/`-P` asked (HostConfig) and what
// the engine published (NetworkSettings). They differ for reasons a newcomer cannot see from either
// alone (no network, the host's network, a stopped container, an engine without a bridge), so the
// page shows both and says why.
import type Dockerode from 'dockerode'
import type { PortBinding } from '@common/contract/containers'

type HostBindings = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>

const list = <T>(value: T[] | null | undefined): T[] => value ?? []

/** One `-p` binding as the user wrote its host side: `8080`, `127.0.0.1:8080`, `127.0.0.1:` (any port there), `any port`. */
function askedText(b: { HostIp?: string; HostPort?: string }): string {
  const port = b.HostPort ?? ''
  if (b.HostIp) return `${b.HostIp}:${port}`
  return port || 'any port'
}

export function portsOf(info: Dockerode.ContainerInspectInfo): PortBinding[] {
  const published = (info.NetworkSettings?.Ports ?? {}) as HostBindings
  const asked = (info.HostConfig?.PortBindings ?? {}) as HostBindings
  const exposed = Object.keys((info.Config?.ExposedPorts ?? {}) as Record<string, unknown>)
  const publishAll = info.HostConfig?.PublishAllPorts === true
  const names = [...new Set([...Object.keys(published), ...Object.keys(asked), ...exposed])].sort()
  return names.map((container) => {
    const byP = list(asked[container]).map(askedText)
    return {
      container,
      host: list(published[container]).map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`),
      asked: byP.length ? byP : publishAll ? ['any port (-P)'] : [],
    }
  })
}

/** Why ports that were asked for are not published, or undefined when nothing asked is missing. */
export function portsNote(info: Dockerode.ContainerInspectInfo, ports: PortBinding[]): string | undefined {
  const missing = ports.filter((p) => p.asked.length && !p.host.length)
  if (!missing.length) return undefined
  const mode = info.HostConfig?.NetworkMode ?? ''
  const these = missing.length === 1 ? `${missing[0]!.container} was asked to be published but is not` : `${missing.length} ports were asked to be published but are not`
  if (!info.State?.Running) return `${these}: the engine publishes a container's ports only while it runs.`
  if (mode === 'host') return `${these}: it uses the host's network (--network host), where the engine publishes nothing; it listens on the host's own ports, so -p has no effect.`
  if (mode === 'none') return `${these}: it has no network (--network none), so there is nothing to publish through. Run it on a bridge network to publish ports.`
  if (mode.startsWith('container:')) return `${these}: it shares another container's network (--network ${mode}), whose own -p decides what is published.`
  // A network the engine lacks is still named, with no id: the container is not on it.
  const networks = Object.entries(info.NetworkSettings?.Networks ?? {})
    .filter(([, n]) => n?.NetworkID)
    .map(([name]) => name)
  if (!networks.length) return `${these}: it is on no network, because the engine has no default bridge network (it was started without one, as dockerd --bridge=none does). Connect it to a bridge network, or run it on an engine with one.`
  return `${these}: the engine did not publish it on ${networks.join(', ')}.`
}
