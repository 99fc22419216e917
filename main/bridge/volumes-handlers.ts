// The volumes domain: `docker volume ls / inspect / create / rm / prune`, in engine terms. Browsing
// their files is in files-handlers.ts, as it is in the contract.
import type { Engine } from '../engine'
import { createVolume, inspectVolume, previewVolumePrune, pruneVolumes, removeVolume } from '../engine/volumes/volumes'
import type { Handlers } from './router'

export function createVolumeHandlers(engine: Engine): Handlers['volumes'] {
  const docker = () => engine.docker
  return {
    list: () => engine.snapshot('volumes'),
    inspect: ({ name }) => inspectVolume(docker(), name),
    create: ({ name, labels }) => createVolume(docker(), name, labels),
    remove: ({ name }) => removeVolume(docker(), name),
    prunePreview: () => previewVolumePrune(docker()),
    prune: ({ names }) => pruneVolumes(docker(), names),
  }
}
