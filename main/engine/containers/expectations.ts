// The engine can emit a container's `die` event a moment before its list view says the container
// stopped (seen with many containers on the engine). A list fetched in that moment is stale, and no
// further event would ever correct it. So each burst records what its events imply ("this one is
// now running", "that one is gone"); a list that disagrees is fetched again shortly, a few times.
import type { ContainerSummary } from '@common/contract/containers'

type Expected = 'running' | 'stopped' | 'paused' | 'present' | 'gone'

const IMPLIES: Record<string, Expected> = {
  create: 'present',
  start: 'running',
  restart: 'running',
  unpause: 'running',
  pause: 'paused',
  die: 'stopped',
  stop: 'stopped',
  destroy: 'gone',
}

function holds(list: ContainerSummary[], id: string, expected: Expected): boolean {
  const c = list.find((x) => x.id === id)
  switch (expected) {
    case 'gone':
      return !c
    case 'present':
      return !!c
    case 'running':
      return c?.state === 'running'
    case 'paused':
      return c?.state === 'paused'
    case 'stopped':
      return !c || (c.state !== 'running' && c.state !== 'paused')
  }
}

export class ContainerExpectations {
  private expected = new Map<string, Expected>()
  private retries = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly refetch: () => void,
    private readonly delaysMs: number[] = [25, 50, 100, 200, 400],
  ) {}

  /** Records what a burst's container actions imply. */
  note(actions: Map<string, string>): void {
    for (const [id, action] of actions) {
      const implied = IMPLIES[action]
      if (implied) this.expected.set(id, implied)
    }
  }

  /** Checks a fresh list; schedules another fetch if the engine's view is behind its events. */
  check(list: ContainerSummary[]): void {
    for (const [id, expected] of this.expected) if (holds(list, id, expected)) this.expected.delete(id)
    if (this.expected.size === 0 || this.retries >= this.delaysMs.length) {
      this.expected.clear()
      this.retries = 0
      return
    }
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.refetch()
    }, this.delaysMs[this.retries++])
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.expected.clear()
  }
}
