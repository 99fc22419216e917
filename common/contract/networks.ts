// The networks domain: `docker network ls / inspect / create / rm / prune / connect / disconnect`.
import { z } from 'zod'
import type { ListChange, ListSnapshot } from '../live-list'
import { exactRecord } from '../exact-record'
import { isCidr, isIpAddress, subnetHolds } from '../cidr'
import { call, event } from './spec'
import { containerRef, noInput } from './shared'

/**
 * A network name as Podman and Compose accept it (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`). Docker 20.10 takes
 * more (spaces, even), but such a name cannot be written in a compose file nor moved to Podman.
 */
export const networkName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'is longer than 255 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a network name (letters, digits, _ . -; starting with a letter or digit)')

/** A network as `docker network` commands take it: its name, or its id (full or short). */
export const networkRef = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a network name or id')

/** The drivers a network can be created with on one engine (overlay needs a swarm, which Berth does not run). */
export const NETWORK_DRIVERS = ['bridge', 'macvlan', 'ipvlan'] as const
export type NetworkDriver = (typeof NETWORK_DRIVERS)[number]

/** `--network-alias`: other names the container answers to on this network. */
const alias = z
  .string()
  .min(1, 'must not be empty')
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a DNS name (letters, digits, _ . -)')

export const createNetworkInput = z
  .strictObject({
    name: networkName,
    driver: z.enum(NETWORK_DRIVERS, { message: `is not a driver Berth can create a network with: ${NETWORK_DRIVERS.join(', ')}` }).optional(),
    /** `--subnet`: a CIDR, such as 10.20.0.0/16 or fd00:1::/64. */
    subnet: z.string().max(64).refine(isCidr, 'is not a subnet in CIDR form, such as 10.20.0.0/16 (an address with no host bits set, then /prefix)').optional(),
    /** `--gateway`: an address inside the subnet. */
    gateway: z.string().max(64).refine(isIpAddress, 'is not an IP address, such as 10.20.0.1').optional(),
    /** `--internal`: no route out of the network. */
    internal: z.boolean().optional(),
    labels: exactRecord(
      z.string().min(1, 'must not be empty').max(255).regex(/^[^=\s]+$/, 'must not contain "=" or spaces'),
      z.string().max(4096),
      64,
      'labels',
    ).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.gateway === undefined || input.subnet === undefined) {
      if (input.gateway !== undefined) ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'needs a subnet to be in (docker network create refuses --gateway without --subnet)' })
      return
    }
    if (isCidr(input.subnet) && isIpAddress(input.gateway) && !subnetHolds(input.subnet, input.gateway))
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: `is not inside the subnet ${input.subnet}` })
  })
export type CreateNetworkInput = z.input<typeof createNetworkInput>

/** A container on a network: on Docker, a running one has an endpoint (and addresses); a stopped one keeps only its settings. */
export interface NetworkMember {
  id: string
  name: string
  running: boolean
  /** With its prefix, `172.18.0.2/16`, as `docker network inspect` shows it; empty while it has no endpoint. */
  ipv4: string
  ipv6: string
  mac: string
  /**
   * Whether the engine counts it as using the network, so that `docker network rm` refuses and
   * `docker network prune` keeps it: on Docker a container with an endpoint (running), on Podman any.
   */
  inUse: boolean
}

export interface NetworkSubnet {
  subnet: string
  gateway: string
}

export interface NetworkSummary {
  id: string
  name: string
  driver: string
  /** `local` for a single engine's networks; `swarm` or `global` otherwise. */
  scope: string
  internal: boolean
  ipv6: boolean
  subnets: NetworkSubnet[]
  /** Milliseconds since the epoch, when the engine says. */
  created: number | null
  labels: Record<string, string>
  /** Made by the engine itself (bridge, host, none; Podman's podman): never removed, never pruned. */
  predefined: boolean
  containers: NetworkMember[]
}

/** `docker network inspect`: the summary, the driver's options, and the engine's whole answer. */
export interface NetworkInspect extends NetworkSummary {
  options: Record<string, string>
  raw: string
}

/** What `docker network prune` would remove now. */
export interface NetworkPrunePreview {
  networks: string[]
}

export interface NetworkPruneResult {
  removed: string[]
  /** Listed in the preview but kept: a container joined it (or it went) since. */
  kept: Array<{ name: string; reason: string }>
}

/** The label Compose puts on the networks it makes for a project, as on its containers. */
export { COMPOSE_PROJECT_LABEL } from './plain'

export const networks = {
  calls: {
    /** The list as Berth keeps it from the engine's events (`docker network ls`), with its version. */
    list: call<ListSnapshot<NetworkSummary>>()(noInput),
    /** Lists again now: Podman 4.3 sends no event when another tool creates or removes a network. */
    refresh: call<ListSnapshot<NetworkSummary>>()(noInput),
    inspect: call<NetworkInspect>()(z.strictObject({ name: networkRef })),
    create: call<NetworkInspect>()(createNetworkInput),
    /** Refused (in-use) while containers are attached, naming them. */
    remove: call<void>()(z.strictObject({ name: networkRef })),
    /** What a prune would remove now, for the confirmation. */
    prunePreview: call<NetworkPrunePreview>()(noInput),
    /** Removes the confirmed networks that are still unused; never more than the user saw. */
    prune: call<NetworkPruneResult>()(z.strictObject({ names: z.array(networkRef).max(10_000) })),
    connect: call<void>()(z.strictObject({ network: networkRef, container: containerRef, aliases: z.array(alias).max(32).optional() })),
    disconnect: call<void>()(z.strictObject({ network: networkRef, container: containerRef, force: z.boolean().optional() })),
  },
  events: {
    changed: event<ListChange<NetworkSummary>>(),
  },
}
