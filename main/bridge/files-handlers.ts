// The files domain: files in a volume or a container, in engine terms. Copying by path and dragging
// out need the desktop window; browser mode moves big files over its HTTP transfer routes instead.
import { Readable } from 'node:stream'
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import { namingContainer } from '../engine/containers/containers'
import { listDirectory, readTextFile, statPath } from '../engine/files/read'
import { uploadStream } from '../engine/files/write'
import { copyIn } from '../engine/files/copy'
import { stageForDrag } from '../engine/files/drag-out'
import type { FileTarget } from '@common/contract/volumes'
import type { Handlers } from './router'

export interface FilesHost {
  /** Starts an OS drag of a file on this machine (the desktop window only). */
  startDrag?(path: string): void
  /** The page runs on this machine, so paths of files dropped on it are paths here (the desktop window only). */
  hostPaths?: boolean
}

export function createFileHandlers(engine: Engine, host: FilesHost = {}): Handlers['files'] {
  const docker = () => engine.docker
  // The bridge names a container by id; what the user reads names it as they do.
  const named = <T>(target: FileTarget, run: () => Promise<T>) => namingContainer(docker(), target.kind === 'container' ? target.id : undefined, run)
  return {
    list: ({ target, path }) => named(target, () => listDirectory(docker(), target, path)),
    stat: ({ target, path }) => named(target, () => statPath(docker(), target, path)),
    read: ({ target, path }) => named(target, () => readTextFile(docker(), target, path)),
    upload: ({ target, dir, name, data }) => {
      const bytes = Buffer.from(data, 'base64')
      return named(target, () => uploadStream(docker(), target, dir, name, bytes.length, Readable.from([bytes])))
    },
    copyIn: async ({ target, dir, hostPaths }) => {
      // In browser mode the page may be on another machine: its paths mean nothing here.
      if (!host.hostPaths) throw new EngineError('invalid-input', 'Copying by path works in the desktop window; here, drop files on the page to upload them.')
      await named(target, () => copyIn(docker(), target, dir, hostPaths))
    },
    dragOut: async ({ target, path }) => {
      if (!host.startDrag) throw new EngineError('invalid-input', 'Dragging files out works in the desktop window; here, use Download.')
      const staged = await named(target, () => stageForDrag(docker(), target, path))
      host.startDrag(staged)
      return { path: staged }
    },
  }
}
