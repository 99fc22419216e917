// What each call of the contract does, in engine terms. Inputs arrive here already validated.
import type { Engine } from '../engine'
import { listContainers, removeContainer, restartContainer, startContainer, stopContainer } from '../engine/containers/containers'
import { listImages, removeImage } from '../engine/images/images'
import type { EventHub, Handlers } from './router'
import { createVolumeHandlers, type FilesHost } from './volume-handlers'
import { createLogHandlers, type BridgeHost } from './log-handlers'
import { createRegistryHandlers, type RegistryHost } from './registry-handlers'

export function createHandlers(engine: Engine, host: BridgeHost & RegistryHost & FilesHost = {}): Handlers {
  const docker = () => engine.docker
  return {
    engine: {
      status: async () => engine.connection.status,
    },
    containers: {
      list: () => listContainers(docker(), engine.containerTimes),
      start: ({ id }) => startContainer(docker(), id),
      stop: ({ id, timeout }) => stopContainer(docker(), id, timeout),
      restart: ({ id, timeout }) => restartContainer(docker(), id, timeout),
      remove: ({ id, force }) => removeContainer(docker(), id, force),
    },
    images: {
      list: () => listImages(docker()),
      remove: ({ reference }) => removeImage(docker(), reference),
    },
    logs: createLogHandlers(engine, host),
    registry: createRegistryHandlers(engine, host),
    ...createVolumeHandlers(engine, host),
  }
}

/** Forwards the engine's live state to every page. */
export function publishEngineEvents(engine: Engine, hub: EventHub): () => void {
  const offStatus = engine.connection.onStatus((status) => hub.emit('engine', 'status', status))
  const offLists = engine.watch({
    containers: (list) => hub.emit('containers', 'changed', list),
    images: (list) => hub.emit('images', 'changed', list),
    volumes: (list) => hub.emit('volumes', 'changed', list),
  })
  return () => {
    offStatus()
    offLists()
  }
}
