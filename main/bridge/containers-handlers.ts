// The containers domain: the list, start, stop, restart, remove, looking inside one (inspect, diff)
// and prune, in engine terms. Running one is in run-handlers.ts, as it is in the contract.
import type { Engine } from '../engine'
import type { CredentialStore } from '../engine/registry/credentials'
import { removeContainer, restartContainer, startContainer, stopContainer } from '../engine/containers/containers'
import { inspectContainer } from '../engine/containers/inspect'
import { containerChanges } from '../engine/containers/changes'
import { previewContainerPrune, pruneContainers } from '../engine/system/prune'
import type { Handlers } from './router'
import { createRunHandlers } from './run-handlers'

export function createContainerHandlers(engine: Engine, credentials: CredentialStore): Handlers['containers'] {
  const docker = () => engine.docker
  /** Berth's own stops are not a container exiting on its own: Podman's events cannot tell. */
  const stopping = <T>(id: string, action: () => Promise<T>): Promise<T> => {
    engine.exits.expectStop(id)
    return action()
  }
  return {
    list: () => engine.snapshot('containers'),
    start: ({ id }) => startContainer(docker(), id),
    stop: ({ id, timeout }) => stopping(id, () => stopContainer(docker(), id, timeout)),
    restart: ({ id, timeout }) => stopping(id, () => restartContainer(docker(), id, timeout)),
    remove: ({ id, force, volumes }) => (force ? stopping(id, () => removeContainer(docker(), id, force, volumes)) : removeContainer(docker(), id, force, volumes)),
    inspect: ({ id }) => inspectContainer(docker(), id),
    changes: ({ id }) => containerChanges(docker(), id),
    prunePreview: () => previewContainerPrune(docker()),
    prune: ({ ids }) => pruneContainers(docker(), ids),
    ...createRunHandlers(engine, credentials),
  }
}
