// Containers: what `docker ps -a`, `start`, `stop`, `restart` and `rm` do.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { engineKindOf } from '../engine-product'
import { familiarReference } from '../images/reference'
import { isHelper } from '../volumes/helper-image'
import { listedAsDockerDoes } from './podman-builds'
import { parseStatus, statusSince, type ContainerEventTimes } from './since'
import { composeLabels } from '../projects/labels'
import type { ContainerState, ContainerSummary, PublishedPort } from '@common/contract/containers'

const STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'])

/** The name `docker ps` shows: the first name, without the engine's leading slash. */
export const containerName = (info: Pick<Dockerode.ContainerInfo, 'Names' | 'Id'>): string =>
  (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, '')

/** When the list was asked for and answered: the engine worded each status in between. */
export interface ListedAt {
  from: number
  to: number
  times?: ContainerEventTimes
}

export function toContainerSummary(info: Dockerode.ContainerInfo, listed: ListedAt = { from: Date.now(), to: Date.now() }): ContainerSummary {
  const state = STATES.has(info.State as ContainerState) ? (info.State as ContainerState) : 'dead'
  const exit = /^Exited \((-?\d+)\)/.exec(info.Status)
  const parts = parseStatus(info.Status)
  return {
    id: info.Id,
    name: containerName(info),
    image: familiarReference(info.Image),
    imageId: info.ImageID,
    command: info.Command,
    state,
    exitCode: state === 'exited' && exit?.[1] !== undefined ? Number(exit[1]) : null,
    status: parts ? withoutSpan(info.Status) : info.Status,
    since: parts ? statusSince(info.Id, parts, listed.from, listed.to, listed.times) : null,
    ...(parts?.health ? { health: parts.health } : {}),
    ports: publishedPorts(info.Ports),
    created: info.Created * 1000,
    ...withCompose(composeLabels(info.Labels)),
  }
}

const withCompose = (compose: ContainerSummary['compose']) => (compose ? { compose } : {})

/** "Up 9 minutes (healthy)" → "Up (healthy)"; "Exited (0) 2 hours ago" → "Exited (0)". */
function withoutSpan(status: string): string {
  const down = /^((?:Exited|Restarting) \(-?\d+\)) .+ ago$/.exec(status)
  if (down) return down[1] as string
  const up = /^Up .+?( \((?:healthy|unhealthy|health: starting|Paused)\))?$/.exec(status)
  return up ? `Up${up[1] ?? ''}` : status
}

/** The engine lists a container's image by id once its reference names another image (or none). */
const isImageId = (image: string) => /^(sha256:)?[0-9a-f]{64}$/.test(image)

/** Config.Image never changes for a container: asked once per container, not at every refresh. */
const createdFromCache = new Map<string, string>()

/**
 * For containers whose image was rebuilt or re-pulled under their reference: the short id, as
 * `docker ps` shows it, and the reference they were created from. Only those are inspected.
 */
async function withOlderBuilds(docker: Dockerode, summaries: ContainerSummary[]): Promise<ContainerSummary[]> {
  const live = new Set(summaries.map((c) => c.id))
  for (const id of createdFromCache.keys()) if (!live.has(id)) createdFromCache.delete(id)
  return Promise.all(
    summaries.map(async (c) => {
      if (!isImageId(c.image)) return c
      let from = createdFromCache.get(c.id)
      if (from === undefined) {
        from = await docker
          .getContainer(c.id)
          .inspect()
          .then((info) => info.Config.Image, () => '')
        createdFromCache.set(c.id, from)
      }
      const short = shortId(c.image)
      // Created by id (`docker run 3f2a…`): nothing was rebuilt under a name.
      return from && !isImageId(from) ? { ...c, image: short, olderBuildOf: familiarReference(from) } : { ...c, image: short }
    }),
  )
}

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

/** The engine's error about a container, naming it as the user does (the daemon's words use its id). */
async function namedError(docker: Dockerode, err: unknown, id: string): Promise<EngineError> {
  const name = await containerLabel(docker, id)
  const error = toEngineError(err, { kind: 'container', ref: name })
  return new EngineError(error.code, error.message.replaceAll(id, name))
}

/** Runs a call about a container given by id; its error, if any, names the container as the user does. */
export async function namingContainer<T>(docker: Dockerode, id: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!id || !(err instanceof EngineError) || !err.message.includes(id)) throw err
    const name = await containerLabel(docker, id)
    throw new EngineError(err.code, err.message.replaceAll(id, name))
  }
}

/** The name to give the user for a container the bridge names by id: its name when it still exists. */
export async function containerLabel(docker: Dockerode, id: string): Promise<string> {
  try {
    return (await docker.getContainer(id).inspect()).Name.replace(/^\//, '')
  } catch {
    return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id
  }
}

/**
 * The engine lists a port bound to every address once per address family (0.0.0.0 and ::); show it
 * once, as `docker ps` does. Bindings to distinct addresses (127.0.0.1 and 127.0.0.2) stay distinct.
 */
function publishedPorts(ports: Dockerode.Port[]): PublishedPort[] {
  const seen = new Set<string>()
  const out: PublishedPort[] = []
  for (const p of ports) {
    const address = !p.IP || p.IP === '0.0.0.0' || p.IP === '::' ? '*' : p.IP
    const key = `${address} ${p.PublicPort ?? ''}:${p.PrivatePort}/${p.Type}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      containerPort: p.PrivatePort,
      protocol: p.Type,
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    })
  }
  // A fixed order (container port, protocol, address): rows are compared whole, so the same ports must read the same.
  return out.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''))
}

/** Like `docker ps -a`. Never with size: computing sizes makes the engine walk every container's layer. */
export async function listContainers(docker: Dockerode, times?: ContainerEventTimes): Promise<ContainerSummary[]> {
  try {
    const from = Date.now()
    const infos = await docker.listContainers({ all: true, size: false })
    const listed = { from, to: Date.now(), times }
    // Berth's own volume helpers are created, never started, and are not the user's containers.
    const summaries = infos
      .filter((info) => !isHelper(info.Labels))
      .map((info) => toContainerSummary(info, listed))
      // Newest first; the engine's own order (to the nanosecond) stays among those made in the same second.
      .sort((a, b) => b.created - a.created)
    return await withOlderBuilds(docker, await listedAsDockerDoes(docker, summaries))
  } catch (err) {
    throw toEngineError(err, { kind: 'container' })
  }
}

/** 304 "not modified" means the container already is where the user wants it, as the CLI treats it. */
async function idempotent(docker: Dockerode, action: () => Promise<unknown>, id: string): Promise<void> {
  try {
    await action()
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 304) return
    throw await namedError(docker, err, id)
  }
}

export function startContainer(docker: Dockerode, id: string): Promise<void> {
  return idempotent(docker, () => docker.getContainer(id).start(), id)
}

/** Docker's grace period when neither the user nor the container names one. */
const DEFAULT_STOP_TIMEOUT = 10

/**
 * Podman (4.3 at least) gives a container made through its Docker API without a stop timeout none
 * at all (containers/podman#19139), and its restart waits 0 s unless told: a plain stop would kill
 * at once, exit code 137. Such a container gets Docker's 10 s, as `docker stop` gives it on Docker.
 * Podman also refuses to stop a paused container ("running or paused, refusing to clean up"), which
 * Docker stops: it is unpaused first, so Stop does what it says on both.
 */
async function prepareStop(docker: Dockerode, id: string, timeout: number | undefined): Promise<number | undefined> {
  if ((await engineKindOf(docker)) !== 'podman') return timeout
  const info = await docker
    .getContainer(id)
    .inspect()
    .catch(() => undefined)
  if (info?.State.Paused) await docker.getContainer(id).unpause().catch(() => {})
  if (timeout !== undefined) return timeout
  const own = (info?.Config as { StopTimeout?: number } | undefined)?.StopTimeout
  return own ? own : DEFAULT_STOP_TIMEOUT
}

export async function stopContainer(docker: Dockerode, id: string, timeout?: number): Promise<void> {
  const t = await prepareStop(docker, id, timeout)
  return idempotent(docker, () => docker.getContainer(id).stop(t === undefined ? {} : { t }), id)
}

export async function restartContainer(docker: Dockerode, id: string, timeout?: number): Promise<void> {
  const t = await prepareStop(docker, id, timeout)
  return idempotent(docker, () => docker.getContainer(id).restart(t === undefined ? {} : { t }), id)
}

/** Like `docker rm [-f]`: refuses a running container unless forced. Anonymous volumes stay, as without `-v`. */
/** Like `docker rm [-f] [-v]`: `volumes` removes its anonymous volumes too (named ones always stay). */
export async function removeContainer(docker: Dockerode, id: string, force = false, volumes = false): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force, v: volumes })
  } catch (err) {
    const error = await namedError(docker, err, id)
    const name = await containerLabel(docker, id)
    if (error.code === 'conflict' && /running|stop the container/i.test(error.message)) {
      throw new EngineError('conflict', `Container "${name}" is running. Stop it first, or remove it with force.`)
    }
    throw error
  }
}
