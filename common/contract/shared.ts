// What every domain of the contract shares: errors as values, the container and image references
// every domain names, and the one schema for the names a page gives its streams and operations.
import { z } from 'zod'

export type ErrorCode =
  | 'not-found'
  | 'in-use'
  | 'conflict'
  | 'unauthorized'
  | 'engine-unreachable'
  | 'invalid-input'
  | 'internal'

export interface BerthError {
  code: ErrorCode
  /** A sentence the user can act on. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BerthError }

/** A call that takes nothing. */
export const noInput = z.strictObject({})

/**
 * The name a page gives a stream or operation it opens (a log stream, a terminal session, a pull, a
 * build…), so events can be matched before the call's answer arrives. Only meaningful to that page.
 * `what` words the error: "is not a log stream name".
 */
export const streamId = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `is not ${what}`)

/** A pull, push, build or run's pull, named by the page that starts it. */
export const operationId = streamId('an operation id')
/** A container id (full or short) or name, as `docker` accepts it. */
export const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a container id or name')

/**
 * A compose project's name, as the Compose Specification allows it: lowercase letters, digits, dashes
 * and underscores, starting with a letter or digit; Compose v1 and podman-compose make no others
 * either. The compose page runs a project by it (`-p`) and the projects domain finds one's containers
 * by it (com.docker.compose.project), so both take the same names and refuse the rest in the same words.
 */
export const projectName = z
  .string()
  .min(1, 'is empty: name a compose project')
  .max(255)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a compose project name (lowercase letters, digits, "-" and "_", starting with a letter or digit)')

/** An image id (sha256:…, full or short) or a reference such as registry:5000/team/app:1.0 or app@sha256:…. */
export const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'is not an image id or reference')
