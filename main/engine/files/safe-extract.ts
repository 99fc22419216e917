// Unpacks an archive that came out of a container into a folder on this machine. The archive is
// untrusted: a container's files are whatever its image or its processes made them. So every entry is
// checked before anything is written, nothing is ever written outside the chosen folder, nothing is
// written through a link, and an existing file is replaced only when the caller says so.
import { constants } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { chmod, link, lstat, mkdir, open, realpath, rename, symlink, unlink, utimes } from 'node:fs/promises'
import { dirname, join, posix, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import * as tar from 'tar-stream'
import { EngineError } from '../errors'
import { quoted } from '@common/echo'

export const DEFAULT_MAX_ENTRIES = 100_000

export interface ExtractOptions {
  /** Replace files that already exist. Without it, an existing file is a `conflict` and nothing replaces it. */
  overwrite?: boolean
  /** Refuse archives with more entries than this (an archive of millions of empty files is an attack too). */
  maxEntries?: number
  onBytes?: (bytes: number) => void
}

export interface ExtractResult {
  files: number
  directories: number
  links: number
  bytes: number
  /** Entries that were not written, with why (device files, FIFOs). */
  skipped: Array<{ name: string; reason: string }>
}

const unsafe = (name: string, why: string) =>
  new EngineError('invalid-input', `The archive is unsafe and was not unpacked further: entry ${quoted(name, 160)} ${why}.`)

/** The entry's path as segments below the destination; refuses absolute paths and any `..`. */
export function entrySegments(raw: string): string[] {
  if (raw.includes('\0')) throw unsafe(raw.replace(/\0/g, '\\0'), 'has a NUL byte in its name')
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw unsafe(raw, 'has an absolute path')
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.includes('..')) throw unsafe(raw, 'climbs out with ".."')
  if (sep === '\\' && segments.some((s) => s.includes('\\'))) throw unsafe(raw, 'has a backslash in its name')
  return segments
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep)

async function lstatOrNull(path: string) {
  try {
    return await lstat(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** Creates the folders leading to an entry, refusing to pass through any link or file on the way. */
async function ensureFolders(root: string, segments: string[], name: string): Promise<string> {
  let current = root
  for (const segment of segments) {
    current = join(current, segment)
    const stat = await lstatOrNull(current)
    if (!stat) await mkdir(current, { mode: 0o755 })
    else if (stat.isSymbolicLink()) throw unsafe(name, `would be written through the link ${quoted(segment, 160)}`)
    else if (!stat.isDirectory()) throw new EngineError('conflict', `${quoted(name, 160)} needs a folder where the file ${quoted(segment, 160)} already is.`)
  }
  return current
}

/**
 * Clears the way for a new file or link at `path`: refuses when something is there, unless
 * overwriting. A file written under a temporary name and renamed over `path` needs no removal
 * (`remove` false): the old file stays until the new one is whole.
 */
async function claim(path: string, name: string, overwrite: boolean, remove = true): Promise<void> {
  const stat = await lstatOrNull(path)
  if (!stat) return
  if (stat.isDirectory()) throw new EngineError('conflict', `${quoted(name, 160)} is a folder in the destination; it was not replaced.`)
  if (!overwrite) throw new EngineError('conflict', `${quoted(name, 160)} already exists in the destination. Choose to replace it, or pick another folder.`)
  // Unlinking (or renaming over) replaces a link itself, never the file it points to.
  if (remove) await unlink(path)
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The sentence for a copy whose archive broke off in the middle of a file. */
function cutShort(file: { name: string; written: number; total: number }): EngineError {
  const base = posix.basename(file.name)
  return new EngineError(
    'engine-unreachable',
    `Copy of ${quoted(base, 160)} stopped at ${megabytes(file.written)} of ${megabytes(file.total)}: the Docker engine stopped. Nothing of it was kept; copy again once the engine is back.`,
  )
}

const WRITE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

const WRITE_BATCH_BYTES = 1024 * 1024

/**
 * Streams an entry's bytes to a new file, gathering the engine's small chunks into ~1 MiB writev
 * calls, and keeps reading the next batch while one is being written: one system call per chunk,
 * or waiting for the disk before reading on, would make the disk, not the engine, the slow part.
 */
async function writeFile(path: string, source: AsyncIterable<Buffer>, onBytes: (n: number) => void, onRead: (n: number) => void): Promise<void> {
  const file = await open(path, WRITE_NEW, 0o600)
  const writeAll = async (batch: Buffer[], size: number) => {
    const { bytesWritten } = await file.writev(batch)
    // A short write is rare on a regular file, but possible: finish it.
    if (bytesWritten < size) await file.write(Buffer.concat(batch).subarray(bytesWritten))
    onBytes(size)
  }
  // At most one write in flight (writes to one file must not overlap) and one batch being gathered.
  let writing: Promise<void> = Promise.resolve()
  const flush = async (batch: Buffer[], size: number) => {
    await writing
    writing = writeAll(batch, size)
    writing.catch(() => {})
  }
  try {
    let batch: Buffer[] = []
    let size = 0
    for await (const chunk of source) {
      onRead(chunk.length)
      batch.push(chunk)
      size += chunk.length
      if (size >= WRITE_BATCH_BYTES) {
        await flush(batch, size)
        batch = []
        size = 0
      }
    }
    if (size) await flush(batch, size)
    await writing
  } finally {
    await writing.catch(() => {})
    await file.close()
  }
}

export async function extractArchive(archive: Readable, destination: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const root = await realpath(destination)
  if (!(await lstat(root)).isDirectory()) throw new EngineError('invalid-input', `${quoted(destination, 160)} is not a folder.`)
  const overwrite = options.overwrite ?? false
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
  const result: ExtractResult = { files: 0, directories: 0, links: 0, bytes: 0, skipped: [] }
  const written = new Set<string>()
  const symlinks: Array<{ segments: string[]; target: string; name: string }> = []
  const folderModes: Array<{ path: string; mode: number; mtime?: Date }> = []
  let count = 0
  /** The file being written, how much of it had been read, and where its bytes start in the archive. */
  let current: { name: string; written: number; total: number; start?: number } | null = null
  /** Bytes of the archive that came from the engine. */
  let arrived = 0
  /** The entry being handled: a failure waits for it to clean up before it is reported. */
  let entry: Promise<void> = Promise.resolve()

  const handle = async (header: tar.Header, stream: Readable): Promise<void> => {
    if (++count > maxEntries) throw unsafe(header.name, `is past the limit of ${maxEntries} entries`)
    const segments = entrySegments(header.name)
    const name = segments.join('/') || '.'
    const mode = (header.mode ?? 0o644) & 0o777
    if (header.type === 'directory') {
      const path = await ensureFolders(root, segments, name)
      if (segments.length) folderModes.push({ path, mode: mode | 0o700, mtime: header.mtime })
      result.directories++
      return
    }
    if (segments.length === 0) throw unsafe(header.name, 'is not a folder but names the destination itself')
    const parent = await ensureFolders(root, segments.slice(0, -1), name)
    const path = join(parent, segments[segments.length - 1] as string)
    if (header.type === 'file' || header.type === 'contiguous-file') {
      await claim(path, name, overwrite, false)
      // Written under a hidden temporary name and renamed once whole: a copy cut short never leaves
      // a partial file under the real name, looking complete.
      const temporary = join(parent, `.${segments[segments.length - 1]}.berth-partial-${randomBytes(4).toString('hex')}`)
      const file = current ?? { name, written: 0, total: header.size ?? 0 }
      try {
        const written = (n: number) => {
          result.bytes += n
          options.onBytes?.(n)
        }
        await writeFile(temporary, stream, written, (n) => (file.written += n))
        // Permission bits only: set-user-id and friends from a container have no business on this machine.
        await chmod(temporary, mode)
        if (header.mtime) await utimes(temporary, header.mtime, header.mtime)
        await rename(temporary, path)
      } catch (err) {
        await unlink(temporary).catch(() => {})
        // `current` stays: a cut reported after this still names the file and how much of it arrived.
        throw err
      }
      current = null
      written.add(path)
      result.files++
    } else if (header.type === 'symlink') {
      const target = posix.normalize(header.linkname ?? '')
      if (!header.linkname || posix.isAbsolute(target)) throw unsafe(name, `is a link to the absolute path "${header.linkname}"`)
      // Normalized, so a hop through another link ("a/../x") cannot land somewhere the check did not see.
      if (!inside(root, resolve(dirname(path), target))) throw unsafe(name, `is a link that points outside the folder ("${header.linkname}")`)
      symlinks.push({ segments, target, name })
    } else if (header.type === 'link') {
      const source = join(root, ...entrySegments(header.linkname ?? ''))
      if (!written.has(source)) throw unsafe(name, `is a hard link to "${header.linkname}", which this archive did not unpack`)
      await claim(path, name, overwrite)
      await link(source, path)
      result.links++
    } else {
      result.skipped.push({ name, reason: `${header.type} entries (devices, pipes) are not copied to this machine` })
    }
  }

  // A roomy buffer: with the default 16 kB every chunk from the engine would pause the socket.
  const extract = tar.extract({ highWaterMark: 4 * 1024 * 1024 })
  await new Promise<void>((done, fail) => {
    let failed = false
    /** Why the archive broke off (the engine stopped), once it has. */
    let cutBy: unknown = null
    /** `cut`: the archive itself broke off, not a refusal of Berth's. */
    const stop = (err: unknown, cut = false) => {
      if (failed) return
      failed = true
      // How far it got: what had come from the engine of the file, read or still in the extractor's buffers.
      if (current?.start !== undefined) current.written = Math.max(current.written, Math.min(current.total, arrived - current.start))
      const error = (cut || cutBy) && current ? cutShort(current) : (cutBy ?? err)
      archive.unpipe?.(extract as unknown as NodeJS.WritableStream)
      archive.destroy?.()
      extract.destroy()
      void entry.catch(() => {}).then(() => fail(error))
    }
    extract.on('entry', (header, stream, next) => {
      // From its header on, a file counts as begun: a cut before its first write still names it.
      const isFile = header.type === 'file' || header.type === 'contiguous-file'
      const offset = (stream as { offset?: number }).offset
      current = isFile ? { name: header.name, written: 0, total: header.size ?? 0, start: offset === undefined ? undefined : offset + 512 } : null
      entry = handle(header, stream as unknown as Readable)
      entry.then(
        () => {
          // Whatever the entry did not read (a skipped device, a folder) is drained.
          stream.resume()
          next()
        },
        (err: unknown) => stop(err),
      )
    })
    extract.on('finish', () => (cutBy ? stop(cutBy, true) : done()))
    extract.on('error', (err) => stop(err, true))
    archive.on('data', (chunk: Buffer) => (arrived += chunk.length))
    archive.on('error', (err) => {
      // What had arrived is still in the extractor's buffers: it goes to the files first, so the
      // sentence names the file the cut fell in and how much of it had come.
      cutBy = err
      const sink = extract as unknown as NodeJS.WritableStream
      archive.unpipe?.(sink)
      sink.end()
    })
    archive.pipe(extract as unknown as NodeJS.WritableStream)
  })

  // Links last: no entry of this archive can be written through a link the archive itself made.
  for (const { segments, target, name } of symlinks) {
    const parent = await ensureFolders(root, segments.slice(0, -1), name)
    const path = join(parent, segments[segments.length - 1] as string)
    await claim(path, name, overwrite)
    await symlink(target, path)
    result.links++
  }
  for (const { path, mode, mtime } of folderModes.reverse()) {
    await chmod(path, mode)
    if (mtime) await utimes(path, mtime, mtime)
  }
  return result
}
