// Whether an engine answered, in words: "Docker Engine 20.10.24", or why it did not.
import type { EngineReach } from '@common/contract/engines'

export function reachWords(reach: EngineReach): string {
  if (reach.state === 'checking') return 'Checking…'
  if (reach.state === 'reachable') return reach.product ? `${reach.product.name} ${reach.product.version}` : 'Reachable'
  return reach.message ?? 'Not reachable'
}
