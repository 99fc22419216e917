// What the connected engine does to logs that the pane cannot undo, said where the logs are.
import type { EngineProduct } from '@common/contract/engine'

/**
 * Podman before 4.7 reads the last lines of its log file backwards and puts the pieces of a line
 * conmon stored in parts (8 KiB each, or wherever a read of a fast writer's output ended) onto the
 * line before it (containers/podman#19545, fixed in 4.7). `--tail` and scrolling back go that way;
 * Download reads from the start, where every line is whole.
 */
export function tailNote(product: EngineProduct | undefined): string | null {
  if (product?.kind !== 'podman') return null
  const [major = 0, minor = 0] = product.version.split('.').map((n) => Number.parseInt(n, 10) || 0)
  if (major > 4 || (major === 4 && minor >= 7)) return null
  return `Podman ${product.version} joins a line it stored in pieces (over 8 KiB, or cut by a fast writer) to the line before it when it sends a log’s last lines (podman#19545, fixed in Podman 4.7). Download reads the log from its start, with every line whole.`
}
