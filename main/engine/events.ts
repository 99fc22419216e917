// Reads the engine's /events stream and reports bursts: every event that arrives within a short
// quiet window is folded into one report, so a `docker compose up` of 20 containers costs one
// refresh, not 20, while a single `docker stop` is reported within a few tens of milliseconds.
import type Dockerode from 'dockerode'
import { OWNER_LABEL } from './volumes/owner-lease'

export type ResourceKind = 'container' | 'image' | 'volume' | 'network'

export interface EngineEvent {
  Type: string
  Action: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  /** When it happened: seconds, and nanoseconds, since the epoch. */
  time?: number
  timeNano?: number
}

const SET_CHANGES = new Set(['create', 'destroy', 'remove'])

export interface Burst {
  kinds: Set<ResourceKind>
  /** Ids of the resources the burst touched, by kind. */
  ids: Map<ResourceKind, Set<string>>
  /** The last action seen for each container in the burst (start, die, destroy, …). */
  containerActions: Map<string, string>
  /** A container was created or destroyed: counts of containers per image or volume may have changed. */
  containerSetChanged: boolean
}

export interface BurstTiming {
  /** Report after this long without a new event. */
  quietMs: number
  /** Report after this long even if events keep coming. */
  maxWaitMs: number
}

export const defaultBurstTiming: BurstTiming = { quietMs: 20, maxWaitMs: 100 }

const WATCHED: ResourceKind[] = ['container', 'image', 'volume', 'network']

/**
 * Container actions that change nothing a list shows: a signal (the die that may follow does), a
 * terminal's attach and every resize of its pane, `docker top`, and a file browse or `docker cp`.
 */
const UNSEEN_ACTIONS = new Set(['kill', 'attach', 'detach', 'resize', 'top', 'archive-path', 'extract-to-dir', 'export'])

/**
 * Events that change nothing a list shows: the actions above, an exec (a healthcheck's every few
 * seconds; Docker says `exec_start: …`, Podman `exec`, and runs one for `docker top` too), and a
 * Berth's owner marker (volumes/owner-lease.ts), renamed every half minute.
 */
const isNoise = (event: EngineEvent): boolean =>
  event.Action === 'exec' || event.Action.startsWith('exec_') || (event.Type === 'container' && UNSEEN_ACTIONS.has(event.Action)) || event.Actor?.Attributes?.[OWNER_LABEL] !== undefined

export class BurstCollector {
  private burst: Burst | null = null
  private quietTimer: NodeJS.Timeout | null = null
  private maxTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly onBurst: (burst: Burst) => void,
    private readonly timing: BurstTiming = defaultBurstTiming,
  ) {}

  add(event: EngineEvent): void {
    const kind = event.Type as ResourceKind
    if (!WATCHED.includes(kind) || isNoise(event)) return
    if (!this.burst) {
      this.burst = { kinds: new Set(), ids: new Map(), containerActions: new Map(), containerSetChanged: false }
      this.maxTimer = setTimeout(() => this.flush(), this.timing.maxWaitMs)
    }
    this.burst.kinds.add(kind)
    const id = event.Actor?.ID
    if (id) {
      const ids = this.burst.ids.get(kind) ?? new Set<string>()
      ids.add(id)
      this.burst.ids.set(kind, ids)
      if (kind === 'container') this.burst.containerActions.set(id, event.Action)
    }
    // Docker says `destroy` when a container is removed; Podman's compatible API says `remove`.
    if (kind === 'container' && SET_CHANGES.has(event.Action)) this.burst.containerSetChanged = true
    if (this.quietTimer) clearTimeout(this.quietTimer)
    this.quietTimer = setTimeout(() => this.flush(), this.timing.quietMs)
  }

  flush(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer)
    if (this.maxTimer) clearTimeout(this.maxTimer)
    this.quietTimer = this.maxTimer = null
    const burst = this.burst
    this.burst = null
    if (burst) this.onBurst(burst)
  }

  dispose(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer)
    if (this.maxTimer) clearTimeout(this.maxTimer)
    this.burst = null
  }
}

/** Splits the newline-delimited JSON of /events, which may arrive in any chunking. */
export class EventStreamParser {
  private pending = ''

  constructor(private readonly onEvent: (event: EngineEvent) => void) {}

  push(chunk: Buffer | string): void {
    this.pending += chunk.toString()
    let newline: number
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline).trim()
      this.pending = this.pending.slice(newline + 1)
      if (!line) continue
      try {
        this.onEvent(JSON.parse(line) as EngineEvent)
      } catch {
        // A malformed line cannot be acted on; the next burst refreshes everything it touches anyway.
      }
    }
  }
}

/** Opens the event stream. Resolves once it is open; `onEnd` fires once when it closes for any reason. */
export async function openEventStream(
  docker: Dockerode,
  onEvent: (event: EngineEvent) => void,
  onEnd: (err?: Error) => void,
): Promise<() => void> {
  const stream = (await docker.getEvents({ filters: { type: WATCHED } })) as NodeJS.ReadableStream & { destroy(): void }
  const parser = new EventStreamParser(onEvent)
  let ended = false
  const end = (err?: Error) => {
    if (ended) return
    ended = true
    onEnd(err)
  }
  stream.on('data', (chunk: Buffer) => parser.push(chunk))
  stream.on('end', () => end())
  stream.on('close', () => end())
  stream.on('error', (err: Error) => end(err))
  return () => {
    ended = true
    stream.destroy()
  }
}
