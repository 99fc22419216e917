// Copy and paste in a terminal, where Ctrl+C and Ctrl+V are also keys the process wants.
// - Ctrl+Shift+C copies the selection; Ctrl+C copies it too when there is one (as Windows Terminal
//   does), and otherwise goes to the process as ^C.
// - Ctrl+Shift+V and Ctrl+V paste (through the browser's own paste, so no clipboard permission is
//   asked): typing a literal ^V is rarely meant, and peers that send it are what users complain of.
// - On macOS, Cmd+C and Cmd+V are the browser's own and never reach the process.
import type { Terminal } from '@xterm/xterm'

export function handleClipboardKeys(term: Terminal): void {
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || event.altKey || event.metaKey) return true
    const key = event.key.toLowerCase()
    if (key === 'c' && (event.shiftKey || term.hasSelection())) {
      const text = term.getSelection()
      if (text) void navigator.clipboard?.writeText(text).catch(() => {})
      event.preventDefault()
      return false
    }
    // Not handled by xterm, not prevented: the browser pastes into xterm's textarea, which sends it.
    if (key === 'v') return false
    return true
  })
}
