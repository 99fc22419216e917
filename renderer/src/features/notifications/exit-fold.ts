// Storms folded: the exits that come within a short window are told once. One container is named,
// with its exit code; many are counted ("12 containers stopped on their own"). The window closes once
// no exit came for `quietMs`, or `maxWaitMs` after the first, so a steady trickle is still told.
import type { ContainerExit } from '@common/contract/containers'

export interface FoldTiming {
  quietMs: number
  maxWaitMs: number
}

export const EXIT_FOLD: FoldTiming = { quietMs: 800, maxWaitMs: 4000 }

export class ExitFold {
  private pending: ContainerExit[] = []
  private quiet: ReturnType<typeof setTimeout> | null = null
  private max: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly onFolded: (exits: ContainerExit[]) => void,
    private readonly timing: FoldTiming = EXIT_FOLD,
  ) {}

  add(exit: ContainerExit): void {
    this.pending.push(exit)
    if (!this.max) this.max = setTimeout(() => this.flush(), this.timing.maxWaitMs)
    if (this.quiet) clearTimeout(this.quiet)
    this.quiet = setTimeout(() => this.flush(), this.timing.quietMs)
  }

  flush(): void {
    if (this.quiet) clearTimeout(this.quiet)
    if (this.max) clearTimeout(this.max)
    this.quiet = this.max = null
    const exits = this.pending
    this.pending = []
    if (exits.length) this.onFolded(exits)
  }
}

/** What one fold says: its title and body. Engine text (names) goes in as plain text. */
export function exitWords(exits: ContainerExit[]): { title: string; body: string } {
  const [first] = exits
  if (exits.length === 1 && first) {
    return {
      title: `${first.name} stopped on its own`,
      body: first.exitCode === null ? 'It exited; the engine gave no exit code.' : `Exit code ${first.exitCode}.`,
    }
  }
  const names = exits.slice(0, 3).map((e) => e.name).join(', ')
  return { title: `${exits.length} containers stopped on their own`, body: `${names}${exits.length > 3 ? ` and ${exits.length - 3} more` : ''}` }
}
