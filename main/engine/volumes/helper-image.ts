// The image Berth's helper containers and owner markers are made from: imported from an empty tarball
// (nothing pulled, no shell, nothing that could run). It is apart from the helpers so that both they
// and the owner lease can make containers from it.
import { Readable } from 'node:stream'
import type Dockerode from 'dockerode'
import { daemonMessage, EngineError, toEngineError } from '../errors'

export const HELPER_IMAGE = 'berth-helper:1'
/** On everything Berth makes to browse volumes (this image, the helpers, owner markers): lists leave them out. */
export const HELPER_LABEL = 'berth.helper'

/** Two 512-byte zero blocks: a tar archive with nothing in it. */
const EMPTY_TAR = Buffer.alloc(1024)

export const isHelper = (labels: Record<string, string> | undefined): boolean => !!labels && HELPER_LABEL in labels

const HELPER_REPO = HELPER_IMAGE.split(':')[0] ?? HELPER_IMAGE
const HELPER_TAG = HELPER_IMAGE.split(':')[1] ?? 'latest'
/** An engine may name a short reference in full (Podman: docker.io/library/berth-helper:1). */
const isHelperTag = (ref: string) => ref === HELPER_IMAGE || ref.endsWith(`/${HELPER_IMAGE}`)

/** A helper step failed: say which, and what the engine said; the user's volume is not to blame. */
export function helperError(err: unknown, step: string): EngineError {
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
      if ((err as { statusCode?: number }).statusCode !== 404) throw helperError(err, `look up its helper image ${HELPER_IMAGE}`)
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
