// One `docker stats` sample from the engine's stats JSON, computed as the CLI computes it
// (docker/cli cli/command/container/stats_helpers.go): CPU % from the deltas to the previous read,
// memory without the inactive page cache (calculateMemUsageUnixNoCache), network and block I/O summed.
import type { StatsSample } from '@common/contract/stats'

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }
  system_cpu_usage?: number
  online_cpus?: number
}

export interface EngineStats {
  read?: string
  cpu_stats?: CpuStats
  precpu_stats?: CpuStats
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> }
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op: string; value: number }> | null }
  pids_stats?: { current?: number }
}

/** The engine sends a zero time (`0001-01-01…`) when the container is not running. */
export const isEmptyRead = (stats: EngineStats): boolean => !stats.read || stats.read.startsWith('0001-')

function cpuPercent(stats: EngineStats): number {
  const now = stats.cpu_stats ?? {}
  const before = stats.precpu_stats ?? {}
  const cpuDelta = (now.cpu_usage?.total_usage ?? 0) - (before.cpu_usage?.total_usage ?? 0)
  const systemDelta = (now.system_cpu_usage ?? 0) - (before.system_cpu_usage ?? 0)
  const cpus = now.online_cpus || now.cpu_usage?.percpu_usage?.length || 0
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0
}

/** Usage minus the page cache the kernel can drop: cgroup v1's total_inactive_file, v2's inactive_file. */
export function memoryWithoutCache(memory: EngineStats['memory_stats']): number {
  const usage = memory?.usage ?? 0
  const stats = memory?.stats ?? {}
  const v1 = stats.total_inactive_file
  if (v1 !== undefined && v1 < usage) return usage - v1
  const v2 = stats.inactive_file
  if (v2 !== undefined && v2 < usage) return usage - v2
  return usage
}

export function toStatsSample(stats: EngineStats): StatsSample {
  const memoryBytes = memoryWithoutCache(stats.memory_stats)
  const limit = stats.memory_stats?.limit ?? 0
  let rx = 0
  let tx = 0
  for (const n of Object.values(stats.networks ?? {})) {
    rx += n.rx_bytes ?? 0
    tx += n.tx_bytes ?? 0
  }
  let read = 0
  let write = 0
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op.toLowerCase()
    if (op === 'read') read += entry.value
    else if (op === 'write') write += entry.value
  }
  return {
    at: stats.read ? Date.parse(stats.read) : Date.now(),
    cpuPercent: cpuPercent(stats),
    memoryBytes,
    memoryLimitBytes: limit,
    memoryPercent: limit > 0 ? (memoryBytes / limit) * 100 : 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    blockReadBytes: read,
    blockWriteBytes: write,
    pids: stats.pids_stats?.current ?? 0,
  }
}
