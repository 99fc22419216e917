// The oracle of "Save as compose": Debian's docker-compose 1.29 brings the saved file up in a new
// project on the same engine, and each new container's `docker inspect` is compared with the
// original's, field by field, apart from what Compose sets by design (named at savedFields).
import { execFile } from 'node:child_process'
import type Dockerode from 'dockerode'

export const DOCKER_COMPOSE = '/usr/bin/docker-compose'

/** docker-compose with these arguments against the engine at `host`; resolves with its output, rejects with it. */
export function compose(host: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(DOCKER_COMPOSE, args, { env: { ...process.env, ...env, DOCKER_HOST: host }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker-compose ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(`${stdout}${stderr}`)
    })
  })
}

const sortedKeys = (o: unknown) => (o && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(Object.keys(o).sort().map((k) => [k, (o as Record<string, unknown>)[k]])) : o)
/** Empty and absent are the same: the CLI sends [] where docker-py sends nothing. */
const orNull = (v: unknown) => (v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && Object.keys(v).length === 0) ? null : v)
/** Without empty objects and lists, at any depth: the CLI sends `DriverConfig: {}` where docker-py sends none. */
const pruned = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(pruned)
  if (!v || typeof v !== 'object') return v
  const kept = Object.entries(v).map(([k, x]) => [k, pruned(x)] as const).filter(([, x]) => orNull(x) !== null || x === false || x === 0)
  return Object.fromEntries(kept)
}
const withoutRw = (mode: string) => mode.split(',').filter((o) => o && o !== 'rw').join(',')

/**
 * The fields of a container's inspect a saved compose file must reproduce. `service` names the
 * referenced containers (--volumes-from, by name or id) by the service they are saved as. What
 * Compose sets by design is left out of the comparison or compared as equal:
 * - the container's name (<project>_<service>_1) and its com.docker.compose.* labels;
 * - Config.Volumes, where Compose declares every short-syntax mount's target (docker run only the
 *   anonymous ones): the Mounts, compared, are what the container gets;
 * - the mode `rw` Compose writes into every bind and --volumes-from (the default), and the SELinux
 *   mode `z` Docker reports for a named volume given no mode, which Compose gives `rw`;
 * - --volumes-from and --network container: by container id, where docker run keeps the name given;
 * - the order of --mount rows; the restart policy "" where the CLI sends "no" (both: none);
 * - NetworkMode `default`, Docker's word for its bridge, which Compose names `bridge`;
 * - PidsLimit -1 from a compose file where the CLI sends 0 (both: no limit);
 * - the service name Compose adds as an alias on each network;
 * - empty and absent alike: the CLI sends [] and {} (DriverConfig) where docker-py sends nothing.
 */
export async function savedFields(docker: Dockerode, info: Dockerode.ContainerInspectInfo, service: (name: string) => string): Promise<Record<string, unknown>> {
  const c = info.Config as unknown as Record<string, unknown>
  const h = info.HostConfig as unknown as Record<string, unknown>
  const shortId = info.Id.slice(0, 12)
  const anon = (s: string) => (/^[0-9a-f]{64}$/.test(s) ? '<anonymous>' : s)
  const labels = Object.fromEntries(Object.entries((c.Labels ?? {}) as Record<string, string>).filter(([k]) => !k.startsWith('com.docker.compose.')).sort())
  const refName = async (ref: string) => {
    const other = await docker.getContainer(ref).inspect().catch(() => null)
    return service(other ? other.Name.replace(/^\//, '') : ref)
  }
  const volumesFrom = await Promise.all(((h.VolumesFrom ?? []) as string[]).map(async (v) => {
    const [ref = '', mode = ''] = v.split(':')
    return [await refName(ref), withoutRw(mode)].filter(Boolean).join(':')
  }))
  const networks = (info.NetworkSettings?.Networks ?? {}) as Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown }>
  const ownName = service(info.Name.replace(/^\//, ''))
  // In another container's network namespace, Docker gives the host name of that container (its short id).
  const mode = String(h.NetworkMode)
  const hostOf = mode.startsWith('container:') ? (await docker.getContainer(mode.slice(10)).inspect().catch(() => null))?.Id.slice(0, 12) : shortId
  return {
    Config: {
      Image: c.Image,
      Cmd: c.Cmd,
      Entrypoint: c.Entrypoint,
      Env: ((c.Env ?? []) as string[]).map((e) => (/^HOSTNAME=[0-9a-f]{12}$/.test(e) ? 'HOSTNAME=<id>' : e)).sort(),
      ExposedPorts: sortedKeys(c.ExposedPorts),
      Tty: c.Tty,
      OpenStdin: c.OpenStdin,
      WorkingDir: c.WorkingDir,
      User: c.User,
      Labels: labels,
      Hostname: c.Hostname === hostOf || c.Hostname === shortId ? '<id>' : c.Hostname,
      Domainname: orNull(c.Domainname),
      StopSignal: orNull(c.StopSignal),
      StopTimeout: orNull(c.StopTimeout),
      Healthcheck: orNull(c.Healthcheck),
    },
    HostConfig: {
      Binds: ((h.Binds ?? []) as string[]).map((b) => {
        const [source = '', target = '', mode = ''] = b.split(':')
        return [anon(source), target, withoutRw(mode)].filter(Boolean).join(':')
      }).sort(),
      PortBindings: orNull(sortedKeys(h.PortBindings)),
      VolumesFrom: orNull(volumesFrom.sort()),
      // Compose sends no policy for none, which the engine keeps as ""; the CLI sends "no".
      RestartPolicy: { ...(h.RestartPolicy as object), Name: (h.RestartPolicy as { Name?: string } | undefined)?.Name || 'no' },
      // `default` is Docker's word for its bridge when none is named; Compose names it. Another
      // container's namespace is named by its service, as --volumes-from.
      NetworkMode: h.NetworkMode === 'default' ? 'bridge' : String(h.NetworkMode).startsWith('container:') ? `container:${await refName(String(h.NetworkMode).slice(10))}` : h.NetworkMode,
      Tmpfs: orNull(h.Tmpfs),
      // Compose orders --mount rows its own way; the order changes nothing.
      Mounts: orNull(pruned(((h.Mounts ?? []) as { Target: string }[]).slice().sort((a, b) => a.Target.localeCompare(b.Target)))),
      // No pids limit: 0 from the CLI, -1 from a compose file (Podman would give a request without one its own 2048).
      PidsLimit: h.PidsLimit === -1 ? 0 : orNull(h.PidsLimit),
      ...Object.fromEntries(
        ['Memory', 'MemorySwap', 'MemoryReservation', 'NanoCpus', 'CpuShares', 'CpuQuota', 'CpuPeriod', 'CpusetCpus', 'Ulimits', 'ShmSize', 'CapAdd', 'CapDrop', 'SecurityOpt', 'Privileged', 'ReadonlyRootfs', 'Devices', 'ExtraHosts', 'Dns', 'DnsSearch', 'DnsOptions', 'Init', 'LogConfig', 'PidMode', 'IpcMode', 'GroupAdd', 'Sysctls', 'AutoRemove'].map((k) => [k, orNull(h[k])]),
      ),
    },
    Mounts: info.Mounts.map((m) => ({ Type: m.Type, Name: m.Name && anon(m.Name), Source: m.Type === 'bind' ? m.Source : undefined, Destination: m.Destination, RW: m.RW, Mode: m.Type === 'volume' && m.Mode === 'z' ? '' : withoutRw(m.Mode ?? ''), Propagation: m.Propagation }))
      .sort((a, b) => a.Destination.localeCompare(b.Destination)),
    Networks: Object.fromEntries(
      Object.entries(networks).sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => [name, { Aliases: orNull((n.Aliases ?? []).filter((a) => a !== shortId && a !== ownName).sort()), IPAMConfig: orNull(n.IPAMConfig) }]),
    ),
  }
}
