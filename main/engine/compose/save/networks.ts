// A container's network in Compose's words. `none`, `host` and another container's namespace are a
// `network_mode`; the engine's default bridge is `network_mode: bridge` (a service left without one
// would join a new project network instead); user networks are `networks:` with the aliases and the
// static address given, and go to the top level as external networks (see save.ts).
import { containerRefOf, type SaveContext, type SavedContainer, type ServiceModel } from './model'

interface Endpoint {
  Aliases?: string[] | null
  IPAMConfig?: { IPv4Address?: string } | null
}

export function networkOptions(saved: SavedContainer, service: string, ctx: SaveContext): ServiceModel {
  const { info } = saved
  const mode = info.HostConfig.NetworkMode ?? 'default'
  if (mode === 'none' || mode === 'host') return { network_mode: mode }
  if (mode.startsWith('container:')) {
    const ref = containerRefOf(ctx, mode.slice('container:'.length))
    return { network_mode: 'service' in ref ? `service:${ref.service}` : `container:${ref.container}` }
  }
  const attached = (info.NetworkSettings?.Networks ?? {}) as Record<string, Endpoint>
  // Podman says `bridge` for a container on any of its networks, and names its default one `podman`.
  const own = (name: string) => name !== 'bridge' && !(ctx.engine.kind === 'podman' && name === 'podman')
  const names = Object.keys(attached).length ? Object.keys(attached) : [mode]
  if (!names.some(own)) return { network_mode: 'bridge' }
  const networks: Record<string, Record<string, unknown> | null> = {}
  const shortId = info.Id.slice(0, 12)
  for (const name of names.sort()) {
    if (!own(name)) {
      ctx.notes.push(`${service}: it is also on the engine's default network, which a service on other networks cannot join`)
      continue
    }
    ctx.networks.set(name, name)
    const endpoint = attached[name] ?? {}
    // The engine adds the container's short id as an alias on every user network by itself.
    const aliases = (endpoint.Aliases ?? []).filter((a) => a !== shortId)
    const settings: Record<string, unknown> = {}
    if (aliases.length) settings.aliases = aliases
    if (endpoint.IPAMConfig?.IPv4Address) settings.ipv4_address = endpoint.IPAMConfig.IPv4Address
    networks[name] = Object.keys(settings).length ? settings : null
  }
  return { networks }
}
