// Looking inside: an image's inspect and history, a container's inspect and diff, loaded when a tab
// asks and kept for the page's life (an image never changes; a container's inspect is reloaded on
// each visit). Reading a changed file goes through the files API.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { berth } from '../../bridge'
import type { BerthError, Result } from '@common/contract/shared'
import type { ContainerDetail, PathChange } from '@common/contract/containers'
import type { ImageDetail, ImageHistory } from '@common/contract/images'
import type { TextFile } from '@common/contract/files'

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: BerthError }

function loader<T>(fetch: (key: string) => Promise<Result<T>>, keep: boolean) {
  // Shallow: 10,000 changed paths need no deep reactivity, and making them reactive cost most of a tab's open.
  const entries = shallowRef(new Map<string, Loaded<T>>())
  const set = (key: string, value: Loaded<T>) => {
    entries.value = new Map(entries.value).set(key, value)
  }
  async function load(key: string): Promise<void> {
    const known = entries.value.get(key)
    if (keep && known?.state === 'ready') return
    if (!known || known.state === 'failed') set(key, { state: 'loading' })
    const result = await fetch(key)
    set(key, result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error })
  }
  const get = (key: string): Loaded<T> => entries.value.get(key) ?? { state: 'loading' }
  return { load, get }
}

export const useInsideStore = defineStore('inside', () => {
  // Keyed by the reference the page shows: a tag can move to another image, so no keeping.
  const imageDetails = loader<ImageDetail>((reference) => berth.images.inspect({ reference }), false)
  const imageHistories = loader<ImageHistory>((reference) => berth.images.history({ reference }), false)
  const containerDetails = loader<ContainerDetail>((id) => berth.containers.inspect({ id }), false)
  const containerChanges = loader<PathChange[]>((id) => berth.containers.changes({ id }), false)

  /** A file the container added or changed, as text (the files API refuses big or binary ones, saying why). */
  function readContainerFile(id: string, path: string): Promise<Result<TextFile>> {
    return berth.files.read({ target: { kind: 'container', id }, path })
  }

  return {
    loadImage: imageDetails.load,
    image: imageDetails.get,
    loadHistory: imageHistories.load,
    history: imageHistories.get,
    loadContainer: containerDetails.load,
    container: containerDetails.get,
    loadChanges: containerChanges.load,
    changes: containerChanges.get,
    readContainerFile,
  }
})
