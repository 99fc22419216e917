// Compose projects, as the live containers list shows them: each project's summary, the list's rows
// with projects folded in, and the group actions (`docker compose -p app stop`), which main runs
// through the engine API on the project's containers. Nothing here is fetched on its own but the
// services' networks and volumes, asked again whenever the project's containers change.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useContainersStore } from '../containers/containers-store'
import { cliLine } from '../../shared/cli'
import { groupRows, summarizeProjects, type ProjectSummary } from './grouping'
import type { ProjectActionResult, ServiceDetail } from '@common/contract/projects'
import type { Result } from '@common/contract/shared'

export type ProjectAction = 'start' | 'stop' | 'restart' | 'remove'

/** The CLI line each group action does the same as. */
export const projectCli = (project: string, action: ProjectAction): string =>
  action === 'remove' ? cliLine('docker', 'compose', '-p', project, 'rm', '-s', '-f') : cliLine('docker', 'compose', '-p', project, action)

export const useProjectsStore = defineStore('projects', () => {
  const containers = useContainersStore()
  const activity = useActivityStore()
  const all = computed(() => summarizeProjects(containers.list))
  /** Group rows folded by the user. */
  const collapsed = ref(new Set<string>())
  const rows = computed(() => groupRows(containers.visible, all.value, collapsed.value))
  /** Projects with a group action in flight. */
  const busy = ref(new Set<string>())
  /** Each project's services' networks and volumes, as last asked. */
  const details = ref(new Map<string, ServiceDetail[]>())
  const detailsError = ref<string | null>(null)

  const find = (name: string): ProjectSummary | undefined => all.value.get(name)

  function toggle(name: string): void {
    const next = new Set(collapsed.value)
    if (next.has(name)) next.delete(name)
    else next.add(name)
    collapsed.value = next
  }

  async function act(project: string, action: ProjectAction): Promise<boolean> {
    const calls: Record<ProjectAction, () => Promise<Result<ProjectActionResult>>> = {
      start: () => berth.projects.start({ project }),
      stop: () => berth.projects.stop({ project }),
      restart: () => berth.projects.restart({ project }),
      remove: () => berth.projects.remove({ project }),
    }
    busy.value = new Set(busy.value).add(project)
    try {
      return (await activity.track(projectCli(project, action), calls[action])).ok
    } finally {
      const next = new Set(busy.value)
      next.delete(project)
      busy.value = next
    }
  }

  async function loadDetails(project: string): Promise<void> {
    const result = await berth.projects.services({ project })
    if (result.ok) {
      details.value = new Map(details.value).set(project, result.value)
      detailsError.value = null
    } else if (result.error.code !== 'not-found') detailsError.value = result.error.message
  }

  return { all, rows, collapsed, busy, details, detailsError, find, toggle, act, loadDetails }
})
