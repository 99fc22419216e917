// Docker lists a container by its image's id once the reference it was made from names another
// image (a rebuild, a re-pull); Podman keeps listing the reference. Berth words both alike: on
// Podman, a container whose image is no longer the one its reference names is listed by that id,
// so the "older build" mark works there too. One image list per refresh, on Podman only.
import type Dockerode from 'dockerode'
import { engineKindWithin } from '../engine-product'
import { familiarReference } from '../images/reference'
import type { ContainerSummary } from '@common/contract/containers'

/** How long a list waits for the engine to say what it is. */
const KIND_WAIT_MS = 1000

const isImageId = (image: string) => /^(sha256:)?[0-9a-f]{64}$/.test(image)
const bareId = (id: string) => id.replace(/^sha256:/, '')
/** `ux/app` means `ux/app:latest`; a digest or a tag stays. */
const withTag = (ref: string) => (ref.includes('@') || /:[^/]+$/.test(ref) ? ref : `${ref}:latest`)

export async function listedAsDockerDoes(docker: Dockerode, summaries: ContainerSummary[]): Promise<ContainerSummary[]> {
  if (!summaries.some((c) => !isImageId(c.image))) return summaries
  // Asked briefly: until the engine says what it is, the list is shown as the engine words it.
  if ((await engineKindWithin(docker, KIND_WAIT_MS)) !== 'podman') return summaries
  const current = new Map<string, string>()
  for (const image of await docker.listImages()) {
    for (const tag of image.RepoTags ?? []) current.set(familiarReference(tag), bareId(image.Id))
  }
  return summaries.map((c) => {
    if (isImageId(c.image) || !c.imageId) return c
    const now = current.get(withTag(c.image))
    return now && now !== bareId(c.imageId) ? { ...c, image: `sha256:${bareId(c.imageId)}` } : c
  })
}
