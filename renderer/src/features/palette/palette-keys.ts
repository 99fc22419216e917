// The palette's keys, there from the window's first paint: Ctrl+K and Ctrl+Shift+P (⌘ on a Mac; VS
// Code's key) from anywhere but another dialog. In a terminal Ctrl+K belongs to the shell (it cuts the
// line): there only Ctrl+Shift+P opens the palette. Its code loads at its first opening; what is typed
// meanwhile goes to its line, so "Ctrl+K, stop web, Enter" works however fast it is typed.
import { onBeforeUnmount, onMounted } from 'vue'
import { usePaletteStore } from './palette-store'

export function usePaletteKeys(enabled: () => boolean): void {
  const palette = usePaletteStore()

  function onShortcut(event: KeyboardEvent): void {
    if (!enabled() || !(event.ctrlKey || event.metaKey) || event.altKey) return
    const key = event.key.toLowerCase()
    const wanted = (key === 'k' && !event.shiftKey) || (key === 'p' && event.shiftKey)
    if (!wanted) return
    if (key === 'k' && (event.target as HTMLElement | null)?.closest('.xterm')) return
    if (!palette.open && document.querySelector('[role=dialog][aria-modal=true]')) return
    event.preventDefault()
    palette.show()
  }

  /**
   * Keys pressed while the palette loads, before anything else sees them (a field that had the focus,
   * the list's Escape): the line keeps them, Escape closes it.
   */
  function onTypeAhead(event: KeyboardEvent): void {
    if (!palette.open || palette.ready || event.ctrlKey || event.metaKey || event.altKey) return
    if (event.key === 'Escape') palette.hide()
    else if (event.key === 'Enter') palette.enterAhead = true
    else if (event.key === 'Backspace') palette.text = palette.text.slice(0, -1)
    else if ([...event.key].length === 1) palette.text += event.key
    else return
    event.preventDefault()
  }

  onMounted(() => {
    window.addEventListener('keydown', onShortcut)
    window.addEventListener('keydown', onTypeAhead, true)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onShortcut)
    window.removeEventListener('keydown', onTypeAhead, true)
  })
}
