// Daemon and socket failures become values with a code and a sentence the user can act on.
import type { BerthError, ErrorCode } from '@common/contract/shared'
import { boundedMessage } from '@common/echo'
import { transportReason } from './transport-errors'

export class EngineError extends Error implements BerthError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'EngineError'
  }

  toJSON(): BerthError {
    return { code: this.code, message: this.message }
  }
}

/** What the failed call was about, so the message can name it. */
export interface Subject {
  kind: 'container' | 'image' | 'volume' | 'network' | 'engine'
  ref?: string
}

interface DaemonError {
  statusCode?: number
  code?: string
  reason?: string
  message?: string
  json?: { message?: string } | null
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

/** The daemon's own explanation, without the "(HTTP code 409) unexpected - " prefix dockerode adds. */
export function daemonMessage(err: unknown): string {
  const e = (err ?? {}) as DaemonError
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined
  const raw = fromJson ?? e.message ?? String(err)
  return raw.replace(/^\(HTTP code \d+\)\s+[\w ]+-\s*/, '').trim()
}

function name(subject: Subject): string {
  return subject.ref ? `${subject.kind} "${subject.ref}"` : subject.kind
}

export function toEngineError(err: unknown, subject: Subject = { kind: 'engine' }): EngineError {
  if (err instanceof EngineError) return err
  const e = (err ?? {}) as DaemonError
  // A TLS or ssh link that failed: the engine was never reached.
  const transport = transportReason(err)
  if (transport) return new EngineError('engine-unreachable', transport)
  if (e.code === 'EACCES') {
    return new EngineError(
      'engine-unreachable',
      'Permission denied on the Docker socket. Add your user to the "docker" group (then log in again), or run the engine rootless.',
    )
  }
  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    return new EngineError('engine-unreachable', 'The Docker engine is not running or cannot be reached. Start it and Berth will reconnect.')
  }
  const detail = daemonMessage(err)
  // Podman answers 500 where Docker answers 409 for what the container's state forbids, and where
  // Docker answers 404 for a container removed while the request ran ("does not exist in database").
  const status = e.statusCode !== 500 ? e.statusCode : /container state improper/i.test(detail) ? 409 : /no such container/i.test(detail) ? 404 : 500
  switch (status) {
    case 400:
      return new EngineError('invalid-input', `The engine refused the request: ${detail}`)
    case 401:
    case 403:
      return new EngineError('unauthorized', `Not allowed: ${detail}`)
    case 404:
      return new EngineError('not-found', `No ${name(subject)} exists (it may have just been removed).`)
    case 409:
      return /in use|being used|is using|has dependent/i.test(detail)
        ? new EngineError('in-use', `The ${name(subject)} is in use: ${detail}`)
        : new EngineError('conflict', `The ${name(subject)} cannot do that now: ${detail}`)
    default:
      return new EngineError('internal', `The engine failed: ${detail}`)
  }
}

/** Why the engine cannot be reached, for the one place that says it cannot (the engine banner). */
export function unreachableReason(err: unknown): string {
  if (!err) return 'It closed its event stream: it stopped or is restarting.'
  const transport = transportReason(err)
  if (transport) return transport
  switch ((err as DaemonError).code) {
    case 'EACCES':
      return 'Permission denied on its socket: add your user to the "docker" group (then log in again), or run the engine rootless.'
    case 'ENOENT':
      return 'Its socket does not exist: the engine is not running.'
    case 'ECONNREFUSED':
      return 'Connection refused: the engine is not running, or listens elsewhere.'
    case 'ECONNRESET':
    case 'EPIPE':
      return 'It dropped the connection: it stopped or is restarting.'
    default:
      return daemonMessage(err)
  }
}

/** Any thrown value, as the bridge sends it. */
export function toBerthError(err: unknown): BerthError {
  // Bounded whatever it repeats (a daemon's message can quote a whole input back).
  if (err instanceof EngineError) return { code: err.code, message: boundedMessage(err.message) }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message: boundedMessage(`Something went wrong inside Berth: ${message}`) }
}
