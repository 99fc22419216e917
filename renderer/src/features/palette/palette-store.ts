// The palette's state: whether it is open and the line typed. Small, and loaded with the window, as
// Ctrl+K opens the palette from anywhere; the palette itself and what it finds (palette-matches.ts)
// load at its first opening.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const usePaletteStore = defineStore('palette', () => {
  const open = ref(false)
  const text = ref('')
  /** Counts Ctrl+K pressed while it is open: the line selects its text again. */
  const reselect = ref(0)
  /** Whether the palette's code has loaded and shown; until then the keys typed are kept here. */
  const ready = ref(false)
  /** Enter pressed before the palette had loaded: it runs the best match once it has. */
  const enterAhead = ref(false)

  function show(): void {
    if (open.value) {
      reselect.value++
      return
    }
    text.value = ''
    enterAhead.value = false
    open.value = true
  }
  function hide(): void {
    open.value = false
  }

  return { open, text, reselect, ready, enterAhead, show, hide }
})
