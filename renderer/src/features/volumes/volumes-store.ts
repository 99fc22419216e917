import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useLiveList } from '../../composables/live-list'
import { sameOr, volumeShape } from '@common/live-list'
import { useEngineStore } from '../engine/engine-store'
import { cliLine } from '../../shared/cli'
import { volumePruneCli } from '@common/engine-api'
import type { VolumeDetail, VolumeSummary } from '@common/contract/volumes'
import type { Result } from '@common/contract/shared'

/** Anonymous volumes have 64-hex names; show the start, as `docker volume ls` users recognise it. */
export const volumeLabel = (v: VolumeSummary): string => (v.anonymous ? v.name.slice(0, 12) : v.name)

export const useVolumesStore = defineStore('volumes', () => {
  const { list, loaded, load, forget, start } = useLiveList(
    () => berth.volumes.list(),
    (listener) => berth.volumes.onChanged(listener),
    volumeShape,
  )
  const query = ref('')
  const busy = ref(new Set<string>())
  /** The volumes a prune would remove, while the user is asked to confirm them. */
  const pruneCandidates = ref<string[] | null>(null)
  const activity = useActivityStore()
  const engine = useEngineStore()
  /** The prune line that removes what Berth's prune removes, on the connected engine's API version. */
  const pruneCli = computed(() => cliLine(...volumePruneCli(engine.status?.apiVersion).split(' ')))

  const visible = computed<VolumeSummary[]>((previous) => {
    const q = query.value.trim().toLowerCase()
    return q ? sameOr(previous, list.value.filter((v) => v.name.toLowerCase().includes(q))) : list.value
  })

  async function create(name: string, labels: Record<string, string>): Promise<boolean> {
    const flags = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    const cli = cliLine('docker', 'volume', 'create', ...flags, name)
    return (await activity.track(cli, () => berth.volumes.create({ name, labels }), 'volume.create')).ok
  }

  async function remove(volume: VolumeSummary): Promise<boolean> {
    return (await activity.track(cliLine('docker', 'volume', 'rm', volumeLabel(volume)), () => removeOne(volume))).ok
  }

  /** The bridge call alone, for a batch, which is tracked once under one command line. */
  async function removeOne(volume: VolumeSummary): Promise<Result<void>> {
    busy.value.add(volume.name)
    try {
      return await berth.volumes.remove({ name: volume.name })
    } finally {
      busy.value.delete(volume.name)
    }
  }

  /** `docker volume inspect`: read, never recorded as an action. */
  function inspect(name: string): Promise<Result<VolumeDetail>> {
    return berth.volumes.inspect({ name })
  }

  /** Asks the engine what a prune would remove; the view shows it for confirmation. */
  async function previewPrune(): Promise<void> {
    const result = await berth.volumes.prunePreview()
    if (result.ok) pruneCandidates.value = result.value.volumes
  }

  async function confirmPrune(confirmed: boolean): Promise<void> {
    const names = pruneCandidates.value ?? []
    pruneCandidates.value = null
    if (!confirmed || names.length === 0) return
    await activity.track(pruneCli.value, async () => {
      const result = await berth.volumes.prune({ names })
      if (!result.ok || result.value.kept.length === 0) return result
      // Something came into use since the preview: say which, and why it stayed.
      const kept = result.value.kept.map((k) => k.reason).join(' ')
      return { ok: false as const, error: { code: 'in-use' as const, message: `Removed ${result.value.removed.length}; kept some: ${kept}` } }
    })
  }

  return { list, loaded, query, busy, visible, pruneCandidates, pruneCli, load, forget, start, create, remove, removeOne, inspect, previewPrune, confirmPrune }
})
