// Browsing a volume needs a container that mounts it. Berth makes its own: per volume, a container
// created from the helper image (helper-image.ts) and never started. The engine's archive API works on
// stopped containers, volumes included. Helpers are labelled, reused while a volume is being browsed,
// removed after a quiet minute, and removed first whenever Berth removes or prunes a volume, so a
// helper never blocks that. Each helper names the Berth that made it, and another Berth removes it
// only once that one is gone (owner-lease.ts).
import { createHash } from 'node:crypto'
import type Dockerode from 'dockerode'
import { daemonMessage, toEngineError } from '../errors'
import { ensureHelperImage, helperError, HELPER_IMAGE, HELPER_LABEL } from './helper-image'
import { claimOwner, HELPER_OWNER_LABEL, liveOwners, ownerOf, ownId, releaseOwner } from './owner-lease'

export const HELPER_VOLUME_LABEL = 'berth.helper.volume'
/** Where a helper mounts its volume. */
export const VOLUME_MOUNT = '/volume'

const IDLE_MS = 60_000

/** Another remover (this Berth's release, another Berth, the CLI) got there first: it is going, which is what we want. */
const isGoing = (err: unknown) => {
  const status = (err as { statusCode?: number }).statusCode
  return status === 404 || (status === 409 && /already in progress/.test(String((err as Error).message)))
}

const helperName = (volume: string) => `berth-volume-helper-${createHash('sha256').update(volume).digest('hex').slice(0, 16)}`

async function findHelpers(docker: Dockerode, volume?: string): Promise<Dockerode.ContainerInfo[]> {
  const label = volume === undefined ? [HELPER_LABEL] : [`${HELPER_VOLUME_LABEL}=${volume}`]
  return docker.listContainers({ all: true, filters: { label } })
}

const idleTimers = new WeakMap<Dockerode, Map<string, NodeJS.Timeout>>()

function touch(docker: Dockerode, volume: string): void {
  const timers = idleTimers.get(docker) ?? new Map<string, NodeJS.Timeout>()
  idleTimers.set(docker, timers)
  clearTimeout(timers.get(volume))
  const timer = setTimeout(() => {
    timers.delete(volume)
    void removeOwnHelpers(docker, volume).catch(() => {})
  }, IDLE_MS)
  timer.unref()
  timers.set(volume, timer)
}

/**
 * This Berth's helpers of a volume it stopped browsing. Another Berth's (or one this Berth reused)
 * may be in use there: it goes with its owner, or when its owner's lease runs out.
 */
async function removeOwnHelpers(docker: Dockerode, volume: string): Promise<void> {
  const self = ownId(docker)
  const mine = (await findHelpers(docker, volume)).filter((c) => (ownerOf(c) ?? self) === self)
  await Promise.all(mine.map((h) => docker.getContainer(h.Id).remove({ force: true }).catch(() => {})))
}

/** The helper container for a volume, created (never started) if there is none yet. */
export async function helperFor(docker: Dockerode, volume: string): Promise<Dockerode.Container> {
  touch(docker, volume)
  const [existing] = await findHelpers(docker, volume).catch((err: unknown) => {
    throw helperError(err, `list its helper containers`)
  })
  if (existing) return docker.getContainer(existing.Id)
  // The one step that is about the user's volume; every later failure is Berth's own and says so.
  try {
    await docker.getVolume(volume).inspect()
  } catch (err) {
    throw toEngineError(err, { kind: 'volume', ref: volume })
  }
  await ensureHelperImage(docker)
  const owner = await claimOwner(docker, () => removeStaleHelpers(docker))
  try {
    return await docker.createContainer({
      name: helperName(volume),
      Image: HELPER_IMAGE,
      Labels: { [HELPER_LABEL]: 'volume', [HELPER_VOLUME_LABEL]: volume, [HELPER_OWNER_LABEL]: owner },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: VOLUME_MOUNT }] },
    })
  } catch (err) {
    // Two browsers asked at once: the other one created it (Docker answers 409; another engine may
    // answer 500 with "already in use").
    if ((err as { statusCode?: number }).statusCode === 409 || /already in use/.test(daemonMessage(err))) {
      return docker.getContainer(helperName(volume))
    }
    throw helperError(err, `create its helper container to read volume "${volume}"`)
  }
}

/**
 * Removes helpers no running Berth owns: those of an owner whose lease ran out or who left no
 * marker, and (from Berths older than owners) ones idle for over a minute. Never this Berth's own.
 */
export async function removeStaleHelpers(docker: Dockerode, now = Date.now()): Promise<void> {
  const all = await findHelpers(docker)
  const live = liveOwners(docker, all, now)
  const stale = all.filter((c) => {
    const owner = ownerOf(c)
    if (owner === undefined) return now - c.Created * 1000 > IDLE_MS
    return !live.has(owner)
  })
  await Promise.all(stale.map((h) => docker.getContainer(h.Id).remove({ force: true }).catch(() => {})))
}

/** This Berth stops using the engine: its helpers and its marker go. */
export async function releaseHelpers(docker: Dockerode): Promise<void> {
  const self = await releaseOwner(docker)
  if (!self) return
  const mine = (await findHelpers(docker)).filter((c) => ownerOf(c) === self)
  await Promise.all(mine.map((h) => docker.getContainer(h.Id).remove({ force: true }).catch(() => {})))
}

/** Removes the helpers of one volume, or all of Berth's helpers. */
export async function removeHelpers(docker: Dockerode, volume?: string): Promise<void> {
  const helpers = await findHelpers(docker, volume)
  await Promise.all(
    helpers.map((h) =>
      docker
        .getContainer(h.Id)
        .remove({ force: true })
        .catch((err: unknown) => {
          if (!isGoing(err)) throw toEngineError(err, { kind: 'container', ref: h.Id })
        }),
    ),
  )
}
