// The networks domain: `docker network ls / inspect / create / rm / prune / connect / disconnect`, in engine terms.
import type { Engine } from '../engine'
import { createNetwork, inspectNetwork, previewNetworkPrune, pruneNetworks, removeNetwork } from '../engine/networks/networks'
import { connectContainer, disconnectContainer } from '../engine/networks/connect'
import type { Handlers } from './router'

export function createNetworkHandlers(engine: Engine): Handlers['networks'] {
  const docker = () => engine.docker
  /** Podman sends no event for a network made or removed: the list is refreshed before the answer, on any engine. */
  const thenRefresh = async <T>(change: Promise<T>): Promise<T> => {
    try {
      return await change
    } finally {
      await engine.refreshNetworks().catch(() => {})
    }
  }
  return {
    list: () => engine.snapshot('networks'),
    refresh: () => engine.refreshNetworks(),
    inspect: ({ name }) => inspectNetwork(docker(), name),
    create: (input) => thenRefresh(createNetwork(docker(), input)),
    remove: ({ name }) => thenRefresh(removeNetwork(docker(), name)),
    prunePreview: () => previewNetworkPrune(docker()),
    prune: ({ names }) => thenRefresh(pruneNetworks(docker(), names)),
    connect: ({ network, container, aliases }) => connectContainer(docker(), network, container, aliases),
    disconnect: ({ network, container, force }) => disconnectContainer(docker(), network, container, force),
  }
}
