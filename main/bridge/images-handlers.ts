// The images domain: the list, remove, looking inside one (inspect, history) and prune, in engine
// terms. Tag, pull and push are in registry-handlers.ts, as they are in the contract.
import type { Engine } from '../engine'
import { removeImage } from '../engine/images/images'
import { imageHistory, inspectImage } from '../engine/images/history'
import { previewImagePrune, pruneImages } from '../engine/system/prune'
import type { Handlers } from './router'

export function createImageHandlers(engine: Engine): Handlers['images'] {
  const docker = () => engine.docker
  return {
    list: () => engine.snapshot('images'),
    remove: ({ reference }) => removeImage(docker(), reference),
    inspect: ({ reference }) => inspectImage(docker(), reference),
    history: ({ reference }) => imageHistory(docker(), reference),
    prunePreview: ({ all }) => previewImagePrune(docker(), all),
    prune: ({ ids, all }) => pruneImages(docker(), ids, all),
  }
}
