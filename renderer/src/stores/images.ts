import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../bridge'
import { useActivityStore } from './activity'
import type { ImageSummary } from '../../../preload/api'

export const useImagesStore = defineStore('images', () => {
  const list = ref<ImageSummary[]>([])
  const loaded = ref(false)
  const query = ref('')
  const busy = ref(new Set<string>())
  const activity = useActivityStore()

  const visible = computed(() => {
    const q = query.value.trim().toLowerCase()
    if (!q) return list.value
    return list.value.filter((i) => i.reference.toLowerCase().includes(q) || i.shortId.startsWith(q))
  })

  function set(next: ImageSummary[]): void {
    list.value = next
    loaded.value = true
  }

  async function load(): Promise<void> {
    const result = await berth.images.list()
    if (result.ok) set(result.value)
  }

  function start(): void {
    berth.images.onChanged(set)
    void load()
  }

  async function remove(image: ImageSummary): Promise<boolean> {
    const ref = image.tag === '<none>' ? image.shortId : image.reference
    busy.value.add(image.reference)
    try {
      return (await activity.track(`docker rmi ${ref}`, () => berth.images.remove({ reference: image.reference }))).ok
    } finally {
      busy.value.delete(image.reference)
    }
  }

  return { list, loaded, query, busy, visible, load, start, remove }
})
