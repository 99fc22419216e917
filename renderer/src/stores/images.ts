import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../bridge'
import { useActivityStore } from './activity'
import { useLiveList } from './live-list'
import { cliLine } from '../cli'
import type { ImageSummary } from '../../../common/api'

export const useImagesStore = defineStore('images', () => {
  const { list, loaded, load, start } = useLiveList(
    () => berth.images.list(),
    (listener) => berth.images.onChanged(listener),
  )
  const query = ref('')
  const busy = ref(new Set<string>())
  const activity = useActivityStore()

  const visible = computed(() => {
    const q = query.value.trim().toLowerCase()
    if (!q) return list.value
    return list.value.filter((i) => i.reference.toLowerCase().includes(q) || i.shortId.startsWith(q))
  })

  async function remove(image: ImageSummary): Promise<boolean> {
    const ref = image.tag === '<none>' ? image.shortId : image.reference
    busy.value.add(image.reference)
    try {
      return (await activity.track(cliLine('docker', 'rmi', ref), () => berth.images.remove({ reference: image.reference }))).ok
    } finally {
      busy.value.delete(image.reference)
    }
  }

  return { list, loaded, query, busy, visible, load, start, remove }
})
