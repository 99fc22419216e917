// Big files in browser mode travel over plain HTTP beside the bridge's WebSocket, so they stream and
// show progress. Same per-launch token as the WebSocket. In the desktop window there is no such
// server: stores fall back to the bridge (small uploads) there.
import type { FileTarget } from '@common/contract/volumes'
import type { Result } from '@common/contract/shared'
import { TOKEN_KEY } from './websocket'

export const httpTransfers = typeof window !== 'undefined' && !window.berth

const targetParam = (target: FileTarget) => (target.kind === 'volume' ? `volume:${target.name}` : `container:${target.id}`)
const token = () => window.sessionStorage.getItem(TOKEN_KEY) ?? ''

/** A link that downloads a file (as itself) or a folder (as a .tar). */
export function downloadUrl(target: FileTarget, path: string): string {
  const query = new URLSearchParams({ target: targetParam(target), path, token: token() })
  return `/transfer/download?${query}`
}

/** Streams one file into a folder; `onProgress` gets the fraction sent. */
export function uploadFile(target: FileTarget, dir: string, file: File, onProgress: (fraction: number) => void): Promise<Result<null>> {
  const query = new URLSearchParams({ target: targetParam(target), dir, name: file.name })
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/transfer/upload?${query}`)
    xhr.setRequestHeader('X-Berth-Token', token())
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<null>)
      } catch {
        resolve({ ok: false, error: { code: 'internal', message: `The upload failed (HTTP ${xhr.status}).` } })
      }
    }
    xhr.onerror = () => resolve({ ok: false, error: { code: 'engine-unreachable', message: 'Lost the connection to Berth during the upload.' } })
    xhr.send(file)
  })
}
