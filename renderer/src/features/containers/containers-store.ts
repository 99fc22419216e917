import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useLiveList } from '../../composables/live-list'
import { containerShape, sameOr } from '@common/live-list'
import { cliLine } from '../../shared/cli'
import { containerMatcher } from './container-filter'
import type { ContainerSummary } from '@common/contract/containers'
import type { Result } from '@common/contract/shared'

/** A stop can take its whole grace period: say why, instead of a bare "running…". */
export const STOP_NOTE =
  'stopping: the engine sent SIGTERM; it kills the container if it has not exited by the stop timeout (10 s unless --stop-timeout): exit code 137'

export type BatchAction = 'start' | 'stop' | 'restart' | 'remove'

export const removeCli = (name: string, force: boolean, volumes: boolean): string =>
  cliLine('docker', 'rm', ...(force ? ['-f'] : []), ...(volumes ? ['-v'] : []), name)

export const useContainersStore = defineStore('containers', () => {
  const { list, loaded, load, forget, start } = useLiveList(
    () => berth.containers.list(),
    (listener) => berth.containers.onChanged(listener),
    containerShape,
  )
  const query = ref('')
  const showAll = ref(true)
  /** Ids with an action in flight, so their buttons can show it. */
  const busy = ref(new Set<string>())
  const activity = useActivityStore()

  /** The same array while the same containers pass (`sameOr`). */
  const visible = computed<ContainerSummary[]>((previous) => {
    const matches = containerMatcher(query.value)
    if (!matches && showAll.value) return list.value
    const next = list.value.filter((c) => (showAll.value || c.state === 'running') && (!matches || matches(c)))
    return sameOr(previous, next)
  })
  /** The container a page is about: by name, as routes name it, or by id (a prefix of 12 or more). */
  function find(nameOrId: string): ContainerSummary | undefined {
    return list.value.find((c) => c.name === nameOrId) ?? (nameOrId.length >= 12 ? list.value.find((c) => c.id.startsWith(nameOrId)) : undefined)
  }
  const runningCount = computed(() => list.value.filter((c) => c.state === 'running').length)

  async function act(container: ContainerSummary, cli: string, run: () => Promise<Result<void>>, note?: string): Promise<boolean> {
    busy.value.add(container.id)
    try {
      return (await activity.track(cli, run, cli, { note })).ok
    } finally {
      busy.value.delete(container.id)
    }
  }

  const startContainer = (c: ContainerSummary) => act(c, cliLine('docker', 'start', c.name), () => berth.containers.start({ id: c.id }))
  const stopContainer = (c: ContainerSummary) => act(c, cliLine('docker', 'stop', c.name), () => berth.containers.stop({ id: c.id }), STOP_NOTE)
  const restartContainer = (c: ContainerSummary) =>
    act(c, cliLine('docker', 'restart', c.name), () => berth.containers.restart({ id: c.id }), STOP_NOTE)
  /** `volumes`: its anonymous volumes go too (`docker rm -v`). */
  const removeContainer = (c: ContainerSummary, force = false, volumes = false) =>
    act(c, removeCli(c.name, force, volumes), () => berth.containers.remove({ id: c.id, force, volumes }))
  /**
   * One container's part in a batch (the selection bar's): the same bridge call as its button, its
   * Result kept for the batch's per-item list; the batch is tracked once, under one command line.
   */
  async function batchCall(c: ContainerSummary, action: BatchAction, force = false): Promise<Result<void>> {
    busy.value.add(c.id)
    try {
      if (action === 'remove') return await berth.containers.remove({ id: c.id, force, volumes: false })
      return await berth.containers[action]({ id: c.id })
    } finally {
      busy.value.delete(c.id)
    }
  }
  async function stopAndRemove(c: ContainerSummary, volumes = false): Promise<boolean> {
    return (await stopContainer(c)) && (await removeContainer(c, false, volumes))
  }

  return {
    list,
    loaded,
    query,
    showAll,
    busy,
    visible,
    runningCount,
    find,
    load,
    forget,
    start,
    startContainer,
    stopContainer,
    restartContainer,
    removeContainer,
    stopAndRemove,
    batchCall,
  }
})
