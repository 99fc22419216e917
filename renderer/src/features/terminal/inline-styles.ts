// xterm draws with <style> elements it writes at run time (its theme, its cell sizes). Berth's
// Content-Security-Policy (style-src 'self') rightly refuses inline style elements, which would
// leave the terminal unstyled; rather than weaken the policy for every page, their text is copied
// into constructed style sheets, which the policy does not govern and no container output can reach.
// Only the style elements and their parents are watched: the rows change on every frame of output.
export function adoptInlineStyles(root: HTMLElement): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>()
  const watchedParents = new WeakSet<Node>()
  const copy = (element: HTMLStyleElement) => {
    let sheet = sheets.get(element)
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheets.set(element, sheet)
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
      contents.observe(element, { childList: true, characterData: true, subtree: true })
    }
    sheet.replaceSync(element.textContent ?? '')
  }
  const contents = new MutationObserver((records) => {
    for (const element of new Set(records.map((r) => (r.target instanceof HTMLStyleElement ? r.target : r.target.parentElement)))) {
      if (element instanceof HTMLStyleElement) copy(element)
    }
  })
  const parents = new MutationObserver(() => scan())
  const scan = () => {
    const present = new Set(root.querySelectorAll('style'))
    for (const element of present) {
      copy(element)
      const parent = element.parentNode
      if (parent && !watchedParents.has(parent)) {
        watchedParents.add(parent)
        parents.observe(parent, { childList: true })
      }
    }
    for (const [element, sheet] of sheets) {
      if (present.has(element)) continue
      sheets.delete(element)
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    }
  }
  // xterm adds its cell-size element at the first render: the screen element is watched for it.
  for (const parent of [root, ...root.querySelectorAll('.xterm-screen, .xterm')]) {
    watchedParents.add(parent)
    parents.observe(parent, { childList: true })
  }
  scan()
  return () => {
    contents.disconnect()
    parents.disconnect()
    const mine = new Set(sheets.values())
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !mine.has(s))
  }
}
