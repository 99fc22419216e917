// The containers list with compose projects folded in: each project's containers under one group
// row, where the project's newest container would be, in the order `docker compose ps` gives them
// (service, then number). Pure: the page gives the live list and its filter, this gives the rows.
import type { ContainerSummary } from '@common/contract/containers'
import { isUp } from '@common/contract/plain'

export interface ProjectSummary {
  name: string
  /** Every container of the project, filtered or not, in `docker compose ps` order. */
  containers: ContainerSummary[]
  /** Up, as `docker compose ps` counts them: running, restarting or paused. */
  running: number
  /** Its services, sorted. */
  services: string[]
  /** From the labels of its containers (the first that has them). */
  workingDir?: string
  configFiles: string[]
}

export type ListRow =
  | { kind: 'project'; project: ProjectSummary; collapsed: boolean; /** Its containers the filter lets through. */ shown: number }
  | { kind: 'container'; container: ContainerSummary; /** The group it is shown under. */ project?: string }

/** `docker compose ps` order: by service, then by container number, then by name. */
const psOrder = (a: ContainerSummary, b: ContainerSummary) =>
  (a.compose?.service ?? '').localeCompare(b.compose?.service ?? '') || (a.compose?.number ?? 0) - (b.compose?.number ?? 0) || a.name.localeCompare(b.name)

/** Every project on the engine, by name, from the whole list. */
export function summarizeProjects(list: readonly ContainerSummary[]): Map<string, ProjectSummary> {
  const members = new Map<string, ContainerSummary[]>()
  for (const c of list) {
    const name = c.compose?.project
    if (name) members.set(name, [...(members.get(name) ?? []), c])
  }
  const out = new Map<string, ProjectSummary>()
  for (const [name, containers] of members) {
    containers.sort(psOrder)
    const labelled = containers.find((c) => c.compose?.workingDir || c.compose?.configFiles)?.compose
    out.set(name, {
      name,
      containers,
      running: containers.filter((c) => isUp(c.state)).length,
      services: [...new Set(containers.map((c) => c.compose?.service ?? ''))].sort(),
      ...(labelled?.workingDir ? { workingDir: labelled.workingDir } : {}),
      configFiles: labelled?.configFiles ?? [],
    })
  }
  return out
}

/**
 * The rows to show: `visible` is the list after the page's filter, in the engine's order. A project
 * shows when any of its containers is visible, with only those under it (none while collapsed).
 */
export function groupRows(visible: readonly ContainerSummary[], projects: ReadonlyMap<string, ProjectSummary>, collapsed: ReadonlySet<string>): ListRow[] {
  const shownOf = new Map<string, ContainerSummary[]>()
  for (const c of visible) {
    const name = c.compose?.project
    if (name && projects.has(name)) shownOf.set(name, [...(shownOf.get(name) ?? []), c])
  }
  const rows: ListRow[] = []
  for (const c of visible) {
    const name = c.compose?.project
    const project = name ? projects.get(name) : undefined
    if (!name || !project) {
      rows.push({ kind: 'container', container: c })
      continue
    }
    const shown = shownOf.get(name)
    // The group goes where its first visible container is; the rest follow it, not their own places.
    if (!shown) continue
    shownOf.delete(name)
    const folded = collapsed.has(name)
    rows.push({ kind: 'project', project, collapsed: folded, shown: shown.length })
    if (!folded) for (const member of [...shown].sort(psOrder)) rows.push({ kind: 'container', container: member, project: name })
  }
  return rows
}

/** A row's key in the list: container ids are hex, so a project's cannot collide with them. */
export const rowKey = (row: ListRow): string => (row.kind === 'project' ? `project:${row.project.name}` : row.container.id)

/** "3 of 4 running". */
export const runningWords = (p: ProjectSummary): string => `${p.running} of ${p.containers.length} running`
