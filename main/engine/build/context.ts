// A build context: the folder the engine builds from, sent as a tar stream the way the docker CLI
// sends it (archive.TarWithOptions): .dockerignore honoured, excluded folders never read unless an
// exception may hold something inside, uid/gid 0, symlinks as links (never followed), anything that
// is not a file, folder or link skipped. A first pass reads metadata only, so the size and the file
// count are known before anything is sent; the second streams contents one file at a time.
import { createHash } from 'node:crypto'
import { createReadStream, promises as fs, type Stats } from 'node:fs'
import { join, posix, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { EngineError } from '../errors'
import { ignoreRules, readPatterns } from './ignore'
import type { ContextInfo, ContextProgress } from '@common/contract/build'

export interface ContextEntry {
  /** Relative path with '/', as it goes in the tar. */
  path: string
  kind: 'file' | 'directory' | 'symlink'
  size: number
  mtimeMs: number
  mode: number
  linkTarget?: string
}

export interface ContextScan extends ContextInfo {
  root: string
  entries: ContextEntry[]
}

/** Notes kept about skipped things are capped: a context can hold a million sockets. */
const MAX_NOTES = 50

/** Checks the folder and the Dockerfile, then walks the context without reading any contents. */
export async function scanContext(folder: string, dockerfile = 'Dockerfile'): Promise<ContextScan> {
  const root = resolve(folder)
  const rootStat = await fs.stat(root).catch(() => null)
  if (!rootStat?.isDirectory()) throw new EngineError('invalid-input', `"${folder}" is not a folder on this machine.`)
  const dockerfilePath = posix.normalize(dockerfile.replace(/\\/g, '/'))
  if (dockerfilePath.startsWith('../') || dockerfilePath === '..' || posix.isAbsolute(dockerfilePath))
    throw new EngineError('invalid-input', `The Dockerfile "${dockerfile}" must be inside the folder, as a path relative to it.`)
  const dockerfileStat = await fs.stat(join(root, dockerfilePath)).catch(() => null)
  if (!dockerfileStat?.isFile()) throw new EngineError('invalid-input', `There is no Dockerfile at "${dockerfilePath}" in ${root}.`)

  const ignoreText = await fs.readFile(join(root, '.dockerignore'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return ''
    throw new EngineError('invalid-input', `.dockerignore in ${root} could not be read: ${err.message}`)
  })
  const rules = ignoreRules(readPatterns(ignoreText), dockerfilePath)

  const scan: ContextScan = {
    root,
    dockerfile: dockerfilePath,
    entries: [],
    size: 0,
    archiveSize: 0,
    files: 0,
    directoriesRead: 0,
    ignoredDirectories: [],
    skipped: [],
  }
  const note = (list: string[], text: string) => list.length < MAX_NOTES && list.push(text)

  const walk = async (dir: string): Promise<void> => {
    let names: string[]
    try {
      names = (await fs.readdir(join(root, dir))).sort()
    } catch (err) {
      throw unreadable(dir || '.', err)
    }
    scan.directoriesRead++
    for (const name of names) {
      const path = dir ? `${dir}/${name}` : name
      let stat: Stats
      try {
        stat = await fs.lstat(join(root, path))
      } catch (err) {
        throw unreadable(path, err)
      }
      const excluded = rules.ignores(path)
      if (stat.isDirectory()) {
        if (excluded) {
          if (rules.mayHoldException(path)) await walk(path)
          else note(scan.ignoredDirectories, path)
          continue
        }
        scan.entries.push({ path, kind: 'directory', size: 0, mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777 })
        await walk(path)
        continue
      }
      if (excluded) continue
      if (stat.isFile()) {
        scan.entries.push({ path, kind: 'file', size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777 })
        scan.size += stat.size
        scan.files++
      } else if (stat.isSymbolicLink()) {
        const linkTarget = await fs.readlink(join(root, path)).catch((err) => Promise.reject(unreadable(path, err)))
        scan.entries.push({ path, kind: 'symlink', size: 0, mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777, linkTarget })
        scan.files++
      } else {
        note(scan.skipped, `${path} (${specialKind(stat)}: not sent, like the docker CLI)`)
      }
    }
  }
  await walk('')
  scan.archiveSize = await archiveSizeOf(scan.entries)
  return scan
}

export const contextInfo = ({ root, dockerfile, size, archiveSize, files, directoriesRead, ignoredDirectories, skipped }: ContextScan): ContextInfo => ({
  root,
  dockerfile,
  size,
  archiveSize,
  files,
  directoriesRead,
  ignoredDirectories,
  skipped,
})

function specialKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe'
  if (stat.isSocket()) return 'a socket'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

function unreadable(path: string, err: unknown): EngineError {
  const e = err as NodeJS.ErrnoException
  const why = e.code === 'ENOENT' ? 'it was removed while the context was being read' : e.code === 'EACCES' ? 'permission denied' : e.message
  return new EngineError('invalid-input', `The build context could not be sent: "${path}" could not be read (${why}).`)
}

/** A tar entry's header as `packContext` writes it. */
function headerOf(entry: ContextEntry): Partial<tar.Header> & { name: string } {
  return {
    name: entry.kind === 'directory' ? `${entry.path}/` : entry.path,
    mode: entry.mode,
    mtime: new Date(Math.floor(entry.mtimeMs / 1000) * 1000),
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
  }
}

const BLOCK = 512

/**
 * The archive's size before it is made: the same packer writes every header (a long name takes an
 * extra PAX header, which only the packer knows how to size) with no contents, then each file's
 * contents rounded up to whole 512-byte blocks are added.
 */
async function archiveSizeOf(entries: ContextEntry[]): Promise<number> {
  const pack = tar.pack()
  let bytes = 0
  pack.on('data', (chunk: unknown) => (bytes += (chunk as Buffer).length))
  const ended = new Promise<void>((done, fail) => pack.on('end', done).on('error', fail))
  let contents = 0
  for (const entry of entries) {
    const header = headerOf(entry)
    if (entry.kind === 'directory') pack.entry({ ...header, type: 'directory' })
    else if (entry.kind === 'symlink') pack.entry({ ...header, type: 'symlink', linkname: entry.linkTarget })
    else {
      pack.entry({ ...header, type: 'file', size: 0 }, '')
      contents += Math.ceil(entry.size / BLOCK) * BLOCK
    }
  }
  pack.finalize()
  await ended
  return bytes + contents
}

export interface SendOptions {
  signal?: AbortSignal
  onProgress?(progress: ContextProgress): void
  /** Each file's sha256 as it is sent, for the cache advice's manifest. */
  onFileHashed?(path: string, hash: string): void
}

/**
 * The context as a tar stream, produced as the engine takes it: contents are read one file at a
 * time and never held whole. A file that cannot be read ends the stream with an error naming it.
 */
export function packContext(scan: ContextScan, options: SendOptions = {}): Readable {
  const pack = tar.pack()
  let sent = 0
  let lastReport = 0
  const report = (force = false) => {
    const now = Date.now()
    if (!force && now - lastReport < 100) return
    lastReport = now
    options.onProgress?.({ sentBytes: sent, totalBytes: scan.size, done: force && sent >= scan.size })
  }
  const fill = async () => {
    for (const entry of scan.entries) {
      if (options.signal?.aborted) throw new EngineError('conflict', 'The build was cancelled while its context was being sent.')
      const header = headerOf(entry)
      if (entry.kind === 'directory') {
        pack.entry({ ...header, type: 'directory' })
      } else if (entry.kind === 'symlink') {
        pack.entry({ ...header, type: 'symlink', linkname: entry.linkTarget })
      } else {
        const hash = createHash('sha256')
        await sendFile(pack, scan.root, entry, header, (chunk) => {
          hash.update(chunk)
          sent += chunk.length
          report()
        })
        options.onFileHashed?.(entry.path, hash.digest('hex'))
      }
    }
    pack.finalize()
    report(true)
  }
  fill().catch((err: unknown) =>
    pack.destroy(err instanceof EngineError ? err : new EngineError('internal', `The build context could not be sent: ${err instanceof Error ? err.message : String(err)}`)),
  )
  return pack as unknown as Readable
}

async function sendFile(pack: tar.Pack, root: string, entry: ContextEntry, header: Partial<tar.Header> & { name: string }, onBytes: (chunk: Buffer) => void): Promise<void> {
  const abs = join(root, ...entry.path.split('/'))
  // Opened first, then measured: a file that changed size since the first pass is sent as it is now.
  let handle: fs.FileHandle
  try {
    handle = await fs.open(abs, 'r')
  } catch (err) {
    throw unreadable(entry.path, err)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new EngineError('invalid-input', `The build context could not be sent: "${entry.path}" is no longer a file.`)
    if (stat.size === 0) {
      pack.entry({ ...header, size: 0, type: 'file' }, '')
      return
    }
    const sink = pack.entry({ ...header, size: stat.size, type: 'file' })
    const source = createReadStream('', { fd: handle.fd, autoClose: false, start: 0, end: stat.size - 1 })
    source.on('data', (chunk) => onBytes(chunk as Buffer))
    await pipeline(source, sink).catch((err) => {
      throw err instanceof EngineError ? err : unreadable(entry.path, err)
    })
  } finally {
    await handle.close()
  }
}
