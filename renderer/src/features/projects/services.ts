// A project's services as `docker compose ps` groups them: each service's containers (its replicas),
// the images they run, how many are up, and their published ports. From the live list rows alone.
import type { ContainerSummary } from '@common/contract/containers'
import { isUp } from '@common/contract/plain'
import { portLabel } from '../containers/port-links'

export interface ServiceRow {
  service: string
  containers: ContainerSummary[]
  images: string[]
  running: number
  ports: string[]
}

export function serviceRows(containers: readonly ContainerSummary[]): ServiceRow[] {
  const by = new Map<string, ContainerSummary[]>()
  for (const c of containers) {
    const service = c.compose?.service ?? ''
    by.set(service, [...(by.get(service) ?? []), c])
  }
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => ({
      service,
      containers: list,
      images: [...new Set(list.map((c) => c.image))],
      running: list.filter((c) => isUp(c.state)).length,
      ports: [...new Set(list.flatMap((c) => c.ports.map(portLabel)))],
    }))
}
