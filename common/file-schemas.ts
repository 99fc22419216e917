// Input schemas for the volumes and files domains of the contract, and the container and image
// references every domain names. Kept apart from api.ts because the browser mode's HTTP transfer
// routes validate their query strings with the very same schemas.
import { z } from 'zod'
import { exactRecord } from './exact-record'

/** A volume name as `docker volume create` accepts it. */
export const volumeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a volume name (letters, digits, _ . -; not starting with a symbol)')

/** `--label key=value` pairs, every key kept as given ("__proto__" too: the engine takes any key without "="). */
export const volumeLabels = exactRecord(
  z.string().min(1, 'must not be empty').max(255).regex(/^[^=\s]+$/, 'must not contain "=" or spaces'),
  z.string().max(4096),
  64,
  'labels',
)

/** A container id (full or short) or name, as `docker` accepts it. */
export const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a container id or name')

/** An image id (sha256:…, full or short) or a reference such as registry:5000/team/app:1.0 or app@sha256:…. */
export const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'is not an image id or reference')

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
