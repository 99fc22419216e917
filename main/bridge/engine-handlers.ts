// The engine domain: its status when asked, and what every page hears as the engine changes, from
// the one watch main keeps on it: the status, and each list's changes (containers, images, volumes).
import type { Engine } from '../engine'
import type { EventHub, Handlers } from './router'

export function createEngineHandlers(engine: Engine): Handlers['engine'] {
  return {
    status: async () => engine.connection.status,
  }
}

/** Forwards the engine's live state to every page. */
export function publishEngineEvents(engine: Engine, hub: EventHub): () => void {
  const offStatus = engine.connection.onStatus((status) => hub.emit('engine', 'status', status))
  const offLists = engine.watch({
    containers: (_, change) => change && hub.emit('containers', 'changed', change),
    images: (_, change) => change && hub.emit('images', 'changed', change),
    volumes: (_, change) => change && hub.emit('volumes', 'changed', change),
    networks: (_, change) => change && hub.emit('networks', 'changed', change),
  })
  const offExits = engine.exits.onExit((exit) => hub.emit('containers', 'exited', exit))
  const offHealth = engine.exits.onUnhealthy((turn) => hub.emit('containers', 'unhealthy', turn))
  return () => {
    offStatus()
    offLists()
    offExits()
    offHealth()
  }
}
