// One way for every live stream (logs, terminals, stats) to come back. A stream on a container asks
// to be told when it can be opened again: when the engine answers after it had gone away (the
// connection's own reconnect), or when the container starts again (a restart policy, `docker start`).
// Each stream decides what coming back means for it: the log pane continues from its last line, a
// terminal offers to reattach, stats simply resume.
import type { EngineConnection } from './connection'
import type { EngineEvent } from './events'

export type RevivalReason = 'engine-restarted' | 'container-started'

type Reviver = (reason: RevivalReason) => void

export class Revival {
  /** Streams waiting to come back, by the full id of their container. */
  private readonly watchers = new Map<string, Set<Reviver>>()
  private engineWasDown = false

  constructor(connection: EngineConnection) {
    connection.onStatus((status) => {
      if (status.state !== 'connected') {
        // "connecting" is also the state before the first connect: nothing was lost then.
        if (status.state === 'unreachable') this.engineWasDown = true
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
  watch(containerId: string, revive: Reviver): () => void {
    const set = this.watchers.get(containerId) ?? new Set<Reviver>()
    set.add(revive)
    this.watchers.set(containerId, set)
    return () => {
      set.delete(revive)
      if (set.size === 0 && this.watchers.get(containerId) === set) this.watchers.delete(containerId)
    }
  }

  private noteEvent(event: EngineEvent): void {
    if (event.Type !== 'container' || event.Action !== 'start') return
    const id = event.Actor?.ID
    if (id) this.notify(id, 'container-started')
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
