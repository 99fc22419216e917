// The palette's keys, there from the window's first paint: Ctrl+K (or Ctrl+Shift+P, VS Code's key) from
// anywhere but another dialog. In a terminal Ctrl+K belongs to the shell (it cuts the line): there only
// Ctrl+Shift+P opens the palette. The palette's code loads at its first opening; what is typed
// meanwhile goes to its line, so "Ctrl+K, stop web, Enter" works however fast it is typed.
import { onBeforeUnmount, onMounted } from 'vue'
import { usePaletteStore } from './palette-store'

export function usePaletteKeys(enabled: () => boolean): void {
  const palette = usePaletteStore()

  function onKey(event: KeyboardEvent): void {
    if (!enabled()) return
    if (!isShortcut(event)) {
      if (palette.open && !palette.ready) typeAhead(event)
      return
    }
    if (!palette.open && document.querySelector('[role=dialog][aria-modal=true]')) return
    event.preventDefault()
    palette.show()
  }

  function isShortcut(event: KeyboardEvent): boolean {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return false
    const key = event.key.toLowerCase()
    const wanted = (key === 'k' && !event.shiftKey) || (key === 'p' && event.shiftKey)
    return wanted && !(key === 'k' && (event.target as HTMLElement | null)?.closest('.xterm'))
  }

  /** Keys pressed while the palette loads: the line keeps them, Escape still closes it. */
  function typeAhead(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
    if ((event.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable]')) return
    if (event.key === 'Escape') palette.hide()
    else if (event.key === 'Enter') palette.enterAhead = true
    else if (event.key === 'Backspace') palette.text = palette.text.slice(0, -1)
    else if ([...event.key].length === 1) palette.text += event.key
    else return
    event.preventDefault()
  }

  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
