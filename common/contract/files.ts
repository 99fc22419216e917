// The files domain: files in a volume or a container (running or stopped), through the engine's
// archive API (what `docker cp` uses). The browser mode's HTTP transfer routes validate their query
// strings with these same schemas.
import { z } from 'zod'
import { call } from './spec'
import { containerRef } from './shared'
import { volumeName } from './volumes'

export type FileType = 'file' | 'directory' | 'symlink' | 'other'

export interface FileEntry {
  name: string
  type: FileType
  size: number
  /** Permission bits, e.g. 0o644. */
  mode: number
  /** Milliseconds since the epoch. */
  mtime: number
  linkTarget?: string
}

export interface DirectoryListing {
  /** The absolute path listed, inside the volume or container. */
  path: string
  entries: FileEntry[]
  /** True when the folder has more entries than Berth lists at once. */
  truncated: boolean
}

export interface TextFile {
  path: string
  size: number
  text: string
}
export const fileTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('volume'), name: volumeName }),
  z.strictObject({ kind: z.literal('container'), id: containerRef }),
])

/** An absolute path inside a volume or container. No "..": Berth never needs one to name a place. */
export const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'must start with /')
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."')

/** One file or folder name: no slash, not "." or "..". */
export const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\0]/.test(n) && n !== '.' && n !== '..', 'is not a file name')

export const fileLocation = z.strictObject({ target: fileTarget, path: filePath })

/** An absolute path on this machine (POSIX or Windows), as the desktop window learns it from a drop. */
export const hostPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path')

/** Files and folders dropped from the desktop onto a folder: `docker cp a b name:/dir`. */
export const hostCopyIn = z.strictObject({ target: fileTarget, dir: filePath, hostPaths: z.array(hostPath).min(1).max(1000) })

/** Bytes of a small upload sent over the bridge itself (base64); bigger ones stream over HTTP. */
export const MAX_BRIDGE_UPLOAD_BYTES = 512 * 1024
export const smallUpload = z.strictObject({
  target: fileTarget,
  dir: filePath,
  name: fileName,
  data: z.base64().max(Math.ceil(MAX_BRIDGE_UPLOAD_BYTES / 3) * 4, 'is bigger than a bridge upload may be'),
})
export const files = {
  calls: {
    list: call<DirectoryListing>()(fileLocation),
    stat: call<FileEntry>()(fileLocation),
    /** A small text file, as text; bigger or binary files are refused with a reason. */
    read: call<TextFile>()(fileLocation),
    /** A small file dropped on a folder; big ones stream over the browser mode's HTTP route. */
    upload: call<void>()(smallUpload),
    /** Desktop window: files and folders dropped from this machine, streamed in from their paths (any size). */
    copyIn: call<void>()(hostCopyIn),
    /** Desktop window: copies the item to a temp folder and starts an OS drag of it onto the desktop. */
    dragOut: call<{ path: string }>()(fileLocation),
  },
  events: {},
}
