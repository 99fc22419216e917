// Which exits were a container's own doing, from the engine's events: a stop or kill (from Berth or
// the CLI) sends `kill` (Docker) or `stop` (Podman, when it has to kill) before the `die`; a process
// that ends by itself sends `die` alone, with its exit code. Podman 4.3 sends nothing before the `die`
// of a container that honours the stop signal, so there a signal's exit code (137, 143) with no
// event before it is read as a stop too; Berth's own stops are known here before they are asked.
import type { EngineEvent } from '../events'
import type { ContainerExit, ContainerHealthTurn } from '@common/contract/containers'
import { COMPOSE_PROJECT_LABEL } from '@common/contract/plain'

/** Exit codes of SIGKILL and SIGTERM: what a stop leaves. */
const SIGNAL_EXITS = new Set([137, 143])
/** How long a stop Berth asked for may take to show as a `die`: the longest stop timeout it offers, and some. */
const EXPECTED_FOR_MS = 5 * 60_000

type EngineKind = 'docker' | 'podman' | 'other' | undefined

export class ContainerExits {
  /** Containers a stop or kill event was seen for, until their `die` (or a start). */
  private readonly stopping = new Set<string>()
  /** Stops Berth asked for: a container (id, short id or name) or a whole compose project, until when. */
  private readonly expected = new Map<string, number>()
  private readonly exitListeners = new Set<(exit: ContainerExit) => void>()
  private readonly healthListeners = new Set<(turn: ContainerHealthTurn) => void>()

  constructor(private readonly engineKind: () => EngineKind = () => undefined) {}

  /** Berth is about to stop, restart or remove this container (`ref`: id, short id or name). */
  expectStop(ref: string): void {
    this.expected.set(`container:${ref}`, Date.now() + EXPECTED_FOR_MS)
  }

  /** Berth is about to stop every container of a compose project. */
  expectProjectStop(project: string): void {
    this.expected.set(`project:${project}`, Date.now() + EXPECTED_FOR_MS)
  }

  onExit(listener: (exit: ContainerExit) => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }

  onUnhealthy(listener: (turn: ContainerHealthTurn) => void): () => void {
    this.healthListeners.add(listener)
    return () => this.healthListeners.delete(listener)
  }

  note(event: EngineEvent): void {
    const id = event.Actor?.ID
    if (event.Type !== 'container' || !id) return
    const attributes = event.Actor?.Attributes ?? {}
    const name = attributes.name ?? id.slice(0, 12)
    const at = event.timeNano ? Math.floor(event.timeNano / 1e6) : (event.time ?? Date.now() / 1000) * 1000
    switch (event.Action) {
      case 'kill':
      case 'stop':
        this.stopping.add(id)
        return
      case 'start':
      case 'destroy':
      case 'remove':
        this.stopping.delete(id)
        return
      case 'die': {
        const exitCode = attributes.exitCode !== undefined && /^-?\d+$/.test(attributes.exitCode) ? Number(attributes.exitCode) : null
        // Both are read (and used up) whichever says so: a stop Berth asked for left no mark behind.
        const asked = this.wasExpected(id, name, attributes[COMPOSE_PROJECT_LABEL])
        if (this.stopping.delete(id) || asked) return
        if (this.engineKind() === 'podman' && exitCode !== null && SIGNAL_EXITS.has(exitCode)) return
        this.exitListeners.forEach((l) => l({ id, name, exitCode, at }))
        return
      }
    }
    // Docker says `health_status: unhealthy`; newer Podman says `health_status` with the status beside it.
    if (event.Action === 'health_status: unhealthy' || (event.Action === 'health_status' && attributes.health_status === 'unhealthy'))
      this.healthListeners.forEach((l) => l({ id, name, at }))
  }

  private wasExpected(id: string, name: string, project: string | undefined): boolean {
    const now = Date.now()
    for (const [key, until] of this.expected) if (until < now) this.expected.delete(key)
    for (const key of this.expected.keys()) {
      const [kind, ref = ''] = key.split(/:(.*)/s)
      if (kind === 'project' ? ref === project : ref === name || (ref.length >= 12 && id.startsWith(ref)) || ref === id) {
        // A project's stop covers all its containers; a container's, its one die.
        if (kind === 'container') this.expected.delete(key)
        return true
      }
    }
    return false
  }
}
