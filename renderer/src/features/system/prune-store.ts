// `docker container prune`, `docker image prune [-a]`, `docker builder prune` and `docker system df`. A prune is two steps:
// the preview the user reads (exactly what goes, and the space it frees), then removing only those.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { cliLine } from '../../shared/cli'
import type { BerthError, Result } from '@common/contract/shared'
import type { ContainerPrunePreview } from '@common/contract/containers'
import type { DiskUsage, PruneResult } from '@common/contract/system'
import type { ImagePrunePreview } from '@common/contract/images'

export const containerPruneCli = (): string => cliLine('docker', 'container', 'prune', '-f')
/** Every cache record no build uses, which is what df counts as reclaimable (without -a, only the dangling ones). */
export const buildCachePruneCli = (): string => cliLine('docker', 'builder', 'prune', '-a', '-f')
export const imagePruneCli = (all: boolean): string => (all ? cliLine('docker', 'image', 'prune', '-a', '-f') : cliLine('docker', 'image', 'prune', '-f'))

/** A prune that kept some of what was shown says which and why; that is a failure the user reads. */
function reportKept(result: Result<PruneResult>, noun: string): Result<PruneResult> {
  if (!result.ok || result.value.kept.length === 0) return result
  const kept = result.value.kept.map((k) => k.reason).join(' ')
  return { ok: false, error: { code: 'in-use', message: `Removed ${result.value.removed.length} ${noun}; kept ${result.value.kept.length}: ${kept}` } }
}

export const usePruneStore = defineStore('prune', () => {
  const activity = useActivityStore()
  const containerPreview = ref<ContainerPrunePreview | null>(null)
  const imagePreview = ref<ImagePrunePreview | null>(null)
  const previewError = ref<BerthError | null>(null)
  const usage = ref<DiskUsage | null>(null)
  const usageLoading = ref(false)
  const usageError = ref<BerthError | null>(null)

  async function previewContainers(): Promise<void> {
    previewError.value = null
    const result = await berth.containers.prunePreview()
    if (result.ok) containerPreview.value = result.value
    else previewError.value = result.error
  }

  async function confirmContainers(confirmed: boolean): Promise<void> {
    const preview = containerPreview.value
    containerPreview.value = null
    if (!confirmed || !preview?.containers.length) return
    const ids = preview.containers.map((c) => c.id)
    await activity.track(containerPruneCli(), async () => reportKept(await berth.containers.prune({ ids }), 'containers'))
    if (usage.value) void loadUsage()
  }

  async function previewImages(all: boolean): Promise<void> {
    previewError.value = null
    const result = await berth.images.prunePreview({ all })
    if (result.ok) imagePreview.value = result.value
    else previewError.value = result.error
  }

  async function confirmImages(confirmed: boolean): Promise<void> {
    const preview = imagePreview.value
    imagePreview.value = null
    if (!confirmed || !preview?.images.length) return
    const ids = preview.images.map((i) => i.id)
    await activity.track(imagePruneCli(preview.all), async () => reportKept(await berth.images.prune({ ids, all: preview.all }), 'images'))
    if (usage.value) void loadUsage()
  }

  async function pruneBuildCache(): Promise<void> {
    await activity.track(buildCachePruneCli(), () => berth.system.pruneBuildCache())
    void loadUsage()
  }

  async function loadUsage(): Promise<void> {
    usageLoading.value = true
    usageError.value = null
    const result = await berth.system.df()
    usageLoading.value = false
    if (result.ok) usage.value = result.value
    else usageError.value = result.error
  }

  return { containerPreview, imagePreview, previewError, usage, usageLoading, usageError, previewContainers, confirmContainers, previewImages, confirmImages, pruneBuildCache, loadUsage }
})
