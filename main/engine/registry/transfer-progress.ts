// Reading a pull or push stream: the engine writes one JSON object per line, per layer
// ("Downloading", "Pushing", "Already exists", …) or for the whole image ("Digest: …"), and an error
// arrives as one more line. dockerode's followProgress reports such a line as progress, not as a
// failure, so this reader turns it into one.
import { EngineError } from '../errors'
import type { LayerProgress, LayerState, TransferProgress } from '@common/contract/registry'

export interface DaemonProgress {
  id?: string
  status?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
  aux?: { Tag?: string; Digest?: string; Size?: number }
}

const LAYER_ID = /^[0-9a-f]{12,64}$/

const STATES: Record<string, LayerState> = {
  'pulling fs layer': 'waiting',
  waiting: 'waiting',
  downloading: 'downloading',
  'verifying checksum': 'downloading',
  'download complete': 'downloading',
  extracting: 'extracting',
  'pull complete': 'done',
  'already exists': 'exists',
  preparing: 'preparing',
  pushing: 'pushing',
  pushed: 'pushed',
  'layer already exists': 'exists',
}

function stateOf(status: string): LayerState | undefined {
  const s = status.toLowerCase()
  if (s.startsWith('mounted from')) return 'exists'
  return STATES[s]
}

/** How far one layer is: downloading is most of a pull, extracting the rest. */
function fractionOf(state: LayerState, status: string, current?: number, total?: number): number {
  const part = current !== undefined && total ? Math.min(1, current / total) : 0
  switch (state) {
    case 'waiting':
    case 'preparing':
      return 0
    case 'downloading':
      return /complete|checksum/i.test(status) ? 0.8 : 0.8 * part
    case 'extracting':
      return 0.8 + 0.2 * part
    case 'pushing':
      return Math.min(0.99, part)
    default:
      return 1
  }
}

export class TransferTracker {
  private readonly layers = new Map<string, LayerProgress>()
  private status = ''
  digest: string | undefined
  error: string | undefined

  constructor(
    readonly operation: string,
    readonly kind: 'pull' | 'push',
    readonly reference: string,
  ) {}

  /** Takes one event of the engine's stream; true when a layer appeared or changed state. */
  apply(event: DaemonProgress): boolean {
    const error = event.errorDetail?.message || event.error
    if (error) {
      this.error ??= error
      return false
    }
    if (event.aux?.Digest) this.digest = event.aux.Digest
    const status = event.status ?? ''
    const digest = /(?:^|\s)digest: (sha256:[0-9a-f]{64})/i.exec(status)
    if (digest?.[1]) this.digest = digest[1]
    const state = event.id && LAYER_ID.test(event.id) ? stateOf(status) : undefined
    if (!state || !event.id) {
      if (status) this.status = event.id && !LAYER_ID.test(event.id) ? `${event.id}: ${status}` : status
      return false
    }
    const before = this.layers.get(event.id)?.state
    const { current, total } = event.progressDetail ?? {}
    const known = current !== undefined && total !== undefined && total > 0
    this.layers.set(event.id, {
      id: event.id,
      state,
      ...(known ? { current, total } : {}),
      fraction: fractionOf(state, status, current, total),
    })
    return before !== state
  }

  counts(): { skipped: number; transferred: number } {
    const all = [...this.layers.values()]
    return { skipped: all.filter((l) => l.state === 'exists').length, transferred: all.filter((l) => l.state !== 'exists').length }
  }

  snapshot(finished = false): TransferProgress {
    // Finished, every layer is there, whatever the engine last said of it: Podman's pull stream leaves
    // a layer at "Download complete".
    const end: LayerState = this.kind === 'pull' ? 'done' : 'pushed'
    const layers = [...this.layers.values()].map((l) => (finished && l.state !== 'exists' ? { ...l, state: end, fraction: 1 } : { ...l }))
    const overall = finished ? 1 : layers.length ? layers.reduce((sum, l) => sum + l.fraction, 0) / layers.length : 0
    return { operation: this.operation, kind: this.kind, reference: this.reference, layers, overall, status: this.status, finished }
  }
}

/**
 * Feeds each line of the stream to `onEvent`. Resolves 'end' when the engine finished, 'cancelled'
 * when `signal` aborted (the stream is destroyed, which makes the engine stop the transfer).
 */
export function readProgressStream(
  stream: NodeJS.ReadableStream & { destroy?: (error?: Error) => void },
  onEvent: (event: DaemonProgress) => void,
  signal: AbortSignal,
): Promise<'end' | 'cancelled'> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    let settled = false
    const settle = (outcome: 'end' | 'cancelled' | Error) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      if (outcome instanceof Error) reject(outcome)
      else resolve(outcome)
    }
    const onAbort = () => {
      stream.destroy?.()
      settle('cancelled')
    }
    const line = (text: string) => {
      const trimmed = text.trim()
      if (!trimmed) return
      try {
        onEvent(JSON.parse(trimmed) as DaemonProgress)
      } catch {
        // Not JSON: a proxy's or an old engine's chatter. Nothing to show.
      }
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort)
    stream.on('data', (chunk: Buffer | string) => {
      buffer += chunk.toString()
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        line(buffer.slice(0, newline))
        buffer = buffer.slice(newline + 1)
      }
    })
    stream.on('end', () => {
      line(buffer)
      settle('end')
    })
    stream.on('error', (err: Error) => settle(signal.aborted ? 'cancelled' : err))
    stream.on('close', () => {
      if (signal.aborted) settle('cancelled')
      else settle(new EngineError('engine-unreachable', 'The engine closed the transfer before it finished. Is it still running?'))
    })
  })
}
