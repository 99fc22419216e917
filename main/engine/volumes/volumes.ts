// Volumes: what `docker volume ls`, `create`, `inspect`, `rm` and `prune` do, plus which containers
// (running or not) use each volume, so a refused removal can say why.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { containerName } from '../containers/containers'
import { isHelper } from './helper-image'
import { removeHelpers } from './helper'
import type { VolumeDetail, VolumePrunePreview, VolumePruneResult, VolumeSummary, VolumeUser } from '@common/contract/volumes'

/** By code units, never by locale: the same order on every machine. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Docker marks anonymous volumes with this label (engine 23+); older engines only give them 64-hex names. */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous'

interface VolumeInfo {
  Name: string
  Driver: string
  Mountpoint: string
  CreatedAt?: string
  Labels: Record<string, string> | null
  Scope: string
  Options?: Record<string, string> | null
  Status?: Record<string, unknown>
}

export const isAnonymousVolume = (name: string, labels: Record<string, string> | null | undefined): boolean =>
  (!!labels && ANONYMOUS_LABEL in labels) || /^[0-9a-f]{64}$/.test(name)

/** Containers by the volumes they mount. Berth's own helpers are left out: they never hold a volume. */
async function usersByVolume(docker: Dockerode): Promise<Map<string, VolumeUser[]>> {
  const byVolume = new Map<string, VolumeUser[]>()
  for (const c of await docker.listContainers({ all: true, size: false })) {
    if (isHelper(c.Labels)) continue
    const user = { id: c.Id, name: containerName(c), running: c.State === 'running' }
    for (const mount of c.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue
      const list = byVolume.get(mount.Name) ?? []
      if (!list.some((u) => u.id === user.id)) list.push(user)
      byVolume.set(mount.Name, list)
    }
  }
  return byVolume
}

function toSummary(info: VolumeInfo, users: Map<string, VolumeUser[]>): VolumeSummary {
  const created = info.CreatedAt ? Date.parse(info.CreatedAt) : NaN
  return {
    name: info.Name,
    anonymous: isAnonymousVolume(info.Name, info.Labels),
    driver: info.Driver,
    mountpoint: info.Mountpoint,
    created: Number.isNaN(created) ? null : created,
    labels: info.Labels ?? {},
    scope: info.Scope,
    containers: users.get(info.Name) ?? [],
  }
}

export async function listVolumes(docker: Dockerode): Promise<VolumeSummary[]> {
  try {
    const [answer, users] = await Promise.all([docker.listVolumes(), usersByVolume(docker)])
    const volumes = (answer.Volumes ?? []) as unknown as VolumeInfo[]
    return volumes
      .map((v) => toSummary(v, users))
      .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || (b.created ?? 0) - (a.created ?? 0) || byText(a.name, b.name))
  } catch (err) {
    throw toEngineError(err, { kind: 'volume' })
  }
}

export async function inspectVolume(docker: Dockerode, name: string): Promise<VolumeDetail> {
  try {
    const [info, users] = await Promise.all([
      docker.getVolume(name).inspect() as unknown as Promise<VolumeInfo>,
      usersByVolume(docker),
    ])
    return { ...toSummary(info, users), options: info.Options ?? {}, status: info.Status ?? {} }
  } catch (err) {
    throw toEngineError(err, { kind: 'volume', ref: name })
  }
}

/** Like `docker volume create [--label k=v] name`. An existing name is refused rather than reused silently. */
export async function createVolume(docker: Dockerode, name: string, labels: Record<string, string> = {}): Promise<VolumeDetail> {
  try {
    await docker.getVolume(name).inspect()
    throw new EngineError('conflict', `A volume named "${name}" already exists. Pick another name, or use the existing one.`)
  } catch (err) {
    if (err instanceof EngineError) throw err
    if ((err as { statusCode?: number }).statusCode !== 404) throw toEngineError(err, { kind: 'volume', ref: name })
  }
  try {
    await docker.createVolume({ Name: name, Labels: labels })
  } catch (err) {
    throw toEngineError(err, { kind: 'volume', ref: name })
  }
  return inspectVolume(docker, name)
}

function inUse(name: string, users: VolumeUser[]): EngineError {
  const names = users.map((u) => `${u.name}${u.running ? ' (running)' : ''}`)
  return new EngineError(
    'in-use',
    `Volume "${name}" is used by ${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}. Remove ${names.length === 1 ? 'it' : 'them'} first (stopping is not enough).`,
  )
}

/** Like `docker volume rm`: refused while any container (even a stopped one) uses it, naming them. */
export async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  try {
    await docker.getVolume(name).inspect()
    const users = (await usersByVolume(docker)).get(name) ?? []
    if (users.length > 0) throw inUse(name, users)
    await removeHelpers(docker, name)
    await docker.getVolume(name).remove()
  } catch (err) {
    // A container that started using it between our check and the removal.
    const error = toEngineError(err, { kind: 'volume', ref: name })
    if (error.code === 'in-use' || error.code === 'conflict') {
      const users = (await usersByVolume(docker).catch(() => new Map<string, VolumeUser[]>())).get(name) ?? []
      if (users.length > 0) throw inUse(name, users)
    }
    throw error
  }
}

/**
 * What the engine's prune of every unused volume would remove now (`docker volume prune` before API
 * 1.42, `docker volume prune -a` since): volumes of the local driver that no container uses.
 */
export async function previewVolumePrune(docker: Dockerode): Promise<VolumePrunePreview> {
  const volumes = await listVolumes(docker)
  return { volumes: volumes.filter((v) => v.containers.length === 0 && v.driver === 'local').map((v) => v.name) }
}

/**
 * Removes exactly the volumes the user confirmed (from the preview) that are still unused: a volume
 * created or put to use after the preview is never removed behind the user's back.
 */
export async function pruneVolumes(docker: Dockerode, names: string[]): Promise<VolumePruneResult> {
  const result: VolumePruneResult = { removed: [], kept: [] }
  for (const name of names) {
    try {
      await removeVolume(docker, name)
      result.removed.push(name)
    } catch (err) {
      result.kept.push({ name, reason: toEngineError(err, { kind: 'volume', ref: name }).message })
    }
  }
  return result
}
