// A compose project's containers, taken as one: what `docker compose -p app start / stop / restart /
// rm -s -f` do, through the engine API on the containers carrying the project's label, so it works
// without any compose CLI and for projects made by any tool. Each container goes through the same
// functions as its own row's buttons (Podman's stop timeout and paused containers included).
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { containerName, removeContainer, restartContainer, startContainer, stopContainer } from '../containers/containers'
import { isHelper } from '../volumes/helper-image'
import { COMPOSE_LABELS, type ProjectActionResult, type ServiceDetail } from '@common/contract/projects'

/** The project's containers, as `docker ps -a --filter label=com.docker.compose.project=app` lists them. */
export async function projectContainers(docker: Dockerode, project: string): Promise<Dockerode.ContainerInfo[]> {
  let infos: Dockerode.ContainerInfo[]
  try {
    infos = await docker.listContainers({ all: true, filters: { label: [`${COMPOSE_LABELS.project}=${project}`] } })
  } catch (err) {
    throw toEngineError(err, { kind: 'container' })
  }
  const mine = infos.filter((info) => !isHelper(info.Labels) && info.Labels?.[COMPOSE_LABELS.project] === project)
  if (!mine.length) throw new EngineError('not-found', `There is no compose project "${project}" on this engine: no container carries its label.`)
  return mine
}

/** Runs `act` on each container of the project at once; the first failure is the answer, once all have tried. */
async function eachContainer(docker: Dockerode, project: string, act: (id: string) => Promise<void>): Promise<ProjectActionResult> {
  const infos = await projectContainers(docker, project)
  const outcomes = await Promise.allSettled(infos.map((info) => act(info.Id)))
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
  if (failed) throw toEngineError(failed.reason, { kind: 'container' })
  return { containers: infos.map(containerName).sort() }
}

export const startProject = (docker: Dockerode, project: string) => eachContainer(docker, project, (id) => startContainer(docker, id))

export const stopProject = (docker: Dockerode, project: string, timeout?: number) =>
  eachContainer(docker, project, (id) => stopContainer(docker, id, timeout))

export const restartProject = (docker: Dockerode, project: string, timeout?: number) =>
  eachContainer(docker, project, (id) => restartContainer(docker, id, timeout))

/** `docker compose rm -s -f`: each stopped with its grace period, then removed. Volumes and networks stay. */
export const removeProject = (docker: Dockerode, project: string) =>
  eachContainer(docker, project, async (id) => {
    await stopContainer(docker, id)
    await removeContainer(docker, id)
  })

/** Each service's networks and mounts, from `docker inspect` of its containers. */
export async function projectServices(docker: Dockerode, project: string): Promise<ServiceDetail[]> {
  const infos = await projectContainers(docker, project)
  const details = await Promise.all(infos.map((info) => docker.getContainer(info.Id).inspect().catch(() => null)))
  const services = new Map<string, { networks: Set<string>; volumes: Set<string> }>()
  for (const info of details) {
    if (!info) continue
    const service = info.Config.Labels?.[COMPOSE_LABELS.service] ?? ''
    const entry = services.get(service) ?? { networks: new Set(), volumes: new Set() }
    services.set(service, entry)
    for (const network of Object.keys(info.NetworkSettings?.Networks ?? {})) entry.networks.add(network)
    for (const m of info.Mounts ?? []) entry.volumes.add(mountWords(m))
  }
  return [...services].sort(([a], [b]) => a.localeCompare(b)).map(([service, e]) => ({ service, networks: [...e.networks].sort(), volumes: [...e.volumes].sort() }))
}

/** A mount as `-v` writes it: a volume by name (anonymous ones by their destination alone), a bind by its path. */
function mountWords(m: Dockerode.ContainerInspectInfo['Mounts'][number]): string {
  const ro = m.RW ? '' : ':ro'
  if (m.Type === 'volume') return m.Name && !/^[0-9a-f]{64}$/.test(m.Name) ? `${m.Name}:${m.Destination}${ro}` : `${m.Destination}${ro}`
  if (m.Type === 'bind') return `${m.Source}:${m.Destination}${ro}`
  return `${m.Type}:${m.Destination}`
}
