import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useLiveList } from '../../composables/live-list'
import { imageShape, sameOr } from '@common/live-list'
import { cliLine } from '../../shared/cli'
import type { ImageSummary } from '@common/contract/images'
import type { Result } from '@common/contract/shared'

/** What the CLI is given for this row: repo:tag when tagged, else the short id (`docker rmi 3f2a…`). */
export const imageName = (image: ImageSummary): string => (image.tag === '<none>' ? image.shortId : image.reference)

export const useImagesStore = defineStore('images', () => {
  const { list, loaded, load, forget, start } = useLiveList(
    () => berth.images.list(),
    (listener) => berth.images.onChanged(listener),
    imageShape,
  )
  const query = ref('')
  const busy = ref(new Set<string>())
  const activity = useActivityStore()

  const visible = computed<ImageSummary[]>((previous) => {
    const q = query.value.trim().toLowerCase()
    if (!q) return list.value
    return sameOr(previous, list.value.filter((i) => i.reference.toLowerCase().includes(q) || i.shortId.startsWith(q)))
  })

  /** The row a page is about: a reference (`app:1`), or an id or its short form for an untagged image. */
  function find(refOrId: string): ImageSummary | undefined {
    const id = refOrId.replace(/^sha256:/, '')
    return (
      list.value.find((i) => i.reference === refOrId) ??
      (/^[0-9a-f]{12,64}$/.test(id) ? list.value.find((i) => i.id.replace(/^sha256:/, '').startsWith(id)) : undefined)
    )
  }

  async function remove(image: ImageSummary): Promise<boolean> {
    return (await activity.track(cliLine('docker', 'rmi', imageName(image)), () => removeOne(image))).ok
  }

  /** The bridge call alone, for a batch, which is tracked once under one command line. */
  async function removeOne(image: ImageSummary): Promise<Result<void>> {
    busy.value.add(image.reference)
    try {
      return await berth.images.remove({ reference: image.reference })
    } finally {
      busy.value.delete(image.reference)
    }
  }

  return { list, loaded, query, busy, visible, load, forget, start, find, remove, removeOne }
})
