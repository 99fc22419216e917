// Keeps track of whether the engine can be reached. The /events stream doubles as the heartbeat:
// when it closes, the engine went away; Berth says so and keeps trying until it answers again.
import type { Agent } from 'node:http'
import Dockerode from 'dockerode'
import { resolveEndpoint, type Endpoint } from './endpoint'
import { BurstCollector, openEventStream, type Burst, type BurstTiming, type EngineEvent } from './events'
import { unreachableReason } from './errors'
import { engineIdentity } from './engine-product'
import type { EngineStatus } from '@common/contract/engine'

export interface ConnectionOptions {
  endpoint?: Endpoint
  burstTiming?: BurstTiming
  /** Delays between reconnect attempts; the last one repeats. */
  retryDelaysMs?: number[]
}

type Listener<T> = (value: T) => void

export class EngineConnection {
  readonly endpoint: Endpoint
  readonly docker: Dockerode
  private current: EngineStatus
  private readonly statusListeners = new Set<Listener<EngineStatus>>()
  private readonly burstListeners = new Set<Listener<Burst>>()
  private readonly eventListeners = new Set<Listener<EngineEvent>>()
  private readonly bursts: BurstCollector
  private readonly retryDelaysMs: number[]
  private closeStream: (() => void) | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private attempt = 0
  private stopped = true

  constructor(options: ConnectionOptions = {}) {
    this.endpoint = options.endpoint ?? resolveEndpoint()
    this.docker = new Dockerode(this.endpoint.options)
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 500, 1000, 2000]
    this.bursts = new BurstCollector((burst) => this.burstListeners.forEach((l) => l(burst)), options.burstTiming)
    this.current = this.statusWith({ state: 'connecting' })
  }

  get status(): EngineStatus {
    return this.current
  }

  onStatus(listener: Listener<EngineStatus>): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Bursts of engine events, debounced. Also fired (with every kind) right after each (re)connect. */
  onBurst(listener: Listener<Burst>): () => void {
    this.burstListeners.add(listener)
    return () => this.burstListeners.delete(listener)
  }

  /** Every engine event as it arrives, before it is folded into a burst. */
  onEvent(listener: Listener<EngineEvent>): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    void this.connect()
  }

  stop(): void {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.closeStream?.()
    this.closeStream = null
    this.bursts.dispose()
    // A remote engine's idle kept-alive links (TLS sockets, ssh processes) go with it; a request
    // still under way (the release of volume helpers) ends on its own.
    const { agent } = this.endpoint.options as { agent?: Agent }
    for (const idle of Object.values(agent?.freeSockets ?? {})) idle?.forEach((socket) => socket.destroy())
  }

  private async connect(): Promise<void> {
    if (this.stopped) return
    try {
      const identity = await engineIdentity(this.docker)
      const close = await openEventStream(
        this.docker,
        (event) => {
          this.eventListeners.forEach((l) => l(event))
          this.bursts.add(event)
        },
        (err) => this.lost(err),
      )
      if (this.stopped) return close()
      this.closeStream = close
      this.attempt = 0
      this.setStatus(this.statusWith({ state: 'connected', version: identity.version, apiVersion: identity.apiVersion, product: identity.product }))
      // Anything may have changed while we were away.
      const everything = new Set(['container', 'image', 'volume', 'network'] as const)
      this.burstListeners.forEach((l) => l({ kinds: everything, ids: new Map(), containerActions: new Map(), containerSetChanged: true }))
    } catch (err) {
      this.lost(err)
    }
  }

  private lost(err: unknown): void {
    this.closeStream = null
    if (this.stopped) return
    const message = unreachableReason(err)
    this.setStatus(this.statusWith({ state: 'unreachable', message }))
    const delay = this.retryDelaysMs[Math.min(this.attempt, this.retryDelaysMs.length - 1)] ?? 1000
    this.attempt++
    this.retryTimer = setTimeout(() => void this.connect(), delay)
  }

  private statusWith(fields: Pick<EngineStatus, 'state'> & Partial<EngineStatus>): EngineStatus {
    const { host, source, context, tlsUnverified } = this.endpoint
    return { host, source, ...(context ? { context } : {}), ...(tlsUnverified ? { tlsUnverified } : {}), ...fields }
  }

  private setStatus(status: EngineStatus): void {
    const before = this.current
    this.current = status
    if (before.state === status.state && before.message === status.message && before.version === status.version && before.apiVersion === status.apiVersion && before.product?.name === status.product?.name) return
    this.statusListeners.forEach((l) => l(status))
  }
}
