// Networks: what `docker network ls`, `inspect`, `create`, `rm` and `prune` do, plus the containers
// attached to each (running or not, with their addresses), so a refused removal can say who holds it.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { networkMembers, type MembersByNetwork } from './members'
import type { CreateNetworkInput, NetworkInspect, NetworkMember, NetworkPrunePreview, NetworkPruneResult, NetworkSummary } from '@common/contract/networks'

/** By code units, never by locale: the same order on every machine, as `docker network ls` sorts. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Made by the engine: Docker's three, and Podman's default network, which its Docker API calls bridge. */
const PREDEFINED = new Set(['bridge', 'host', 'none'])

export interface NetworkInfo {
  Name: string
  Id: string
  Created?: string
  Scope?: string
  Driver?: string
  EnableIPv6?: boolean
  Internal?: boolean
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> | null } | null
  Options?: Record<string, string> | null
  Labels?: Record<string, string> | null
}

function toSummary(info: NetworkInfo, members: MembersByNetwork): NetworkSummary {
  const created = info.Created ? Date.parse(info.Created) : NaN
  return {
    id: info.Id,
    name: info.Name,
    driver: info.Driver ?? '',
    scope: info.Scope ?? '',
    internal: info.Internal ?? false,
    ipv6: info.EnableIPv6 ?? false,
    // Podman 4.3 gives an internal network's missing gateway as "<nil>".
    subnets: (info.IPAM?.Config ?? []).map((c) => ({ subnet: c.Subnet ?? '', gateway: c.Gateway && c.Gateway !== '<nil>' ? c.Gateway : '' })),
    created: Number.isNaN(created) ? null : created,
    labels: info.Labels ?? {},
    predefined: PREDEFINED.has(info.Name),
    containers: members.of(info),
  }
}

export async function listNetworks(docker: Dockerode): Promise<NetworkSummary[]> {
  try {
    const [infos, members] = await Promise.all([docker.listNetworks() as Promise<NetworkInfo[]>, networkMembers(docker)])
    return infos.map((n) => toSummary(n, members)).sort((a, b) => byText(a.name, b.name))
  } catch (err) {
    throw toEngineError(err, { kind: 'network' })
  }
}

export async function inspectNetwork(docker: Dockerode, name: string): Promise<NetworkInspect> {
  try {
    const [info, members] = await Promise.all([docker.getNetwork(name).inspect() as Promise<NetworkInfo>, networkMembers(docker)])
    return { ...toSummary(info, members), options: info.Options ?? {}, raw: JSON.stringify(info, null, 2) }
  } catch (err) {
    throw toEngineError(err, { kind: 'network', ref: name })
  }
}

/** The body `docker network create` sends (20.10), so the engine makes the same network. */
export function createBody(input: CreateNetworkInput): Record<string, unknown> {
  const ipv6 = input.subnet?.includes(':') ?? false
  return {
    Name: input.name,
    CheckDuplicate: true,
    Driver: input.driver ?? 'bridge',
    Scope: '',
    EnableIPv6: ipv6,
    IPAM: {
      Driver: 'default',
      Config: input.subnet ? [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] : [],
      Options: {},
    },
    Internal: input.internal ?? false,
    Attachable: false,
    Ingress: false,
    ConfigOnly: false,
    ConfigFrom: null,
    Options: {},
    Labels: { ...input.labels },
  }
}

/** Like `docker network create`. An existing name is refused rather than reused. */
export async function createNetwork(docker: Dockerode, input: CreateNetworkInput): Promise<NetworkInspect> {
  const existing = (await docker.listNetworks().catch((err: unknown) => {
    throw toEngineError(err, { kind: 'network' })
  })) as NetworkInfo[]
  if (existing.some((n) => n.Name === input.name))
    throw new EngineError('conflict', `A network named "${input.name}" already exists. Pick another name, or use the existing one.`)
  let id: string
  try {
    id = (await docker.createNetwork(createBody(input) as unknown as Dockerode.NetworkCreateOptions)).id
  } catch (err) {
    throw createError(err, input)
  }
  return inspectNetwork(docker, id)
}

/** The engines' words for a refused create, turned into what to do about it. */
function createError(err: unknown, input: CreateNetworkInput): EngineError {
  const error = toEngineError(err, { kind: 'network', ref: input.name })
  if (/overlaps|already used on the host/i.test(error.message))
    return new EngineError('conflict', `The subnet ${input.subnet ?? ''} overlaps another network's: pick another range (docker network inspect shows theirs).`)
  if (/already exists|already used/i.test(error.message)) return new EngineError('conflict', `A network named "${input.name}" already exists. Pick another name, or use the existing one.`)
  return error
}

function inUseError(name: string, users: NetworkMember[]): EngineError {
  const names = users.map((u) => `${u.name}${u.running ? ' (running)' : ''}`)
  const one = names.length === 1
  return new EngineError(
    'in-use',
    `Network "${name}" is in use by ${one ? 'container' : 'containers'} ${names.join(', ')}. Disconnect ${one ? 'it' : 'them'} (docker network disconnect ${name} <container>) or remove ${one ? 'it' : 'them'} first.`,
  )
}

/** What the engine says about a network in use: Docker's "has active endpoints", Podman's "is being used". */
const IN_USE = /active endpoints|being used|associated containers/i

/** Like `docker network rm`: refused while the engine counts containers on it, naming them. */
export async function removeNetwork(docker: Dockerode, name: string): Promise<void> {
  const network = await inspectNetwork(docker, name)
  if (network.predefined) throw new EngineError('conflict', `"${network.name}" is made by the engine itself and cannot be removed.`)
  const users = network.containers.filter((c) => c.inUse)
  if (users.length) throw inUseError(network.name, users)
  try {
    await docker.getNetwork(network.id).remove()
  } catch (err) {
    const error = toEngineError(err, { kind: 'network', ref: network.name })
    // A container that joined it between our look and the removal.
    if (IN_USE.test(error.message) || error.code === 'in-use') {
      const now = await inspectNetwork(docker, network.id).catch(() => null)
      const holders = now?.containers.filter((c) => c.inUse) ?? []
      if (holders.length) throw inUseError(network.name, holders)
      throw new EngineError('in-use', `Network "${network.name}" is in use: ${error.message}`)
    }
    throw error
  }
}

/** What `docker network prune` would remove now: the networks the engine made for no one that no container uses. */
export async function previewNetworkPrune(docker: Dockerode): Promise<NetworkPrunePreview> {
  const networks = await listNetworks(docker)
  return { networks: networks.filter((n) => !n.predefined && n.scope !== 'swarm' && !n.containers.some((c) => c.inUse)).map((n) => n.name) }
}

/**
 * Removes exactly the networks the user confirmed (from the preview) that are still unused: one a
 * container joined after the preview is never removed behind the user's back.
 */
export async function pruneNetworks(docker: Dockerode, names: string[]): Promise<NetworkPruneResult> {
  const result: NetworkPruneResult = { removed: [], kept: [] }
  for (const name of names) {
    try {
      await removeNetwork(docker, name)
      result.removed.push(name)
    } catch (err) {
      result.kept.push({ name, reason: toEngineError(err, { kind: 'network', ref: name }).message })
    }
  }
  return result
}
