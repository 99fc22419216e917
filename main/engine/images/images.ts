// Images: what `docker images` and `docker rmi` do.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import { isHelper } from '../volumes/helper-image'
import { familiarReference } from './reference'
import { containerName } from '../containers/containers'
import type { ImageSummary } from '@common/contract/images'

/** By code units, never by locale: the same order on every machine. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const NONE = '<none>'

export const shortImageId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

/** Splits `registry:5000/team/app:1.0` at the tag's colon, not the port's. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const slash = reference.lastIndexOf('/')
  const colon = reference.lastIndexOf(':')
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) }
  return { repository: reference, tag: NONE }
}

/** One row per tag, as `docker images` prints; an untagged image gets one `<none>` row. */
/** How many of the containers using an image its row names. */
export const USED_BY_NAMES = 5

export function toImageRows(info: Dockerode.ImageInfo, usedBy: string[]): ImageSummary[] {
  // A few names, not all: with 5,000 containers on one image and 500 tags of it, every name in every
  // row was 60 MB sent again at each container created. `containers` has the count.
  const base = { id: info.Id, shortId: shortImageId(info.Id), size: info.Size, created: info.Created * 1000, containers: usedBy.length, usedBy: usedBy.slice(0, USED_BY_NAMES) }
  const tags = (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiarReference)
  if (tags.length === 0) {
    const digest = (info.RepoDigests ?? []).find((d) => d !== '<none>@<none>')
    const repository = digest ? familiarReference(digest.slice(0, digest.indexOf('@'))) : NONE
    return [{ ...base, repository, tag: NONE, reference: info.Id }]
  }
  return tags.map((reference) => ({ ...base, ...splitReference(reference), reference }))
}

async function containersByImage(docker: Dockerode): Promise<Map<string, Dockerode.ContainerInfo[]>> {
  const byImage = new Map<string, Dockerode.ContainerInfo[]>()
  for (const c of await docker.listContainers({ all: true, size: false })) {
    // Berth's volume helpers use its own helper image, never one of the user's.
    if (isHelper(c.Labels)) continue
    const list = byImage.get(c.ImageID) ?? []
    list.push(c)
    byImage.set(c.ImageID, list)
  }
  return byImage
}

export async function listImages(docker: Dockerode): Promise<ImageSummary[]> {
  try {
    const [images, users] = await Promise.all([docker.listImages({ all: false }), containersByImage(docker)])
    // Berth's own helper image (for browsing volumes) is not one of the user's images.
    return images
      .filter((image) => !isHelper(image.Labels ?? undefined))
      .flatMap((image) => toImageRows(image, (users.get(image.Id) ?? []).map(containerName)))
      .sort((a, b) => b.created - a.created || byText(a.reference, b.reference))
  } catch (err) {
    throw toEngineError(err, { kind: 'image' })
  }
}

/**
 * Like `docker rmi`: a tag that is one of several is only untagged; otherwise the image goes, and
 * that is refused while any container (even a stopped one) uses it, naming those containers.
 */
export async function removeImage(docker: Dockerode, reference: string): Promise<void> {
  const subject = { kind: 'image' as const, ref: reference }
  try {
    const image = await docker.getImage(reference).inspect()
    const tags = (image.RepoTags ?? []).map(familiarReference)
    const onlyUntags = tags.length > 1 && tags.includes(reference)
    if (!onlyUntags) {
      const users = (await containersByImage(docker)).get(image.Id) ?? []
      if (users.length > 0) {
        const names = users.map(containerName)
        throw new EngineError(
          'in-use',
          `Image "${reference}" is used by ${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}. Remove ${names.length === 1 ? 'it' : 'them'} first.`,
        )
      }
    }
    await docker.getImage(reference).remove()
  } catch (err) {
    throw toEngineError(err, subject)
  }
}
