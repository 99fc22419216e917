// Looking inside a container: its inspect and its diff, loaded when a tab asks and again at each
// visit (a container changes). Reading a changed file goes through the files API.
import { defineStore } from 'pinia'
import { berth } from '../../bridge'
import { useLoaded } from '../../composables/loaded'
import type { Result } from '@common/contract/shared'
import type { ContainerDetail, PathChange } from '@common/contract/containers'
import type { TextFile } from '@common/contract/files'

export const useContainerDetailStore = defineStore('container-detail', () => {
  const details = useLoaded<ContainerDetail>((id) => berth.containers.inspect({ id }), false)
  const changes = useLoaded<PathChange[]>((id) => berth.containers.changes({ id }), false)

  /** A file the container added or changed, as text (the files API refuses big or binary ones, saying why). */
  function readContainerFile(id: string, path: string): Promise<Result<TextFile>> {
    return berth.files.read({ target: { kind: 'container', id }, path })
  }

  return {
    loadContainer: details.load,
    container: details.get,
    loadChanges: changes.load,
    changes: changes.get,
    readContainerFile,
  }
})
