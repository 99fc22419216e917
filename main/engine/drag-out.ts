// Dragging a file or folder out of the window onto the desktop: the OS drag needs a real path, so
// the item is first streamed (safely extracted) into a fresh temp folder. The previous drag's folder
// is removed when the next drag starts: by then its drop has long been copied by the OS.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import type Dockerode from 'dockerode'
import { copyOut } from './copy'
import type { FileTarget } from './volume-types'

const previous = new Set<string>()

/** Copies `path` out to a new temp folder; resolves to the copied item's path on this machine. */
export async function stageForDrag(docker: Dockerode, target: FileTarget, path: string): Promise<string> {
  await Promise.all([...previous].map((dir) => rm(dir, { recursive: true, force: true }).then(() => previous.delete(dir))))
  const dir = await mkdtemp(join(tmpdir(), 'berth-drag-'))
  previous.add(dir)
  await copyOut(docker, target, path, dir)
  // Everything under "/" is dragged as the temp folder that holds it.
  return path === '/' ? dir : join(dir, posix.basename(path))
}
