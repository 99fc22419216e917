// Browsing a volume needs a container that mounts it. Berth makes its own: an image imported from an
// empty tarball (nothing pulled, no shell, nothing that could run) and, per volume, a container created
// from it and never started. The engine's archive API works on stopped containers, volumes included.
// Helpers are labelled, reused while a volume is being browsed, removed after a quiet minute, and
// removed first whenever Berth removes or prunes a volume, so a helper never blocks that.
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'

export const HELPER_IMAGE = 'berth-helper:1'
export const HELPER_LABEL = 'berth.helper'
export const HELPER_VOLUME_LABEL = 'berth.helper.volume'
/** Where a helper mounts its volume. */
export const VOLUME_MOUNT = '/volume'

const IDLE_MS = 60_000

/** Two 512-byte zero blocks: a tar archive with nothing in it. */
const EMPTY_TAR = Buffer.alloc(1024)

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404

export const isHelper = (labels: Record<string, string> | undefined): boolean => !!labels && HELPER_LABEL in labels

/** Imports the helper image if it is missing. Idempotent; concurrent callers share one import. */
const imports = new WeakMap<Dockerode, Promise<void>>()
export function ensureHelperImage(docker: Dockerode): Promise<void> {
  const running = imports.get(docker)
  if (running) return running
  const task = (async () => {
    try {
      await docker.getImage(HELPER_IMAGE).inspect()
      return
    } catch (err) {
      if (!isNotFound(err)) throw toEngineError(err, { kind: 'image', ref: HELPER_IMAGE })
    }
    const [repo, tag] = HELPER_IMAGE.split(':')
    // The engine refuses to create a container from an image with no command, so give it one it never runs.
    const options = { repo, tag, changes: ['CMD ["/berth-helper-never-runs"]', `LABEL ${HELPER_LABEL}=image`] }
    const stream = (await docker.importImage(Readable.from([EMPTY_TAR]) as unknown as NodeJS.ReadableStream, options)) as NodeJS.ReadableStream
    let output = ''
    for await (const chunk of stream) output += chunk.toString()
    if (/"error"/.test(output)) throw new EngineError('internal', `Berth could not make its helper image: ${output.trim()}`)
  })()
  imports.set(docker, task)
  return task.finally(() => imports.delete(docker))
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
    void removeHelpers(docker, volume).catch(() => {})
  }, IDLE_MS)
  timer.unref()
  timers.set(volume, timer)
}

/** The helper container for a volume, created (never started) if there is none yet. */
export async function helperFor(docker: Dockerode, volume: string): Promise<Dockerode.Container> {
  touch(docker, volume)
  try {
    const [existing] = await findHelpers(docker, volume)
    if (existing) return docker.getContainer(existing.Id)
    await docker.getVolume(volume).inspect()
    await ensureHelperImage(docker)
    const created = await docker.createContainer({
      name: helperName(volume),
      Image: HELPER_IMAGE,
      Labels: { [HELPER_LABEL]: 'volume', [HELPER_VOLUME_LABEL]: volume },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: VOLUME_MOUNT }] },
    })
    return created
  } catch (err) {
    // Two browsers asked at once: the other one created it.
    if ((err as { statusCode?: number }).statusCode === 409) return docker.getContainer(helperName(volume))
    if (isNotFound(err)) throw new EngineError('not-found', `No volume "${volume}" exists (it may have just been removed).`)
    throw toEngineError(err, { kind: 'volume', ref: volume })
  }
}

/**
 * Removes helpers left by a Berth that quit (or crashed) while browsing: created over a quiet
 * minute ago, so one in use right now is spared. Otherwise a leftover would hold its volume for
 * `docker volume rm` in a terminal.
 */
export async function removeStaleHelpers(docker: Dockerode, now = Date.now()): Promise<void> {
  const stale = (await findHelpers(docker)).filter((h) => now - h.Created * 1000 > IDLE_MS)
  await Promise.all(stale.map((h) => docker.getContainer(h.Id).remove({ force: true }).catch(() => {})))
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
          if (!isNotFound(err)) throw toEngineError(err, { kind: 'container', ref: h.Id })
        }),
    ),
  )
}
