// Looking inside a container: `docker container inspect`, the parts a person reads (state, command,
// env, ports, mounts, networks, restart policy, labels), and the whole answer.
import type Dockerode from 'dockerode'
import { toEngineError } from '../errors'
import type { ContainerDetail, MountDetail, MountKind } from '@common/contract/containers'
import { portsNote, portsOf } from './ports'

const list = <T>(value: T[] | null | undefined): T[] => value ?? []

/** `-v /data` makes a volume with a random 64-hex name: tied to this container, left behind unless `--rm`. */
const ANONYMOUS = /^[0-9a-f]{64}$/

function mountOf(m: Dockerode.ContainerInspectInfo['Mounts'][number]): MountDetail {
  const type = m.Type as string
  const name = (m as { Name?: string }).Name
  let kind: MountKind
  if (type === 'volume') kind = name && ANONYMOUS.test(name) ? 'anonymous-volume' : 'volume'
  else if (type === 'bind' || type === 'tmpfs' || type === 'npipe') kind = type
  else kind = 'other'
  return { kind, ...(name ? { name } : {}), source: m.Source ?? '', destination: m.Destination, rw: m.RW, mode: m.Mode ?? '' }
}

export function toContainerDetail(info: Dockerode.ContainerInspectInfo): ContainerDetail {
  const s = info.State
  const config = info.Config
  const entrypoint = typeof config.Entrypoint === 'string' ? [config.Entrypoint] : list(config.Entrypoint as string[] | undefined)
  const ports = portsOf(info)
  const whyNotPublished = portsNote(info, ports)
  const networks = (info.NetworkSettings?.Networks ?? {}) as Record<string, { IPAddress?: string; IPPrefixLen?: number; Gateway?: string; MacAddress?: string; Aliases?: string[] | null }>
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: config.Image,
    imageId: info.Image,
    created: info.Created,
    state: {
      status: s.Status,
      running: s.Running,
      paused: s.Paused,
      restarting: s.Restarting,
      oomKilled: s.OOMKilled,
      dead: s.Dead,
      pid: s.Pid,
      exitCode: s.ExitCode,
      error: s.Error ?? '',
      startedAt: s.StartedAt,
      finishedAt: s.FinishedAt,
    },
    restartCount: info.RestartCount,
    restartPolicy: {
      name: info.HostConfig?.RestartPolicy?.Name || 'no',
      maximumRetryCount: info.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    command: [info.Path, ...list(info.Args)].filter((part) => part !== ''),
    entrypoint,
    cmd: list(config.Cmd as string[] | undefined),
    workdir: config.WorkingDir ?? '',
    user: config.User ?? '',
    env: list(config.Env),
    ports,
    ...(whyNotPublished ? { portsNote: whyNotPublished } : {}),
    mounts: list(info.Mounts).map(mountOf),
    networkMode: info.HostConfig?.NetworkMode ?? '',
    networks: Object.entries(networks)
      .map(([name, n]) => ({
        name,
        ipAddress: n.IPAddress ?? '',
        gateway: n.Gateway ?? '',
        macAddress: n.MacAddress ?? '',
        ipPrefix: n.IPAddress ? `${n.IPAddress}/${n.IPPrefixLen ?? 0}` : '',
        aliases: (n.Aliases ?? []).filter((a) => a !== info.Id.slice(0, 12)),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    labels: { ...(config.Labels ?? {}) },
    raw: JSON.stringify(info, null, 2),
  }
}

export async function inspectContainer(docker: Dockerode, id: string): Promise<ContainerDetail> {
  try {
    return toContainerDetail(await docker.getContainer(id).inspect())
  } catch (err) {
    throw toEngineError(err, { kind: 'container', ref: id })
  }
}
