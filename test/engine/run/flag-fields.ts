// The fields of `docker inspect` the flags of common/run/flags.ts set, on top of runFields (the
// everyday ones), made comparable. Everything normalised, and why, is here and nowhere else:
// - names and ids: the container's short id as its hostname, in HOSTNAME= and among its aliases;
//   anonymous volume names; the names given to rename (a volume or container the case made);
// - by API version: an engine of API 1.44 or later adds the container's host name to its aliases
//   on a network of the user's for a client of an older API (the 20.10 CLI speaks 1.41), not for
//   Berth's; both are reached by that name, through the alias or the engine's DNS names;
// - times and states: not read at all;
// - nothing else. Where an engine differs from the CLI on the same engine, the test says so.
import type Dockerode from 'dockerode'
import { runFields } from '../../env/cli-oracle'

export function flagFields(info: Dockerode.ContainerInspectInfo, rename: Record<string, string> = {}): Record<string, unknown> {
  const base = runFields(info, rename) as { Config: Record<string, unknown>; HostConfig: Record<string, unknown>; Mounts: unknown }
  const c = info.Config as unknown as Record<string, unknown>
  const h = info.HostConfig as unknown as Record<string, unknown>
  const shortId = info.Id.slice(0, 12)
  const named = (v: unknown) => (typeof v === 'string' ? (rename[v] ?? (/^[0-9a-f]{64}$/.test(v) ? '<anonymous>' : v)) : v)
  const networks = Object.fromEntries(
    Object.entries((info.NetworkSettings?.Networks ?? {}) as Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown }>).map(([name, n]) => [
      name,
      { Aliases: n.Aliases?.filter((a) => a !== shortId && a !== info.Id && a !== c.Hostname) ?? null, IPAMConfig: n.IPAMConfig ?? null },
    ]),
  )
  // Podman lists --mount volumes among the binds, by name.
  const binds = (base.HostConfig.Binds as string[] | null)?.map((b) => b.replace(/^[^:]+/, (n) => String(named(n)))).sort() ?? null
  const mounts = (base.Mounts as Array<Record<string, unknown>>).map((m) => ({ ...m, Name: named(m.Name) }))
  return {
    ...base,
    Mounts: mounts,
    Config: {
      ...base.Config,
      Hostname: c.Hostname === shortId ? '<id>' : c.Hostname,
      Domainname: c.Domainname,
      MacAddress: c.MacAddress,
      StopSignal: c.StopSignal,
      StopTimeout: c.StopTimeout,
      Healthcheck: c.Healthcheck,
    },
    HostConfig: {
      ...base.HostConfig,
      Binds: binds,
      ...Object.fromEntries(
        ['ExtraHosts', 'Dns', 'DnsSearch', 'DnsOptions', 'Memory', 'MemoryReservation', 'MemorySwap', 'NanoCpus', 'CpuShares', 'CpusetCpus', 'PidsLimit', 'Ulimits', 'ShmSize',
          'ReadonlyRootfs', 'Privileged', 'CapAdd', 'CapDrop', 'SecurityOpt', 'Devices', 'GroupAdd', 'PidMode', 'IpcMode', 'UsernsMode', 'Init', 'LogConfig'].map((k) => [k, h[k]]),
      ),
      Mounts: (h.Mounts as Array<Record<string, unknown>> | null)?.map((m) => ({ ...m, Source: named(m.Source) })) ?? null,
    },
    Networks: networks,
    Platform: (info as unknown as { Platform?: string }).Platform,
  }
}
