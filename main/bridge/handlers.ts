// What each call of the contract does, in engine terms. Inputs arrive here already validated.
import type { Engine } from '../engine'
import { removeContainer, restartContainer, startContainer, stopContainer } from '../engine/containers/containers'
import { removeImage } from '../engine/images/images'
import type { EventHub, Handlers } from './router'
import { createVolumeHandlers, type FilesHost } from './volume-handlers'
import { createLogHandlers } from './log-handlers'
import { createTerminalHandlers } from './terminal-handlers'

/** What the host around the bridge can do beyond the engine. Electron opens windows; browser mode cannot. */
export interface BridgeHost {
  /** Opens another window on the app's page, at this route (the URL fragment, already validated). */
  openWindow?(route: string): void
}
import { createRegistryHandlers, type RegistryHost } from './registry-handlers'

export function createHandlers(engine: Engine, host: BridgeHost & RegistryHost & FilesHost = {}): Handlers {
  const docker = () => engine.docker
  return {
    engine: {
      status: async () => engine.connection.status,
    },
    containers: {
      list: () => engine.snapshot('containers'),
      start: ({ id }) => startContainer(docker(), id),
      stop: ({ id, timeout }) => stopContainer(docker(), id, timeout),
      restart: ({ id, timeout }) => restartContainer(docker(), id, timeout),
      remove: ({ id, force }) => removeContainer(docker(), id, force),
    },
    images: {
      list: () => engine.snapshot('images'),
      remove: ({ reference }) => removeImage(docker(), reference),
    },
    logs: createLogHandlers(engine),
    window: {
      popOut: async ({ route }) => {
        if (!host.openWindow) return { opened: false }
        host.openWindow(route)
        return { opened: true }
      },
    },
    registry: createRegistryHandlers(engine, host),
    terminal: createTerminalHandlers(engine),
    ...createVolumeHandlers(engine, host),
  }
}

/** Forwards the engine's live state to every page. */
export function publishEngineEvents(engine: Engine, hub: EventHub): () => void {
  const offStatus = engine.connection.onStatus((status) => hub.emit('engine', 'status', status))
  const offLists = engine.watch({
    containers: (_, change) => change && hub.emit('containers', 'changed', change),
    images: (_, change) => change && hub.emit('images', 'changed', change),
    volumes: (_, change) => change && hub.emit('volumes', 'changed', change),
  })
  return () => {
    offStatus()
    offLists()
  }
}
