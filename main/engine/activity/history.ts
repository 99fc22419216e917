// The activity history: every action Berth ran, kept in a small JSON file in the host's state folder
// (the desktop app's data folder, browser mode's config folder), so it outlives a restart. Bounded:
// the newest ACTIVITY_KEEP. A file that cannot be read is set aside, never fatal: the history starts
// empty and says why. Writes replace the file whole (temp + rename), one at a time, in order.
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ACTIVITY_KEEP, activityEntryInput, type ActivityEntry, type ActivityEntryInput, type ActivityHistory as History } from '@common/contract/activity'

export const ACTIVITY_FILE = 'activity.json'
/** Where an unreadable history is moved, so the next write does not destroy what a user may want back. */
export const BROKEN_ACTIVITY_FILE = 'activity.broken.json'

interface Saved {
  version: 1
  entries: ActivityEntry[]
}

export class ActivityHistory {
  private entries: ActivityEntry[] = []
  private problem: string | null = null
  private loaded = false
  private nextId = 1
  private writing: Promise<void> = Promise.resolve()
  private readonly listeners = new Set<(entry: ActivityEntry) => void>()

  /** `stateDir` null: kept in memory only (tests, a host with no data folder). */
  constructor(
    private readonly stateDir: string | null,
    private readonly keep = ACTIVITY_KEEP,
  ) {}

  /** The history, oldest first, and why the saved one could not be read, if so. */
  async history(): Promise<History> {
    await this.load()
    return { entries: this.entries.slice(), problem: this.problem }
  }

  /** Adds one finished action (already validated) and saves the history before answering. */
  async append(input: ActivityEntryInput): Promise<ActivityEntry> {
    await this.load()
    const entry: ActivityEntry = { id: this.nextId++, ...input }
    this.entries.push(entry)
    if (this.entries.length > this.keep) this.entries.splice(0, this.entries.length - this.keep)
    await this.save()
    this.listeners.forEach((listener) => listener(entry))
    return entry
  }

  /** Hears every action appended from now on, once it is saved. */
  onAppended(listener: (entry: ActivityEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private async load(): Promise<void> {
    if (this.loaded || !this.stateDir) {
      this.loaded = true
      return
    }
    this.loaded = true
    const file = join(this.stateDir, ACTIVITY_FILE)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      this.problem = `Berth could not read its activity history (${(err as Error).message}): it starts empty.`
      return
    }
    const read = readSaved(text)
    if (typeof read === 'string') {
      const aside = await rename(file, join(this.stateDir, BROKEN_ACTIVITY_FILE)).then(
        () => `; the old file is kept as ${BROKEN_ACTIVITY_FILE} beside it`,
        () => '',
      )
      this.problem = `Berth's activity history ${file} is not one it can read (${read})${aside}. It starts empty.`
      return
    }
    this.entries = read.slice(-this.keep)
    this.nextId = Math.max(0, ...this.entries.map((e) => e.id)) + 1
  }

  private save(): Promise<void> {
    const dir = this.stateDir
    if (!dir) return Promise.resolve()
    const text = `${JSON.stringify({ version: 1, entries: this.entries } satisfies Saved)}\n`
    // Each write waits for the one before, so the file always ends as the newest history.
    const write = this.writing.then(async () => {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const temp = join(dir, `${ACTIVITY_FILE}.${process.pid}`)
      await writeFile(temp, text, { mode: 0o600 })
      await rename(temp, join(dir, ACTIVITY_FILE))
    })
    this.writing = write.catch(() => {})
    return write
  }
}

/** The entries of a saved history, or why it is not one. */
function readSaved(text: string): ActivityEntry[] | string {
  let saved: unknown
  try {
    saved = JSON.parse(text)
  } catch {
    return 'it is not JSON'
  }
  if (typeof saved !== 'object' || saved === null || (saved as Saved).version !== 1 || !Array.isArray((saved as Saved).entries)) {
    return 'it is not a version 1 history'
  }
  const entries: ActivityEntry[] = []
  for (const [index, raw] of (saved as Saved).entries.entries()) {
    const { id, ...rest } = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ActivityEntry>
    const parsed = activityEntryInput.safeParse(rest)
    if (!parsed.success || typeof id !== 'number' || !Number.isSafeInteger(id)) return `entry ${index + 1} is not an action Berth ran`
    entries.push({ id, ...parsed.data })
  }
  return entries
}
