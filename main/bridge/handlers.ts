// What each call of the contract does, in engine terms. Inputs arrive here already validated.
import type { Engine } from '../engine'
import { removeContainer, restartContainer, startContainer, stopContainer } from '../engine/containers/containers'
import { removeImage } from '../engine/images/images'
import type { EventHub, Handlers } from './router'
import { createVolumeHandlers, type FilesHost } from './volume-handlers'
import { createLogHandlers } from './log-handlers'
import { createInsideHandlers } from './inside-handlers'
import { createRegistryHandlers, type RegistryHost } from './registry-handlers'
import { createBuildHandlers, type BuildHost } from './build-handlers'
import { createRunHandlers } from './run-handlers'
import { CredentialStore } from '../engine/registry/credentials'
import { createTerminalHandlers } from './terminal-handlers'

/** What the host around the bridge can do beyond the engine. Electron opens windows; browser mode cannot. */
export interface BridgeHost {
  /** Opens another window on the app's page, at this route (the URL fragment, already validated). */
  openWindow?(route: string): void
}

export function createHandlers(engine: Engine, host: BridgeHost & RegistryHost & FilesHost & BuildHost = {}): Handlers {
  const docker = () => engine.docker
  const inside = createInsideHandlers(engine)
  // One store for logins, so a pull before a run sees a login made in this session.
  const credentials = host.credentials ?? new CredentialStore({ secretBox: host.secretBox ?? null })
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
      ...inside.containers,
      ...createRunHandlers(engine, credentials),
    },
    images: {
      list: () => engine.snapshot('images'),
      remove: ({ reference }) => removeImage(docker(), reference),
      ...inside.images,
    },
    logs: createLogHandlers(engine),
    window: {
      popOut: async ({ route }) => {
        if (!host.openWindow) return { opened: false }
        host.openWindow(route)
        return { opened: true }
      },
    },
    stats: inside.stats,
    system: inside.system,
    builds: createBuildHandlers(engine, host),
    registry: createRegistryHandlers(engine, { ...host, credentials }),
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
