// Writing into a volume or a container, like `docker cp - name:dir`: entries are packed into a tar
// on the fly and streamed into the engine's archive API, so no file is ever held in memory.
import type { Readable } from 'node:stream'
import type Dockerode from 'dockerode'
import * as tar from 'tar-stream'
import { EngineError, daemonMessage } from '../errors'
import { quoted } from '@common/echo'
import { describe, fileError, locate } from './target'
import type { FileTarget } from '@common/contract/volumes'

/** One thing to put into a folder: a file (with its exact size and a way to read it), a folder, or a link. */
export type UploadEntry =
  | { type: 'file'; name: string; size: number; mode?: number; mtime?: Date; open: () => Readable }
  | { type: 'directory'; name: string; mode?: number; mtime?: Date }
  | { type: 'symlink'; name: string; linkTarget: string; mtime?: Date }

export interface CopyProgress {
  onBytes?: (bytes: number) => void
}

/** Packs the entries on the fly and streams them into `dir` (which must exist), like `docker cp - name:dir`. */
export async function uploadEntries(
  docker: Dockerode,
  target: FileTarget,
  dir: string,
  entries: AsyncIterable<UploadEntry> | Iterable<UploadEntry>,
  progress: CopyProgress = {},
): Promise<void> {
  const { container, enginePath } = await locate(docker, target, dir)
  // Room for a few chunks of file data, so the socket never waits for the disk or the other way round.
  const pack = tar.pack({ highWaterMark: 4 * 1024 * 1024 })
  // The file being read right now. If the engine refuses the upload half way, the pack is destroyed
  // and nothing reads this any more: it must be closed here, or its descriptor stays open for good.
  let source: Readable | undefined
  pack.on('close', () => source?.destroy())
  const feeding = (async () => {
    for await (const entry of entries) {
      if (pack.destroyed) return
      const base = { name: entry.name, mtime: entry.mtime ?? new Date() }
      if (entry.type === 'directory') pack.entry({ ...base, type: 'directory', mode: entry.mode ?? 0o755 })
      else if (entry.type === 'symlink') pack.entry({ ...base, type: 'symlink', linkname: entry.linkTarget })
      else {
        const current = entry.open()
        source = current
        if (progress.onBytes) current.on('data', (chunk: Buffer) => progress.onBytes?.(chunk.length))
        try {
          // Settles either way: the entry's callback also fires (with an error) when the pack is destroyed.
          await new Promise<void>((done, fail) => {
            const sink = pack.entry({ ...base, type: 'file', size: entry.size, mode: entry.mode ?? 0o644 }, (err) =>
              err ? fail(err) : done(),
            )
            current.once('error', fail)
            current.pipe(sink)
          })
        } finally {
          source = undefined
          current.destroy()
        }
      }
    }
    pack.finalize()
  })().catch((err: unknown) => pack.destroy(err as Error))
  try {
    await Promise.all([container.putArchive(pack as unknown as NodeJS.ReadableStream, { path: enginePath }), feeding])
  } catch (err) {
    pack.destroy()
    // Let the feeding loop wind down (it never rejects), so no entry is left half open.
    await feeding
    if ((err as { statusCode?: number }).statusCode === 403 || /read-only/i.test(daemonMessage(err))) {
      throw new EngineError('unauthorized', `${quoted(dir, 160)} in ${describe(target)} is read-only.`)
    }
    throw fileError(err, target, dir)
  }
}

/** Convenience for one file whose bytes arrive as a stream of known length (an HTTP upload, a test). */
export function uploadStream(docker: Dockerode, target: FileTarget, dir: string, name: string, size: number, source: Readable): Promise<void> {
  return uploadEntries(docker, target, dir, [{ type: 'file', name, size, open: () => source }])
}
