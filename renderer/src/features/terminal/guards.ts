// What a container's output may not do to Berth: the output is untrusted, like any text from the engine.
import type { Terminal } from '@xterm/xterm'

/** OSC 52 asks the terminal to write the clipboard: refused (handled, and nothing done). */
export function refuseClipboardWrites(term: Terminal): void {
  term.parser.registerOscHandler(52, () => true)
}

/**
 * A link in the output, opened only on a click. In the desktop window, window.open goes through
 * main's link gate, which asks first for any host but a few documentation sites; in a browser the
 * page asks, naming the host.
 */
export function openLink(event: MouseEvent, uri: string): void {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return
  event.preventDefault()
  if (!window.berthDesktop && !window.confirm(`Open ${url.host} in a new tab?\n\n${uri}\n\nThe link came from the container's output.`)) return
  window.open(url.href, '_blank', 'noopener,noreferrer')
}
