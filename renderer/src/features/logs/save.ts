// Hands text to the user as a file: a download in a browser tab, the save flow in Electron.
export function saveTextFile(parts: string[], filename: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/plain;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click starts the download synchronously; the blob may go once it has begun.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Copies text; falls back to the older command where the async clipboard is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return document.execCommand('copy')
  }
}
