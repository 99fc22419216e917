// What each call of the contract does, in engine terms. Inputs arrive here already validated.
import type { Engine } from '../engine'
import { listContainers, removeContainer, restartContainer, startContainer, stopContainer } from '../engine/containers'
import { listImages, removeImage } from '../engine/images'
import type { EventHub, Handlers } from './router'

export function createHandlers(engine: Engine): Handlers {
  const docker = () => engine.docker
  return {
    engine: {
      status: async () => engine.connection.status,
    },
    containers: {
      list: () => listContainers(docker()),
      start: ({ id }) => startContainer(docker(), id),
      stop: ({ id, timeout }) => stopContainer(docker(), id, timeout),
      restart: ({ id, timeout }) => restartContainer(docker(), id, timeout),
      remove: ({ id, force }) => removeContainer(docker(), id, force),
    },
    images: {
      list: () => listImages(docker()),
      remove: ({ reference }) => removeImage(docker(), reference),
    },
  }
}

/** Forwards the engine's live state to every page. */
export function publishEngineEvents(engine: Engine, hub: EventHub): () => void {
  const offStatus = engine.connection.onStatus((status) => hub.emit('engine', 'status', status))
  const offLists = engine.watch({
    containers: (list) => hub.emit('containers', 'changed', list),
    images: (list) => hub.emit('images', 'changed', list),
  })
  return () => {
    offStatus()
    offLists()
  }
}
