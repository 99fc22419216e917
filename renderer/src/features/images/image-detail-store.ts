// Looking inside an image: its inspect and its history, loaded when a tab asks.
import { defineStore } from 'pinia'
import { berth } from '../../bridge'
import { watch } from 'vue'
import { useLoaded } from '../../composables/loaded'
import { useEnginesStore } from '../engines/engines-store'
import type { ImageDetail, ImageHistory } from '@common/contract/images'

export const useImageDetailStore = defineStore('image-detail', () => {
  // Keyed by the reference the page shows: a tag can move to another image, so no keeping.
  const details = useLoaded<ImageDetail>((reference) => berth.images.inspect({ reference }), false)
  const histories = useLoaded<ImageHistory>((reference) => berth.images.history({ reference }), false)
  // A reference names another image on another engine: nothing read from the old one is shown.
  watch(
    () => useEnginesStore().generation,
    () => {
      details.forget()
      histories.forget()
    },
  )
  return {
    loadImage: details.load,
    image: details.get,
    loadHistory: histories.load,
    history: histories.get,
  }
})
