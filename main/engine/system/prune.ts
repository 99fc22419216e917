// `docker container prune` and `docker image prune [-a]`, in two steps: a preview of exactly what
// would go and the space it frees, then the removal of only what the user saw. Anything that came
// into use (or was tagged, or went) since the preview is kept, and the result says why.
import type Dockerode from 'dockerode'
import type { EngineHistoryEntry } from '../images/history'
import { toEngineError } from '../errors'
import { containerName } from '../containers/containers'
import { assignLayers } from '../images/history'
import { shortImageId } from '../images/images'
import { familiarReference } from '../images/reference'
import type { ContainerPrunePreview } from '@common/contract/containers'
import type { ImagePruneCandidate, ImagePrunePreview } from '@common/contract/images'
import type { PruneResult } from '@common/contract/system'

/** What `docker container prune` removes: every container that is not running (paused and restarting ones run). */
const RUNNING = new Set(['running', 'paused', 'restarting'])

export async function previewContainerPrune(docker: Dockerode): Promise<ContainerPrunePreview> {
  try {
    // size=true walks each candidate's writable layer: fine for a preview the user asked for.
    const all = await docker.listContainers({ all: true, size: true })
    const containers = all
      .filter((c) => !RUNNING.has(c.State))
      .map((c) => ({ id: c.Id, name: containerName(c), image: c.Image, state: c.State, size: (c as { SizeRw?: number }).SizeRw ?? 0 }))
    return { containers, space: containers.reduce((sum, c) => sum + c.size, 0) }
  } catch (err) {
    throw toEngineError(err, { kind: 'container' })
  }
}

export async function pruneContainers(docker: Dockerode, ids: string[]): Promise<PruneResult> {
  const result: PruneResult = { removed: [], kept: [] }
  for (const id of ids) {
    try {
      const info = await docker.getContainer(id).inspect()
      if (info.State.Running) {
        result.kept.push({ id, reason: `${info.Name.replace(/^\//, '')} was started after the preview, so it stays.` })
        continue
      }
      // Not forced: a container started in the meantime is refused by the engine itself.
      await docker.getContainer(id).remove({ v: false })
      result.removed.push(id)
    } catch (err) {
      result.kept.push({ id, reason: toEngineError(err, { kind: 'container', ref: id.slice(0, 12) }).message })
    }
  }
  return result
}

const tagsOf = (info: { RepoTags?: string[] | null }): string[] => (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>')
const digestsOf = (info: { RepoDigests?: string[] | null }): string[] => (info.RepoDigests ?? []).filter((d) => d !== '<none>@<none>')

async function usedImageIds(docker: Dockerode): Promise<Map<string, string>> {
  const used = new Map<string, string>()
  for (const c of await docker.listContainers({ all: true })) if (!used.has(c.ImageID)) used.set(c.ImageID, containerName(c))
  return used
}

/** Each layer chain of an image (its layers up to each one), with the bytes its top layer adds. */
async function chainSizes(docker: Dockerode, id: string): Promise<Map<string, number>> {
  const image = docker.getImage(id)
  const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<EngineHistoryEntry[]>])
  const steps = [...history].reverse().map((h) => ({ size: h.Size, createdBy: h.CreatedBy ?? '' }))
  const assigned = assignLayers(steps, info.RootFS?.Layers ?? [])
  const sizes = new Map<string, number>()
  let chain = ''
  steps.forEach((step, i) => {
    const layer = assigned[i]
    if (!layer) return
    chain += `${layer}\n`
    sizes.set(chain, step.size)
  })
  return sizes
}

/**
 * What `docker image prune` removes (dangling: untagged images no container uses), or with `-a` every
 * image no container uses, and the bytes that frees: layers that no image staying behind holds.
 */
export async function previewImagePrune(docker: Dockerode, all: boolean): Promise<ImagePrunePreview> {
  try {
    const [images, used] = await Promise.all([docker.listImages({ all: false }), usedImageIds(docker)])
    // The engine's own count too: Podman counts its builds' working containers, which no container list shows.
    const inUse = (i: Dockerode.ImageInfo) => used.has(i.Id) || (i.Containers ?? 0) > 0
    const chosen = images.filter((i) => !inUse(i) && (all || tagsOf(i).length === 0))
    const chosenIds = new Set(chosen.map((i) => i.Id))
    // Chains of the images that stay: their layers are not freed.
    const staying = new Set<string>()
    for (const info of images) {
      if (chosenIds.has(info.Id)) continue
      const layers = (await docker.getImage(info.Id).inspect()).RootFS?.Layers ?? []
      let chain = ''
      for (const layer of layers) staying.add((chain += `${layer}\n`))
    }
    const holders = new Map<string, { size: number; count: number }>()
    const perImage = new Map<string, Map<string, number>>()
    for (const info of chosen) {
      const sizes = await chainSizes(docker, info.Id)
      perImage.set(info.Id, sizes)
      for (const [chain, size] of sizes) {
        const h = holders.get(chain) ?? { size, count: 0 }
        h.count++
        holders.set(chain, h)
      }
    }
    let space = 0
    for (const [chain, h] of holders) if (!staying.has(chain)) space += h.size
    const candidates: ImagePruneCandidate[] = chosen.map((info) => {
      let uniqueSize = 0
      for (const [chain, size] of perImage.get(info.Id) ?? []) if (!staying.has(chain) && holders.get(chain)?.count === 1) uniqueSize += size
      // Named as the CLI names them (Podman stores docker.io/…), as the images list does.
      return { id: info.Id, tags: tagsOf(info).map(familiarReference), size: info.Size, uniqueSize, created: info.Created * 1000 }
    })
    return { all, images: candidates.sort((a, b) => b.created - a.created), space }
  } catch (err) {
    throw toEngineError(err, { kind: 'image' })
  }
}

export async function pruneImages(docker: Dockerode, ids: string[], all: boolean): Promise<PruneResult> {
  const result: PruneResult = { removed: [], kept: [] }
  for (const id of ids) {
    const label = shortImageId(id)
    try {
      const info = await docker.getImage(id).inspect()
      const user = (await usedImageIds(docker)).get(info.Id)
      if (user) {
        result.kept.push({ id, reason: `${label} is now used by the container ${user}, so it stays.` })
        continue
      }
      const tags = tagsOf(info)
      if (!all && tags.length > 0) {
        result.kept.push({ id, reason: `${label} was tagged ${familiarReference(tags[0] ?? '')} after the preview, so it stays.` })
        continue
      }
      // As the engine's prune does: each name goes, and the image with its last one; not forced.
      // Podman lists digests of local images too: the image may have gone with a name before them.
      const goneAlready = (err: { statusCode?: number }) => {
        if (err.statusCode !== 404) throw err
      }
      for (const ref of [...tags, ...digestsOf(info)]) await docker.getImage(ref).remove({ noprune: false }).catch(goneAlready)
      await docker.getImage(info.Id).remove({ noprune: false }).catch(goneAlready)
      result.removed.push(id)
    } catch (err) {
      result.kept.push({ id, reason: toEngineError(err, { kind: 'image', ref: label }).message })
    }
  }
  return result
}
