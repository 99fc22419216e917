// `docker cp` between this machine and a container or volume, streamed end to end: host files are
// packed into a tar on the fly going in; coming out, the archive is unpacked on the fly by the safe
// extractor. Used by the Electron drag and drop and by the benchmark; the browser mode streams over HTTP.
import { createReadStream } from 'node:fs'
import { lstat, readdir, readlink } from 'node:fs/promises'
import { basename, join, posix } from 'node:path'
import type Dockerode from 'dockerode'
import { EngineError } from '../errors'
import { downloadArchive } from './read'
import { uploadEntries, type CopyProgress, type UploadEntry } from './write'
import { extractArchive, type ExtractOptions, type ExtractResult } from './safe-extract'
import type { FileTarget } from '@common/contract/volumes'

/** Walks host paths depth-first, yielding entries named relative to the destination folder. */
async function* hostEntries(paths: string[]): AsyncGenerator<UploadEntry> {
  const walk = async function* (path: string, name: string): AsyncGenerator<UploadEntry> {
    const stat = await lstat(path)
    if (stat.isSymbolicLink()) {
      yield { type: 'symlink', name, linkTarget: await readlink(path), mtime: stat.mtime }
    } else if (stat.isDirectory()) {
      yield { type: 'directory', name, mode: stat.mode & 0o777, mtime: stat.mtime }
      for (const child of (await readdir(path)).sort()) yield* walk(join(path, child), posix.join(name, child))
    } else if (stat.isFile()) {
      yield { type: 'file', name, size: stat.size, mode: stat.mode & 0o777, mtime: stat.mtime, open: () => createReadStream(path, { highWaterMark: 1048576 }) }
    }
    // Sockets, pipes and devices on this machine are not copied, as `docker cp` skips them too.
  }
  for (const path of paths) yield* walk(path, basename(path))
}

/** Like `docker cp ./a ./dir name:/dest`: each path lands in `dir` under its own name. */
export async function copyIn(
  docker: Dockerode,
  target: FileTarget,
  dir: string,
  hostPaths: string[],
  progress: CopyProgress = {},
): Promise<void> {
  if (hostPaths.length === 0) throw new EngineError('invalid-input', 'Nothing to copy: choose at least one file or folder.')
  await uploadEntries(docker, target, dir, hostEntries(hostPaths), progress)
}

/**
 * Like `docker cp name:/src ./dir`: the file or folder lands in `hostDir` under its own name. If
 * something by that name is already there, it is a `conflict` unless `overwrite` is set, so the
 * window can ask first.
 */
export async function copyOut(
  docker: Dockerode,
  target: FileTarget,
  path: string,
  hostDir: string,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const name = posix.basename(path)
  if (name && !options.overwrite) {
    const existing = await lstat(join(hostDir, name)).catch(() => null)
    if (existing) throw new EngineError('conflict', `"${name}" already exists in ${hostDir}. Choose to replace it, or pick another folder.`)
  }
  const archive = await downloadArchive(docker, target, path)
  return extractArchive(archive, hostDir, options)
}
