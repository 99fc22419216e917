// Looking inside an image: `docker image inspect` and `docker history`, with which layers other local
// images hold too. The engine stores a layer once per chain (the layer and everything under it), so a
// layer is shared when another image has the same layers up to and including it: that is what
// `docker system df -v` counts as SHARED SIZE, and what this counts the same way.
import type Dockerode from 'dockerode'
import { toEngineError } from '../errors'
import { isHelper } from '../volumes/helper-image'
import { shortImageId } from './images'
import { familiarReference } from './reference'
import type { HistoryStep, ImageDetail, ImageHistory } from '@common/contract/images'

/** One entry of the engine's /images/{name}/history answer, newest first. */
export interface EngineHistoryEntry {
  Id: string
  Created: number
  CreatedBy: string
  Tags: string[] | null
  Size: number
  Comment: string
}

const list = <T>(value: T[] | null | undefined): T[] => value ?? []
const keys = (value: Record<string, unknown> | null | undefined): string[] => Object.keys(value ?? {}).sort()

export function toImageDetail(info: Dockerode.ImageInspectInfo): ImageDetail {
  const config = (info.Config ?? {}) as Partial<Dockerode.ImageInspectInfo['Config']>
  return {
    id: info.Id,
    repoTags: list(info.RepoTags).filter((t) => t !== '<none>:<none>'),
    repoDigests: list(info.RepoDigests).filter((d) => d !== '<none>@<none>'),
    os: info.Os,
    architecture: info.Architecture,
    ...((info as { Variant?: string }).Variant ? { variant: (info as { Variant?: string }).Variant } : {}),
    size: info.Size,
    created: info.Created,
    author: info.Author ?? '',
    entrypoint: (config.Entrypoint as string[] | null | undefined) ?? null,
    cmd: (config.Cmd as string[] | null | undefined) ?? null,
    workdir: config.WorkingDir ?? '',
    user: config.User ?? '',
    exposedPorts: keys(config.ExposedPorts),
    env: list(config.Env),
    volumes: keys(config.Volumes as Record<string, unknown> | undefined),
    labels: { ...(config.Labels ?? {}) },
    layers: list(info.RootFS?.Layers),
    raw: JSON.stringify(info, null, 2),
  }
}

export async function inspectImage(docker: Dockerode, reference: string): Promise<ImageDetail> {
  try {
    return toImageDetail(await docker.getImage(reference).inspect())
  } catch (err) {
    throw toEngineError(err, { kind: 'image', ref: reference })
  }
}

/** An image's layers never change (its id is their hash), so what was read once is kept. */
const layersById = new Map<string, string[]>()

async function layersOf(docker: Dockerode, id: string): Promise<string[]> {
  const known = layersById.get(id)
  if (known) return known
  const layers = list((await docker.getImage(id).inspect()).RootFS?.Layers)
  if (layersById.size > 5000) layersById.clear()
  layersById.set(id, layers)
  return layers
}

/** Every chain (layers base first, up to each one) of the other local images, with their names. */
async function chainsOfOthers(docker: Dockerode, selfId: string): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>()
  const others = (await docker.listImages({ all: false })).filter((i) => i.Id !== selfId && !isHelper(i.Labels ?? undefined))
  const layered = await Promise.all(others.map(async (i) => ({ info: i, layers: await layersOf(docker, i.Id).catch(() => []) })))
  for (const { info, layers } of layered) {
    // Named as the CLI names it (Podman stores docker.io/…), as the images list does.
    const tag = list(info.RepoTags).find((t) => t !== '<none>:<none>')
    const name = tag ? familiarReference(tag) : shortImageId(info.Id)
    let chain = ''
    for (const layer of layers) {
      chain += `${layer}\n`
      const names = chains.get(chain) ?? []
      names.push(name)
      chains.set(chain, names)
    }
  }
  return chains
}

const METADATA_ONLY = /^(?:\/bin\/sh -c )?#\(nop\)\s+(?!ADD|COPY|WORKDIR)|^(ENV|CMD|LABEL|EXPOSE|ENTRYPOINT|USER|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ARG|ONBUILD|MAINTAINER)\b/

/**
 * Which step made which layer. The history API does not say (the image's config marks steps that
 * made none, but the engine does not pass that on), so: a step that added bytes made a layer; a step
 * that added none made one only if its instruction can (RUN, COPY, ADD, and WORKDIR, which creates its
 * folder) and enough layers
 * are left for the steps after it that added bytes.
 */
export function assignLayers(steps: Array<{ size: number; createdBy: string }>, layers: string[]): Array<string | undefined> {
  const out: Array<string | undefined> = []
  let next = 0
  const laterWithBytes = (from: number) => steps.slice(from).filter((s) => s.size > 0).length
  steps.forEach((step, i) => {
    const layersLeft = layers.length - next
    const stepsLeft = steps.length - i
    const makes =
      layersLeft > 0 &&
      (step.size > 0 || layersLeft >= stepsLeft || (!METADATA_ONLY.test(step.createdBy.trim()) && laterWithBytes(i + 1) < layersLeft))
    out.push(makes ? layers[next++] : undefined)
  })
  return out
}

export async function imageHistory(docker: Dockerode, reference: string): Promise<ImageHistory> {
  try {
    const image = docker.getImage(reference)
    const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<EngineHistoryEntry[]>])
    layersById.set(info.Id, list(info.RootFS?.Layers))
    const chains = await chainsOfOthers(docker, info.Id)
    const raw = [...history].reverse().map((h) => ({
      id: h.Id,
      created: h.Created,
      createdBy: h.CreatedBy ?? '',
      size: h.Size,
      comment: h.Comment ?? '',
      tags: list(h.Tags).filter((t) => t !== '<none>:<none>'),
    }))
    const assigned = assignLayers(raw, list(info.RootFS?.Layers))
    let chain = ''
    let sharedSize = 0
    let totalSize = 0
    const steps: HistoryStep[] = raw.map((step, i) => {
      const layer = assigned[i]
      let sharedWith: string[] = []
      if (layer) {
        chain += `${layer}\n`
        sharedWith = [...new Set(chains.get(chain) ?? [])]
        if (sharedWith.length) sharedSize += step.size
      }
      totalSize += step.size
      return { ...step, ...(layer ? { layer } : {}), sharedWith }
    })
    return { steps, sharedSize, uniqueSize: totalSize - sharedSize, totalSize }
  } catch (err) {
    throw toEngineError(err, { kind: 'image', ref: reference })
  }
}
