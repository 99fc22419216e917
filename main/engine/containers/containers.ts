// Containers: what `docker ps -a`, `start`, `stop`, `restart` and `rm` do.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { isHelper } from '../volumes/helper'
import type { ContainerState, ContainerSummary, PublishedPort } from '../../../common/types'

const STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'])

/** The name `docker ps` shows: the first name, without the engine's leading slash. */
export const containerName = (info: Pick<Dockerode.ContainerInfo, 'Names' | 'Id'>): string =>
  (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, '')

export function toContainerSummary(info: Dockerode.ContainerInfo): ContainerSummary {
  const state = STATES.has(info.State as ContainerState) ? (info.State as ContainerState) : 'dead'
  const exit = /^Exited \((-?\d+)\)/.exec(info.Status)
  return {
    id: info.Id,
    name: containerName(info),
    image: info.Image,
    imageId: info.ImageID,
    command: info.Command,
    state,
    exitCode: state === 'exited' && exit?.[1] !== undefined ? Number(exit[1]) : null,
    status: info.Status,
    ports: publishedPorts(info.Ports),
    created: info.Created * 1000,
  }
}

/** The engine lists a port once per address family (0.0.0.0 and ::); show it once, as `docker ps` does. */
function publishedPorts(ports: Dockerode.Port[]): PublishedPort[] {
  const seen = new Set<string>()
  const out: PublishedPort[] = []
  for (const p of ports) {
    const key = `${p.PublicPort ?? ''}:${p.PrivatePort}/${p.Type}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      containerPort: p.PrivatePort,
      protocol: p.Type,
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    })
  }
  return out.sort((a, b) => a.containerPort - b.containerPort)
}

/** Like `docker ps -a`. Never with size: computing sizes makes the engine walk every container's layer. */
export async function listContainers(docker: Dockerode): Promise<ContainerSummary[]> {
  try {
    const infos = await docker.listContainers({ all: true, size: false })
    // Berth's own volume helpers are created, never started, and are not the user's containers.
    return infos
      .filter((info) => !isHelper(info.Labels))
      .map(toContainerSummary)
      .sort((a, b) => b.created - a.created)
  } catch (err) {
    throw toEngineError(err, { kind: 'container' })
  }
}

/** 304 "not modified" means the container already is where the user wants it, as the CLI treats it. */
async function idempotent(action: () => Promise<unknown>, id: string): Promise<void> {
  try {
    await action()
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 304) return
    throw toEngineError(err, { kind: 'container', ref: id })
  }
}

export function startContainer(docker: Dockerode, id: string): Promise<void> {
  return idempotent(() => docker.getContainer(id).start(), id)
}

export function stopContainer(docker: Dockerode, id: string, timeout?: number): Promise<void> {
  return idempotent(() => docker.getContainer(id).stop(timeout === undefined ? {} : { t: timeout }), id)
}

export function restartContainer(docker: Dockerode, id: string, timeout?: number): Promise<void> {
  return idempotent(() => docker.getContainer(id).restart(timeout === undefined ? {} : { t: timeout }), id)
}

/** Like `docker rm [-f]`: refuses a running container unless forced. Anonymous volumes stay, as without `-v`. */
export async function removeContainer(docker: Dockerode, id: string, force = false): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force })
  } catch (err) {
    const error = toEngineError(err, { kind: 'container', ref: id })
    if (error.code === 'conflict' && /running|stop the container/i.test(error.message)) {
      throw new EngineError('conflict', `Container "${id}" is running. Stop it first, or remove it with force.`)
    }
    throw error
  }
}
