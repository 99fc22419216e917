// How a container's state reads and is coloured, as `docker ps -a` words it. Plain functions, so a
// list row can draw the badge without a component of its own per row.
import type { ContainerSummary } from '@common/contract/containers'
import { exitCodeMeaning } from './exit-codes'

export function stateLabel({ state, exitCode }: ContainerSummary): string {
  return state === 'exited' && exitCode !== null ? `exited (${exitCode})` : state
}

export function stateTone({ state, exitCode }: ContainerSummary): 'ok' | 'idle' | 'bad' | 'info' | 'warn' {
  if (state === 'running') return 'ok'
  if (state === 'exited') return exitCode === 0 ? 'idle' : 'bad'
  if (state === 'dead') return 'bad'
  if (state === 'created') return 'info'
  return 'warn'
}

/** The badge's tooltip: what an exit code like 137 means, where it has a meaning to tell. */
export function stateTitle({ state, exitCode }: ContainerSummary): string | undefined {
  return (state === 'exited' && exitCodeMeaning(exitCode)) || undefined
}
