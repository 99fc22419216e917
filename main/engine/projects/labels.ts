// A container's compose project, from the labels Compose v1, v2 and podman-compose all write.
import { COMPOSE_LABELS, type ComposeLabels } from '@common/contract/projects'

export function composeLabels(labels: Record<string, string> | null | undefined): ComposeLabels | undefined {
  const project = labels?.[COMPOSE_LABELS.project]
  if (!labels || !project) return undefined
  const number = Number.parseInt(labels[COMPOSE_LABELS.number] ?? '', 10)
  const workingDir = labels[COMPOSE_LABELS.workingDir]
  const files = (labels[COMPOSE_LABELS.configFiles] ?? '').split(',').map((f) => f.trim()).filter(Boolean)
  return {
    project,
    service: labels[COMPOSE_LABELS.service] ?? '',
    ...(Number.isFinite(number) ? { number } : {}),
    ...(workingDir ? { workingDir } : {}),
    ...(files.length ? { configFiles: files } : {}),
  }
}
