// The containers on each network, from one container list (`docker ps -a`'s answer carries each
// container's networks): Docker's network list leaves its Containers empty, and inspecting every
// network would cost a call each. Stopped containers are members too: they join at their next start.
import type Dockerode from 'dockerode'
import { containerName } from '../containers/containers'
import { isHelper } from '../volumes/helper-image'
import { engineKindOf } from '../engine-product'
import type { NetworkMember } from '@common/contract/networks'

interface EndpointSettings {
  NetworkID?: string
  EndpointID?: string
  IPAddress?: string
  IPPrefixLen?: number
  GlobalIPv6Address?: string
  GlobalIPv6PrefixLen?: number
  MacAddress?: string
}

export interface MembersByNetwork {
  of(network: { Name: string; Id: string }): NetworkMember[]
}

const withPrefix = (address: string | undefined, prefix: number | undefined): string => (address ? `${address}/${prefix ?? 0}` : '')

export async function networkMembers(docker: Dockerode): Promise<MembersByNetwork> {
  const [containers, kind] = await Promise.all([docker.listContainers({ all: true, size: false }), engineKindOf(docker)])
  const podman = kind === 'podman'
  const byName = new Map<string, Array<NetworkMember & { networkId: string }>>()
  for (const c of containers) {
    if (isHelper(c.Labels)) continue
    const networks = (c.NetworkSettings?.Networks ?? {}) as Record<string, EndpointSettings>
    for (const [key, e] of Object.entries(networks)) {
      // Podman's Docker API lists its default network as bridge, and a container on it under "podman".
      const name = podman && key === 'podman' ? 'bridge' : key
      const members = byName.get(name) ?? []
      members.push({
        id: c.Id,
        name: containerName(c),
        running: c.State === 'running',
        ipv4: withPrefix(e.IPAddress, e.IPPrefixLen),
        ipv6: withPrefix(e.GlobalIPv6Address, e.GlobalIPv6PrefixLen),
        mac: e.MacAddress ?? '',
        // Docker refuses `network rm` only for endpoints (running containers); Podman for any container.
        inUse: podman || !!e.EndpointID,
        networkId: e.NetworkID ?? '',
      })
      byName.set(name, members)
    }
  }
  return {
    of: (network) =>
      (byName.get(network.Name) ?? [])
        // A stopped container on Docker keeps a network's name after that network was removed and made again.
        .filter((m) => !m.networkId || m.networkId === network.Id || m.networkId === network.Name || podman)
        .map(({ networkId: _, ...member }) => member)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }
}
