// `docker stats` for one page's Stats tab: the engine's stream of samples (one a second), opened
// only while the tab is shown. It comes back by itself through the engine's one revival mechanism:
// when the container starts again, or when the engine answers again after going away.
import type Dockerode from 'dockerode'
import type { Readable } from 'node:stream'
import { toEngineError } from '../errors'
import type { Revival } from '../revival'
import { isEmptyRead, toStatsSample, type EngineStats } from './sample'
import type { StatsPhase, StatsSample } from '@common/contract/stats'

export interface StatsSink {
  sample(sample: StatsSample): void
  state(phase: StatsPhase, message?: string): void
}

export interface StatsSource {
  readonly docker: Dockerode
  readonly revival: Revival
}

export class StatsFollower {
  containerId = ''
  private stream: Readable | null = null
  private closed = false
  private unwatch: (() => void) | null = null
  private phase: StatsPhase | null = null
  /** Each open gets a number, so a stream that ends after a newer one opened says nothing. */
  private generation = 0

  constructor(
    private readonly source: StatsSource,
    private readonly id: string,
    private readonly sink: StatsSink,
  ) {}

  get isClosed(): boolean {
    return this.closed
  }

  /** Finds the container (refusing one that does not exist) and starts following it. */
  async start(): Promise<{ containerId: string; running: boolean }> {
    let info: Dockerode.ContainerInspectInfo
    try {
      info = await this.source.docker.getContainer(this.id).inspect()
    } catch (err) {
      throw toEngineError(err, { kind: 'container', ref: this.id })
    }
    this.containerId = info.Id
    this.unwatch = this.source.revival.watch(info.Id, () => void this.open())
    await this.open(info)
    return { containerId: info.Id, running: info.State.Running }
  }

  close(): void {
    this.closed = true
    this.generation++
    this.unwatch?.()
    this.unwatch = null
    this.stream?.destroy()
    this.stream = null
  }

  private setPhase(phase: StatsPhase, message?: string): void {
    if (this.closed || this.phase === phase) return
    this.phase = phase
    this.sink.state(phase, message)
  }

  private async open(known?: Dockerode.ContainerInspectInfo): Promise<void> {
    if (this.closed) return
    const generation = ++this.generation
    this.stream?.destroy()
    this.stream = null
    const container = this.source.docker.getContainer(this.containerId)
    try {
      const info = known ?? (await container.inspect())
      if (generation !== this.generation) return
      if (!info.State.Running) {
        this.setPhase('stopped', 'The container is not running. Its stats come back when it starts.')
        return
      }
      const stream = (await container.stats({ stream: true })) as unknown as Readable
      if (generation !== this.generation) {
        stream.destroy()
        return
      }
      this.stream = stream
      this.read(stream, generation)
    } catch (err) {
      if (generation === this.generation) this.lost(err)
    }
  }

  private read(stream: Readable, generation: number): void {
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      if (generation !== this.generation) return
      buffered += chunk
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim()
        buffered = buffered.slice(newline + 1)
        if (!line) continue
        let stats: EngineStats
        try {
          stats = JSON.parse(line) as EngineStats
        } catch {
          continue
        }
        if (isEmptyRead(stats)) {
          this.setPhase('stopped', 'The container stopped. Its stats come back when it starts again.')
          continue
        }
        this.setPhase('running')
        this.sink.sample(toStatsSample(stats))
      }
    })
    const ended = (err?: unknown) => {
      if (generation !== this.generation || this.closed) return
      this.stream = null
      this.lost(err)
    }
    stream.on('end', () => ended())
    stream.on('error', (err) => ended(err))
    stream.on('close', () => ended())
  }

  /** The stream ended: say why, and wait for the revival to open it again. */
  private lost(err?: unknown): void {
    this.generation++
    const generation = this.generation
    void this.source.docker
      .getContainer(this.containerId)
      .inspect()
      .then((info) => {
        if (generation !== this.generation) return
        if (info.State.Running) {
          // Still running (a dropped connection): open again, after a pause so a failing stream cannot spin.
          setTimeout(() => generation === this.generation && void this.open(), 1000)
        } else this.setPhase('stopped', 'The container stopped. Its stats come back when it starts again.')
      })
      .catch((inspectErr: unknown) => {
        if (generation !== this.generation) return
        const error = toEngineError(inspectErr ?? err, { kind: 'container', ref: this.containerId })
        if (error.code === 'not-found') {
          this.setPhase('removed', 'The container was removed.')
          this.close()
        } else this.setPhase('waiting', 'The Docker engine stopped answering. Stats come back when it does.')
      })
  }
}
