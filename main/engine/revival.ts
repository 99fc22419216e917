// One way for every live stream (logs, terminals, stats) to come back. A stream on a container asks
// to be told when it can be opened again: when the engine answers after it had gone away (the
// connection's own reconnect), or when the container starts again (a restart policy, `docker start`).
// Each stream decides what coming back means for it: the log pane continues from its last line, a
// terminal offers to reattach, stats simply resume.
import type { EngineConnection } from './connection'
import type { EngineEvent } from './events'

export type RevivalReason = 'engine-restarted' | 'container-started'

type Reviver = (reason: RevivalReason) => void

export interface WatchOptions {
  /** Called when the container is removed: a stream waiting for it can stop waiting. */
  removed?: () => void
  /** Called when the engine stops answering: a stream can say it waits for it (revive follows). */
  lost?: () => void
  /** Called when the container's main process exits, with its exit code as the engine's event gives it. */
  died?: (exitCode: number | undefined) => void
}

export class Revival {
  /** Streams waiting to come back, by the full id of their container. */
  private readonly watchers = new Map<string, Set<Reviver>>()
  private readonly removals = new Map<string, Set<() => void>>()
  private readonly losses = new Map<string, Set<() => void>>()
  private readonly deaths = new Map<string, Set<(exitCode: number | undefined) => void>>()
  private engineWasDown = false

  constructor(connection: EngineConnection) {
    connection.onStatus((status) => {
      if (status.state !== 'connected') {
        // "connecting" is also the state before the first connect: nothing was lost then.
        if (status.state === 'unreachable' && !this.engineWasDown) {
          this.engineWasDown = true
          for (const id of [...this.losses.keys()]) call(this.losses.get(id))
        }
        return
      }
      if (!this.engineWasDown) return
      this.engineWasDown = false
      this.notifyAll('engine-restarted')
    })
    connection.onEvent((event) => this.noteEvent(event))
  }

  /**
   * Calls `revive` each time the stream on this container can come back, until the returned function
   * is called. `containerId` is the full id (a name can move to another container).
   */
  watch(containerId: string, revive: Reviver, options: WatchOptions = {}): () => void {
    const forget = [add(this.watchers, containerId, revive)]
    if (options.removed) forget.push(add(this.removals, containerId, options.removed))
    if (options.lost) forget.push(add(this.losses, containerId, options.lost))
    if (options.died) forget.push(this.onDeath(containerId, options.died))
    return () => forget.forEach((f) => f())
  }

  /**
   * Calls `died` each time the container's main process exits, until the returned function is called.
   * Bound, so it can be handed on as it is (a terminal's wait takes it).
   */
  readonly onDeath = (containerId: string, died: (exitCode: number | undefined) => void): (() => void) => add(this.deaths, containerId, died)

  private noteEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return
    const id = event.Actor?.ID
    if (!id) return
    if (event.Action === 'start') this.notify(id, 'container-started')
    // Podman's Docker API says `remove` where Docker says `destroy`.
    else if (event.Action === 'destroy' || event.Action === 'remove') call(this.removals.get(id))
    else if (event.Action === 'die') {
      const code = Number.parseInt(event.Actor?.Attributes?.exitCode ?? '', 10)
      // The exit code is known from the event even when the container has started again before anyone looked.
      const exitCode = Number.isNaN(code) ? undefined : code
      call(new Set([...(this.deaths.get(id) ?? [])].map((died) => () => died(exitCode))))
    }
  }

  private notifyAll(reason: RevivalReason): void {
    for (const id of [...this.watchers.keys()]) this.notify(id, reason)
  }

  private notify(id: string, reason: RevivalReason): void {
    // A copy: a reviver may stop watching (or start another watch) while it runs.
    for (const revive of [...(this.watchers.get(id) ?? [])]) {
      try {
        revive(reason)
      } catch {
        // One stream failing to come back must not keep the others from trying.
      }
    }
  }
}

/** Adds `value` to the set under `key`; returns what takes it out again (and drops an empty set). */
function add<T>(map: Map<string, Set<T>>, key: string, value: T): () => void {
  const set = map.get(key) ?? new Set<T>()
  set.add(value)
  map.set(key, set)
  return () => {
    set.delete(value)
    if (set.size === 0 && map.get(key) === set) map.delete(key)
  }
}

/** Calls each one (a copy: one may stop watching while they run); one failing does not stop the rest. */
function call(callbacks: Set<() => void> | undefined): void {
  for (const callback of [...(callbacks ?? [])]) {
    try {
      callback()
    } catch {
      // The others still hear it.
    }
  }
}
