// Reading files inside a volume or a container, through the engine's archive API alone (what
// `docker cp` uses), so it works the same for engines inside a VM. Everything streams: a folder
// listing reads tar headers and skips the bytes, a download passes through without holding a file in memory.
import { posix } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { once } from 'node:events'
import type Dockerode from 'dockerode'
import * as tar from 'tar-stream'
import { EngineError } from '../errors'
import { quoted } from '@common/echo'
import { describe, fileError, HelperGone, locate, retryWhenHelperGone, type Located } from './target'
import type { DirectoryListing, FileEntry, FileType, TextFile } from '@common/contract/files'
import type { FileTarget } from '@common/contract/volumes'

export const MAX_LISTED_ENTRIES = 5000
export const MAX_TEXT_BYTES = 512 * 1024

/** Go's os.FileMode bits, as the engine reports them in a path stat. */
const GO_MODE_DIR = 2 ** 31
const GO_MODE_SYMLINK = 2 ** 27

interface PathStat {
  name: string
  size: number
  mode: number
  mtime: string
  linkTarget: string
}

export async function statPath(docker: Dockerode, target: FileTarget, path: string, located?: Located): Promise<FileEntry> {
  let where = located
  try {
    where ??= await locate(docker, target, path)
    const { container, enginePath } = where
    const response = (await container.infoArchive({ path: enginePath })) as unknown as Readable & { headers: Record<string, string> }
    // A HEAD answer still holds the socket until it is read to its (empty) end.
    response.resume()
    const header = response.headers['x-docker-container-path-stat']
    if (!header) throw new EngineError('internal', 'The engine did not describe the path.')
    const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PathStat
    const type: FileType =
      stat.mode & GO_MODE_DIR ? 'directory' : stat.mode & GO_MODE_SYMLINK ? 'symlink' : stat.mode >= 2 ** 21 ? 'other' : 'file'
    return {
      name: path === '/' ? '/' : posix.basename(path),
      type,
      size: stat.size,
      mode: stat.mode & 0o777,
      mtime: Date.parse(stat.mtime),
      ...(stat.linkTarget ? { linkTarget: stat.linkTarget } : {}),
    }
  } catch (err) {
    // A HEAD answer has no body to tell a missing container from a missing path: ask.
    if (target.kind === 'container' && (err as { statusCode?: number }).statusCode === 404) {
      const gone = await docker.getContainer(target.id).inspect().then(() => false, () => true)
      if (gone) throw new EngineError('not-found', `No ${describe(target)} exists (it may have just been removed).`)
    }
    if (target.kind === 'volume' && where && (err as { statusCode?: number }).statusCode === 404) {
      const gone = await where.container.inspect().then(() => false, (e: unknown) => (e as { statusCode?: number }).statusCode === 404)
      if (gone) throw new HelperGone(target)
    }
    throw fileError(err, target, path)
  }
}

/** The archive of a file or folder, as `docker cp name:path -` writes it: the top entry is its base name. */
export async function downloadArchive(docker: Dockerode, target: FileTarget, path: string, located?: Located): Promise<Readable> {
  try {
    const { container, enginePath } = located ?? (await locate(docker, target, path))
    return (await container.getArchive({ path: enginePath })) as unknown as Readable
  } catch (err) {
    throw fileError(err, target, path)
  }
}

function entryType(header: tar.Header): FileType {
  switch (header.type) {
    case 'file':
    case 'contiguous-file':
    case 'link':
      return 'file'
    case 'directory':
      return 'directory'
    case 'symlink':
      return 'symlink'
    default:
      return 'other'
  }
}

/**
 * One folder's entries. The engine has no "list" call, so this reads the folder's archive and keeps
 * only headers: file bytes are skipped as they pass. A sub-folder's size is the sum of what is in it.
 */
export function listDirectory(docker: Dockerode, target: FileTarget, path: string): Promise<DirectoryListing> {
  return retryWhenHelperGone(() => listOnce(docker, target, path))
}

async function listOnce(docker: Dockerode, target: FileTarget, path: string): Promise<DirectoryListing> {
  const located = await locate(docker, target, path)
  const dir = await statPath(docker, target, path, located)
  if (dir.type !== 'directory') throw new EngineError('invalid-input', `${quoted(path, 160)} is not a folder.`)
  const { container, enginePath } = located
  let archive: Readable
  try {
    // "dir/." archives the folder's contents, named ./child, rather than the folder itself.
    archive = (await container.getArchive({ path: `${enginePath.replace(/\/+$/, '')}/.` })) as unknown as Readable
  } catch (err) {
    throw fileError(err, target, path)
  }
  const entries = new Map<string, FileEntry>()
  let truncated = false
  const extract = tar.extract({ highWaterMark: 4 * 1024 * 1024 })
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '').replace(/\/$/, '')
    const slash = name.indexOf('/')
    const child = slash < 0 ? name : name.slice(0, slash)
    if (child && child !== '.') {
      const known = entries.get(child)
      if (slash < 0 && !known) {
        if (entries.size >= MAX_LISTED_ENTRIES) {
          truncated = true
        } else {
          entries.set(child, {
            name: child,
            type: entryType(header),
            size: header.type === 'directory' ? 0 : (header.size ?? 0),
            mode: (header.mode ?? 0) & 0o777,
            mtime: header.mtime?.getTime() ?? 0,
            ...(header.linkname && header.type === 'symlink' ? { linkTarget: header.linkname } : {}),
          })
        }
      } else if (known && known.type === 'directory') {
        known.size += header.type === 'file' || header.type === 'contiguous-file' ? (header.size ?? 0) : 0
      }
    }
    stream.on('end', next)
    stream.resume()
  })
  try {
    await pipeline(archive, extract)
  } catch (err) {
    throw fileError(err, target, path)
  }
  const sorted = [...entries.values()].sort(
    (a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name),
  )
  return { path, entries: sorted, truncated }
}

/** What a caller already learned about the path, so it is not asked of the engine again. */
export interface Known {
  stat?: FileEntry
  located?: Located
}

/** The raw bytes of one file, streamed out of its archive. */
export async function downloadFile(
  docker: Dockerode,
  target: FileTarget,
  path: string,
  known: Known = {},
): Promise<{ size: number; stream: Readable }> {
  const located = known.located ?? (await locate(docker, target, path))
  const stat = known.stat ?? (await statPath(docker, target, path, located))
  if (stat.type !== 'file') throw new EngineError('invalid-input', `${quoted(path, 160)} is not a regular file; download its folder instead.`)
  const archive = await downloadArchive(docker, target, path, located)
  const out = new PassThrough()
  const extract = tar.extract({ highWaterMark: 4 * 1024 * 1024 })
  let seen = false
  extract.on('entry', (header, stream, next) => {
    if (seen || (header.type !== 'file' && header.type !== 'contiguous-file')) {
      stream.on('end', next)
      stream.resume()
      return
    }
    seen = true
    void (async () => {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!out.write(chunk)) await once(out, 'drain')
      }
    })().then(() => next(), (err: Error) => next(err))
  })
  // The reader went away (a cancelled download): stop pulling from the engine.
  out.on('close', () => {
    archive.destroy()
    extract.destroy()
  })
  pipeline(archive, extract).then(
    () => out.end(),
    (err: unknown) => out.destroy(fileError(err, target, path)),
  )
  return { size: stat.size, stream: out }
}

/** A small text file, for reading in the window. Bigger or binary files are refused with a reason. */
export function readTextFile(docker: Dockerode, target: FileTarget, path: string): Promise<TextFile> {
  return retryWhenHelperGone(() => readTextOnce(docker, target, path))
}

async function readTextOnce(docker: Dockerode, target: FileTarget, path: string): Promise<TextFile> {
  const located = await locate(docker, target, path)
  const stat = await statPath(docker, target, path, located)
  if (stat.type === 'directory') throw new EngineError('invalid-input', `${quoted(path, 160)} is a folder.`)
  if (stat.type === 'symlink') throw new EngineError('invalid-input', `${quoted(path, 160)} is a link to ${stat.linkTarget ? quoted(stat.linkTarget, 160) : 'another path'}; open that instead.`)
  if (stat.size > MAX_TEXT_BYTES) {
    throw new EngineError('invalid-input', `${quoted(path, 160)} is ${stat.size} bytes, too big to show here (the limit is ${MAX_TEXT_BYTES}). Download it instead.`)
  }
  const { stream } = await downloadFile(docker, target, path, { stat, located })
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length
    // The file may have grown since the stat.
    if (total > MAX_TEXT_BYTES) {
      stream.destroy()
      throw new EngineError('invalid-input', `${quoted(path, 160)} grew past ${MAX_TEXT_BYTES} bytes while being read. Download it instead.`)
    }
    chunks.push(chunk)
  }
  const bytes = Buffer.concat(chunks)
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new EngineError('invalid-input', `${quoted(path, 160)} looks like a binary file, not text. Download it instead.`)
  }
  return { path, size: bytes.length, text: bytes.toString('utf8') }
}
