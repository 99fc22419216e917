// The engine connection behind a log pane: the logs response itself. (When a followed container
// stops, the pane waits on the engine's one /events stream, through Revival, not on one of its own.)
// Every one is counted while open, so tests can prove that closing a pane leaves nothing behind.
import type Dockerode from 'dockerode'
import { toEngineError } from '../errors'
import { socketGet, type Dial } from './http'

export type EngineStream = NodeJS.ReadableStream & { destroy(): void; pause(): void; resume(): void }

const open = new Set<EngineStream>()

/** Log and event connections the log domain holds open right now, over every engine. */
export function openLogConnections(): number {
  return open.size
}

function track(stream: EngineStream): EngineStream {
  open.add(stream)
  const forget = () => open.delete(stream)
  stream.on('close', forget)
  stream.on('end', forget)
  stream.on('error', forget)
  return stream
}

export interface LogQuery {
  follow: boolean
  /** Lines from the end to start with; 'all' for everything. */
  tail: number | 'all'
  /** Only lines at or after this time, as the engine's "seconds.nanoseconds". */
  since?: string
  /** Only lines up to this time, in the same form. */
  until?: string
}

/** GET /containers/{id}/logs as a stream, always with times (the pane toggles them without reopening). */
export async function openLogResponse(docker: Dockerode, id: string, query: LogQuery): Promise<EngineStream> {
  const target = directTarget(docker)
  if (target) {
    const params = new URLSearchParams({ stdout: '1', stderr: '1', timestamps: '1', follow: query.follow ? '1' : '0', tail: String(query.tail) })
    if (query.since) params.set('since', query.since)
    if (query.until) params.set('until', query.until)
    try {
      return track((await socketGet(target, `/containers/${encodeURIComponent(id)}/logs?${params}`)) as EngineStream)
    } catch (err) {
      throw toEngineError(err, { kind: 'container', ref: id })
    }
  }
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        // dockerode buffers the whole answer unless the call is a stream; a download must not be buffered.
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: {
          stdout: true,
          stderr: true,
          timestamps: true,
          follow: query.follow,
          tail: String(query.tail),
          ...(query.since ? { since: query.since } : {}),
          ...(query.until ? { until: query.until } : {}),
        },
      },
      (err: unknown, stream: unknown) => {
        if (err) reject(toEngineError(err, { kind: 'container', ref: id }))
        else resolve(track(stream as EngineStream))
      },
    )
  })
}

/** The engine's local socket, or a remote transport's own dialer (TLS, ssh): what socketGet can read directly. */
function directTarget(docker: Dockerode): string | Dial | undefined {
  const modem = docker.modem as { socketPath?: unknown; agent?: { dial?: unknown } }
  if (typeof modem.socketPath === 'string' && modem.socketPath) return modem.socketPath
  return typeof modem.agent?.dial === 'function' ? (modem.agent.dial as Dial) : undefined
}

/** `2026-01-02T03:04:05.123456789Z` → `1767323045.123456789`, the form the engine's `since` takes. */
export function engineSince(time: string): string {
  const seconds = Math.floor(Date.parse(time.slice(0, 19) + 'Z') / 1000)
  return `${seconds}.${time.slice(20, 29)}`
}

/** The same form for a moment in milliseconds. */
export function engineSinceMs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1_000_000).padStart(9, '0')}`
}
