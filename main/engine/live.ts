import type { ListChange, ListShape, ListSnapshot } from '@common/live-list'

// Turns bursts of engine events into fresh lists. A refresh asked for while one is running is
// coalesced into a single follow-up, so a storm of events never queues a storm of list calls.
export class Refresher<T> {
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly load: () => Promise<T>,
    private readonly publish: (value: T) => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  request(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.loop().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async loop(): Promise<void> {
    do {
      this.again = false
      try {
        this.publish(await this.load())
      } catch (err) {
        this.onError(err)
      }
    } while (this.again)
  }
}

/**
 * The last list published, with a version, and what changed since the one before: what the bridge
 * sends pages (a snapshot once, then changes). Rows are compared by their JSON, so a row is sent
 * again only when something in it changed.
 */
export class VersionedList<T> {
  private version = 0
  private items: T[] = []
  private rows = new Map<string, string>()

  constructor(private readonly shape: ListShape<T>) {}

  get loaded(): boolean {
    return this.version > 0
  }

  snapshot(): ListSnapshot<T> {
    return { version: this.version, items: this.items }
  }

  /** Takes the next full list; returns what changed, or null when nothing did (and the version stays). */
  update(next: T[]): ListChange<T> | null {
    const rows = new Map<string, string>()
    const add: ListChange<T>['add'] = []
    const update: T[] = []
    let after: string | null = null
    for (const item of next) {
      const key = this.shape.key(item)
      const json = JSON.stringify(item)
      rows.set(key, json)
      const before = this.rows.get(key)
      if (before === undefined) add.push({ after, item })
      else if (before !== json) update.push(item)
      after = key
    }
    const remove = [...this.rows.keys()].filter((key) => !rows.has(key))
    const first = this.version === 0
    this.rows = rows
    this.items = next
    if (!first && !add.length && !update.length && !remove.length) return null
    const base = this.version
    this.version++
    return { base, version: this.version, add, update, remove }
  }
}
