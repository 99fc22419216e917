// The networks domain: `docker network ls / inspect / create / rm / prune / connect / disconnect`, in engine terms.
import type { Engine } from '../engine'
import { createNetwork, inspectNetwork, previewNetworkPrune, pruneNetworks, removeNetwork } from '../engine/networks/networks'
import { connectContainer, disconnectContainer } from '../engine/networks/connect'
import type { Handlers } from './router'

export function createNetworkHandlers(engine: Engine): Handlers['networks'] {
  const docker = () => engine.docker
  return {
    list: () => engine.snapshot('networks'),
    inspect: ({ name }) => inspectNetwork(docker(), name),
    create: (input) => createNetwork(docker(), input),
    remove: ({ name }) => removeNetwork(docker(), name),
    prunePreview: () => previewNetworkPrune(docker()),
    prune: ({ names }) => pruneNetworks(docker(), names),
    connect: ({ network, container, aliases }) => connectContainer(docker(), network, container, aliases),
    disconnect: ({ network, container, force }) => disconnectContainer(docker(), network, container, force),
  }
}
