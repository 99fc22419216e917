// File transfers for browser mode, over plain HTTP so big files stream both ways (the bridge's
// WebSocket carries small JSON messages only). Guarded like the WebSocket: a loopback Host, the
// per-launch token, and, for uploads, our own Origin. Inputs are checked with the contract's schemas.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { posix } from 'node:path'
import type Dockerode from 'dockerode'
import { z } from 'zod'
import { fileName, filePath, fileTarget } from '@common/contract/files'
import { EngineError, toBerthError } from '../engine/errors'
import { namingContainer } from '../engine/containers/containers'
import { downloadArchive, downloadFile, statPath } from '../engine/files/read'
import { locate } from '../engine/files/target'
import { uploadStream } from '../engine/files/write'
import type { FileTarget } from '@common/contract/volumes'
import type { Gate } from '../bridge/websocket'
import { sameSecret } from '../bridge/websocket'

export const TRANSFER_PATH = '/transfer/'
/** Bigger uploads are refused before a byte is read: drop them with the desktop app or `docker cp`. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3

/** `volume:data` or `container:web`, as the page puts it in a query string. */
const targetParam = z
  .string()
  .transform((s): unknown => {
    const colon = s.indexOf(':')
    const kind = s.slice(0, colon)
    return kind === 'volume' ? { kind, name: s.slice(colon + 1) } : { kind, id: s.slice(colon + 1) }
  })
  .pipe(fileTarget)

const downloadQuery = z.object({ target: targetParam, path: filePath })
const uploadQuery = z.object({ target: targetParam, dir: filePath, name: fileName })

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify({ ok: false, error: { code: status === 403 ? 'unauthorized' : 'invalid-input', message } }))
}

function failWith(res: ServerResponse, err: unknown): void {
  const error = toBerthError(err)
  const status = error.code === 'not-found' ? 404 : error.code === 'invalid-input' ? 400 : error.code === 'conflict' || error.code === 'in-use' ? 409 : 500
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify({ ok: false, error }))
}

/** RFC 6266 filename, safe for any name a container may hold. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

async function download(res: ServerResponse, docker: Dockerode, target: FileTarget, path: string): Promise<void> {
  // One lookup of the path serves the stat and the download.
  const located = await locate(docker, target, path)
  const stat = await statPath(docker, target, path, located)
  const base = path === '/' ? (target.kind === 'volume' ? target.name : 'root') : posix.basename(path)
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
  if (stat.type === 'file') {
    const { size, stream } = await downloadFile(docker, target, path, { stat, located })
    res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': size, 'Content-Disposition': attachment(base) })
    stream.pipe(res)
    res.on('close', () => stream.destroy())
    return
  }
  // A folder goes out as the tar `docker cp name:path -` would write.
  const archive = await downloadArchive(docker, target, path, located)
  res.writeHead(200, { ...headers, 'Content-Type': 'application/x-tar', 'Content-Disposition': attachment(`${base}.tar`) })
  archive.pipe(res)
  res.on('close', () => archive.destroy())
}

async function upload(req: IncomingMessage, res: ServerResponse, docker: Dockerode, query: z.output<typeof uploadQuery>): Promise<void> {
  const size = Number(req.headers['content-length'])
  if (!Number.isSafeInteger(size) || size < 0) throw new EngineError('invalid-input', 'An upload must say how big it is (Content-Length).')
  if (size > MAX_UPLOAD_BYTES) throw new EngineError('invalid-input', `Uploads in the browser are limited to ${MAX_UPLOAD_BYTES} bytes; use docker cp for bigger files.`)
  const { target } = query
  await namingContainer(docker, target.kind === 'container' ? target.id : undefined, () => uploadStream(docker, target, query.dir, query.name, size, req))
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify({ ok: true, value: null }))
}

export async function serveTransfer(req: IncomingMessage, res: ServerResponse, docker: Dockerode, gate: Gate): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const origin = req.headers.origin
  const token = req.method === 'POST' ? String(req.headers['x-berth-token'] ?? '') : (url.searchParams.get('token') ?? '')
  if (!gate.hosts.includes(req.headers.host ?? '')) return fail(res, 403, 'Berth only answers its own pages.')
  // A download is a navigation (no Origin header); an upload is a fetch, which always carries one.
  if ((origin !== undefined || req.method === 'POST') && !gate.origins.includes(origin ?? '')) return fail(res, 403, 'Berth only answers its own pages.')
  if (!sameSecret(token, gate.token)) return fail(res, 403, 'Berth only answers its own pages.')
  const params = Object.fromEntries(url.searchParams)
  try {
    if (url.pathname === `${TRANSFER_PATH}download` && req.method === 'GET') {
      const query = downloadQuery.safeParse(params)
      if (!query.success) return fail(res, 400, 'Berth refused the download: the target or path is not valid.')
      const { target, path } = query.data
      return await namingContainer(docker, target.kind === 'container' ? target.id : undefined, () => download(res, docker, target, path))
    }
    if (url.pathname === `${TRANSFER_PATH}upload` && req.method === 'POST') {
      const query = uploadQuery.safeParse(params)
      if (!query.success) return fail(res, 400, 'Berth refused the upload: the target, folder or name is not valid.')
      return await upload(req, res, docker, query.data)
    }
    fail(res, 404, 'There is no such transfer.')
  } catch (err) {
    req.resume()
    failWith(res, err)
  }
}
