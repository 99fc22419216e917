// `docker system df`: what images, containers, volumes and the build cache hold, and how much of it a
// prune could take back, computed from the engine's /system/df as the CLI computes its table.
import type Dockerode from 'dockerode'
import { daemonMessage, toEngineError } from '../errors'
import type { DiskUsage } from '@common/contract/system'

interface EngineDf {
  LayersSize?: number
  Images?: Array<{ Containers: number; Size: number; SharedSize: number }> | null
  Containers?: Array<{ State: string; SizeRw?: number }> | null
  Volumes?: Array<{ UsageData?: { Size: number; RefCount: number } | null }> | null
  BuildCache?: Array<{ Size: number; InUse: boolean; Shared: boolean }> | null
}

/**
 * Podman answers /system/df from a walk over its containers, and one that exits or goes during the
 * walk fails the whole answer ("read /proc/<pid>/cgroup: no such process"). Asked again, the walk no
 * longer meets it: a few tries, then the engine's own words.
 */
const GONE_MID_WALK = /no such process|no such container/i
const DF_TRIES = 3

async function engineDf(docker: Dockerode): Promise<EngineDf> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await docker.df()) as EngineDf
    } catch (err) {
      const { statusCode } = err as { statusCode?: number }
      if (attempt < DF_TRIES && statusCode === 500 && GONE_MID_WALK.test(daemonMessage(err))) continue
      throw toEngineError(err)
    }
  }
}

export async function diskUsage(docker: Dockerode): Promise<DiskUsage> {
  const df = await engineDf(docker)
  const images = df.Images ?? []
  const containers = df.Containers ?? []
  const volumes = df.Volumes ?? []
  const cache = df.BuildCache ?? []
  const imagesSize = df.LayersSize ?? 0
  // The CLI: reclaimable is what no container's image holds (shared layers counted once).
  const imagesUsed = images.filter((i) => i.Containers > 0).reduce((sum, i) => sum + (i.Size - i.SharedSize), 0)
  const running = (c: { State: string }) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting'
  const sizeOf = (v: { UsageData?: { Size: number } | null }) => Math.max(0, v.UsageData?.Size ?? 0)
  const cacheOwn = cache.filter((b) => !b.Shared)
  return {
    rows: [
      { kind: 'images', total: images.length, active: images.filter((i) => i.Containers > 0).length, size: imagesSize, reclaimable: Math.max(0, imagesSize - imagesUsed) },
      {
        kind: 'containers',
        total: containers.length,
        active: containers.filter(running).length,
        size: containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
        reclaimable: containers.filter((c) => !running(c)).reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
      },
      {
        kind: 'volumes',
        total: volumes.length,
        active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
        size: volumes.reduce((sum, v) => sum + sizeOf(v), 0),
        reclaimable: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((sum, v) => sum + sizeOf(v), 0),
      },
      {
        kind: 'build-cache',
        total: cache.length,
        active: cache.filter((b) => b.InUse).length,
        size: cacheOwn.reduce((sum, b) => sum + b.Size, 0),
        reclaimable: cacheOwn.filter((b) => !b.InUse).reduce((sum, b) => sum + b.Size, 0),
      },
    ],
  }
}
