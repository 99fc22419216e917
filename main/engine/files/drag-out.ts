// Dragging a file or folder out of the window onto the desktop: the OS drag needs a real path, so
// the item is first streamed (safely extracted) into a fresh temp folder. Only folders of drags that
// have finished staging are ever removed, oldest first, once a few newer ones exist: by then their
// drops have long been copied by the OS. A drag still being staged (another window's, or a second one
// started quickly) is never touched.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import type Dockerode from 'dockerode'
import { copyOut } from './copy'
import type { FileTarget } from '@common/contract/volumes'

/** Staged folders kept after their drag finished staging, newest last. */
export const KEEP_STAGED = 3
const finished: string[] = []

/** Copies `path` out to a new temp folder; resolves to the copied item's path on this machine. */
export async function stageForDrag(docker: Dockerode, target: FileTarget, path: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-drag-'))
  try {
    await copyOut(docker, target, path, dir)
  } catch (err) {
    // Nothing will be dragged from it.
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  finished.push(dir)
  const stale = finished.splice(0, Math.max(0, finished.length - KEEP_STAGED))
  await Promise.all(stale.map((old) => rm(old, { recursive: true, force: true })))
  // Everything under "/" is dragged as the temp folder that holds it.
  return path === '/' ? dir : join(dir, posix.basename(path))
}
