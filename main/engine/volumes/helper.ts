// Browsing a volume needs a container that mounts it. Berth makes its own: an image imported from an
// empty tarball (nothing pulled, no shell, nothing that could run) and, per volume, a container created
// from it and never started. The engine's archive API works on stopped containers, volumes included.
// Helpers are labelled, reused while a volume is being browsed, removed after a quiet minute, and
// removed first whenever Berth removes or prunes a volume, so a helper never blocks that.
//
// Several Berths may share one engine (two windows, a laptop and a remote engine): each one is an
// *owner* with a random id, and labels the helpers it makes with it. Its proof of life lives on the
// engine itself, so it works with no shared files: a never-started marker container whose name holds
// the end of a lease, renamed forward every RENEW_MS (a rename is one cheap call, and its event is
// ignored by the lists). Another Berth removes only the helpers of an owner whose lease ran out
// (it crashed or lost the engine) or that has no marker; a Berth that stops removes its own.
// Helpers from Berths older than owners keep the old rule (idle for a minute). The lease is long
// next to the renewal, so clocks a little apart between two machines do not matter.
import { createHash, randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { Readable } from 'node:stream'
import type Dockerode from 'dockerode'
import { daemonMessage, EngineError, toEngineError } from '../errors'

export const HELPER_IMAGE = 'berth-helper:1'
export const HELPER_LABEL = 'berth.helper'
export const HELPER_VOLUME_LABEL = 'berth.helper.volume'
/** On a helper: the owner (Berth instance) that made it. */
export const HELPER_OWNER_LABEL = 'berth.helper.owner'
/** On an owner's marker: its id. Its engine events change no list. */
export const OWNER_LABEL = 'berth.owner'
/** Where a helper mounts its volume. */
export const VOLUME_MOUNT = '/volume'

const IDLE_MS = 60_000
const LEASE_MS = 90_000
const RENEW_MS = 30_000

/** Two 512-byte zero blocks: a tar archive with nothing in it. */
const EMPTY_TAR = Buffer.alloc(1024)

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404
/** Another remover (this Berth's release, another Berth, the CLI) got there first: it is going, which is what we want. */
const isGoing = (err: unknown) =>
  isNotFound(err) || ((err as { statusCode?: number }).statusCode === 409 && /already in progress/.test(String((err as Error).message)))

export const isHelper = (labels: Record<string, string> | undefined): boolean => !!labels && HELPER_LABEL in labels

const HELPER_REPO = HELPER_IMAGE.split(':')[0] ?? HELPER_IMAGE
const HELPER_TAG = HELPER_IMAGE.split(':')[1] ?? 'latest'
/** An engine may name a short reference in full (Podman: docker.io/library/berth-helper:1). */
const isHelperTag = (ref: string) => ref === HELPER_IMAGE || ref.endsWith(`/${HELPER_IMAGE}`)

/** A helper step failed: say which, and what the engine said; the user's volume is not to blame. */
function helperError(err: unknown, step: string): EngineError {
  const known = toEngineError(err)
  if (known.code === 'engine-unreachable' || err instanceof EngineError) return known
  return new EngineError('internal', `Berth could not ${step}: ${daemonMessage(err)}`)
}

/**
 * Imports the helper image if it is missing, then tags it. Idempotent; concurrent callers share one
 * import. The import names no image and the tag is set after it, by id: Podman's compatible API
 * ignores `tag` on import (containers/podman#18597; 4.3 does), so asking it for berth-helper:1
 * made berth-helper:latest, the next lookup missed, and each try left one more image behind.
 */
const imports = new WeakMap<Dockerode, Promise<void>>()
export function ensureHelperImage(docker: Dockerode): Promise<void> {
  const running = imports.get(docker)
  if (running) return running
  const task = (async () => {
    try {
      await docker.getImage(HELPER_IMAGE).inspect()
      return
    } catch (err) {
      if (!isNotFound(err)) throw helperError(err, `look up its helper image ${HELPER_IMAGE}`)
    }
    // The engine refuses to create a container from an image with no command, so give it one it never runs.
    const options = { changes: ['CMD ["/berth-helper-never-runs"]', `LABEL ${HELPER_LABEL}=image`] }
    let output = ''
    try {
      const stream = (await docker.importImage(Readable.from([EMPTY_TAR]) as unknown as NodeJS.ReadableStream, options)) as NodeJS.ReadableStream
      for await (const chunk of stream) output += chunk.toString()
    } catch (err) {
      throw helperError(err, `make its helper image ${HELPER_IMAGE}`)
    }
    const id = /sha256:[0-9a-f]{64}/.exec(output)?.[0]
    if (/"error"/.test(output) || !id) throw new EngineError('internal', `Berth could not make its helper image ${HELPER_IMAGE}: ${output.trim() || 'the engine gave no image id'}`)
    try {
      await docker.getImage(id).tag({ repo: HELPER_REPO, tag: HELPER_TAG })
    } catch (err) {
      throw helperError(err, `tag its helper image ${HELPER_IMAGE}`)
    }
    await removeStrayHelperImages(docker)
  })()
  imports.set(docker, task)
  return task.finally(() => imports.delete(docker))
}

/** Helper images that are not berth-helper:1 (untagged copies left by earlier Berths, or other tags): unused, they go. */
export async function removeStrayHelperImages(docker: Dockerode): Promise<void> {
  const images = await docker.listImages({ all: true, filters: { label: [`${HELPER_LABEL}=image`] } }).catch(() => [])
  const strays = images.filter((image) => !(image.RepoTags ?? []).some(isHelperTag))
  // One at a time, without force: an image a helper container still uses is refused and stays.
  for (const image of strays) await docker.getImage(image.Id).remove().catch(() => {})
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
  const self = owners.get(docker)?.id
  const mine = (await findHelpers(docker, volume)).filter((c) => (c.Labels[HELPER_OWNER_LABEL] ?? self) === self)
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
  const owner = await claimOwner(docker)
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

interface Owner {
  id: string
  /** The marker's current name, once made. */
  marker?: string
  ready?: Promise<string>
  timer?: NodeJS.Timeout
}
const owners = new WeakMap<Dockerode, Owner>()
const markerName = (id: string, leaseEnd: number) => `berth-owner-${id}-${Math.ceil(leaseEnd / 1000)}`
const leaseEnd = (info: Dockerode.ContainerInfo) => Number(/-(\d+)$/.exec(info.Names[0] ?? '')?.[1] ?? 0) * 1000

/** Makes the marker, or moves its lease on; remade if another Berth took it for gone (a long sleep). */
async function renew(docker: Dockerode, owner: Owner): Promise<void> {
  const next = markerName(owner.id, Date.now() + LEASE_MS)
  if (owner.marker) {
    try {
      await docker.getContainer(owner.marker).rename({ name: next })
      owner.marker = next
      return
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  }
  await ensureHelperImage(docker)
  await docker.createContainer({
    name: next,
    Image: HELPER_IMAGE,
    Labels: { [HELPER_LABEL]: 'owner', [OWNER_LABEL]: owner.id, 'berth.owner.host': hostname(), 'berth.owner.pid': String(process.pid) },
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  })
  owner.marker = next
}

/** This Berth's owner id on this engine, with its marker made and its lease kept while it runs. */
function claimOwner(docker: Dockerode): Promise<string> {
  const owner = owners.get(docker) ?? { id: randomBytes(8).toString('hex') }
  owners.set(docker, owner)
  owner.ready ??= renew(docker, owner).then(
    () => {
      owner.timer = setInterval(() => {
        void renew(docker, owner)
          .then(() => removeStaleHelpers(docker))
          .catch(() => {})
      }, RENEW_MS)
      owner.timer.unref()
      return owner.id
    },
    (err: unknown) => {
      owner.ready = undefined
      throw toEngineError(err)
    },
  )
  return owner.ready
}

/**
 * Removes helpers no running Berth owns: those of an owner whose lease ran out or who left no
 * marker, and (from Berths older than owners) ones idle for over a minute. Never this Berth's own.
 */
export async function removeStaleHelpers(docker: Dockerode, now = Date.now()): Promise<void> {
  const all = await findHelpers(docker)
  const live = new Set(all.filter((c) => c.Labels[OWNER_LABEL] !== undefined && leaseEnd(c) > now).map((c) => c.Labels[OWNER_LABEL]))
  const self = owners.get(docker)?.id
  if (self) live.add(self)
  const stale = all.filter((c) => {
    const owner = c.Labels[OWNER_LABEL] ?? c.Labels[HELPER_OWNER_LABEL]
    if (owner === undefined) return now - c.Created * 1000 > IDLE_MS
    return !live.has(owner)
  })
  await Promise.all(stale.map((h) => docker.getContainer(h.Id).remove({ force: true }).catch(() => {})))
}

/** This Berth stops using the engine: its helpers and its marker go. */
export async function releaseHelpers(docker: Dockerode): Promise<void> {
  const owner = owners.get(docker)
  if (!owner) return
  owners.delete(docker)
  clearInterval(owner.timer)
  await owner.ready?.catch(() => {})
  const mine = (await findHelpers(docker)).filter((c) => (c.Labels[OWNER_LABEL] ?? c.Labels[HELPER_OWNER_LABEL]) === owner.id)
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
