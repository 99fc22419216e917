// The stats domain: `docker stats` for one container, streamed to the page that opened it while it stays open.
import { z } from 'zod'
import { call, event } from './spec'
import { containerRef, streamId } from './shared'

/** One sample of `docker stats`, computed as the CLI computes it. */
export interface StatsSample {
  /** Milliseconds since the epoch, from the engine's `read`. */
  at: number
  cpuPercent: number
  /** Usage minus the inactive page cache, as `docker stats` shows it. */
  memoryBytes: number
  memoryLimitBytes: number
  memoryPercent: number
  networkRxBytes: number
  networkTxBytes: number
  blockReadBytes: number
  blockWriteBytes: number
  pids: number
}

/**
 * Where a stats stream is: `running` (samples coming), `stopped` (the container is not running; the
 * stream comes back when it starts), `waiting` (the engine went away; it comes back with it).
 */
export type StatsPhase = 'running' | 'stopped' | 'waiting' | 'removed'

export interface StatsState {
  stream: string
  phase: StatsPhase
  message?: string
}

export interface StatsBatch {
  stream: string
  sample: StatsSample
}
const statsStream = streamId('a stats stream name')

export const stats = {
  calls: {
    open: call<{ stream: string; containerId: string; running: boolean }>()(z.strictObject({ stream: statsStream, id: containerRef })),
    close: call<void>()(z.strictObject({ stream: statsStream })),
  },
  events: {
    sample: event<StatsBatch>(),
    state: event<StatsState>(),
  },
}
