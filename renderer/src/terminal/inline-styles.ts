// xterm draws with <style> elements it writes at run time (its theme, its cell sizes). Berth's
// Content-Security-Policy (style-src 'self') rightly refuses inline style elements, which would
// leave the terminal unstyled; rather than weaken the policy for every page, their text is copied
// into constructed style sheets, which the policy does not govern and no container output can reach.
export function adoptInlineStyles(root: HTMLElement): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>()
  const sync = () => {
    const present = new Set(root.querySelectorAll('style'))
    for (const element of present) {
      let sheet = sheets.get(element)
      if (!sheet) {
        sheet = new CSSStyleSheet()
        sheets.set(element, sheet)
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
      }
      sheet.replaceSync(element.textContent ?? '')
    }
    for (const [element, sheet] of sheets) {
      if (present.has(element)) continue
      sheets.delete(element)
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    }
  }
  const observer = new MutationObserver(sync)
  observer.observe(root, { subtree: true, childList: true, characterData: true })
  sync()
  return () => {
    observer.disconnect()
    const mine = new Set(sheets.values())
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !mine.has(s))
  }
}
