// The volumes domain: `docker volume ls / inspect / create / rm / prune`. Browsing their files is in files.ts.
import { z } from 'zod'
import type { ListChange, ListSnapshot } from '../live-list'
import { exactRecord } from '../exact-record'
import { call, event } from './spec'
import { noInput } from './shared'

/** A volume name as `docker volume create` accepts it. */
export const volumeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a volume name (letters, digits, _ . -; not starting with a symbol)')

/** `--label key=value` pairs, every key kept as given ("__proto__" too: the engine takes any key without "="). */
export const volumeLabels = exactRecord(
  z.string().min(1, 'must not be empty').max(255).regex(/^[^=\s]+$/, 'must not contain "=" or spaces'),
  z.string().max(4096),
  64,
  'labels',
)

/** A container that mounts a volume, running or not: the answer to "why can't I delete this?". */
export interface VolumeUser {
  id: string
  name: string
  running: boolean
}

export interface VolumeSummary {
  name: string
  /** Made by `-v /path` or an image's VOLUME: a long random name, tied to one container. */
  anonymous: boolean
  driver: string
  /** A path inside the engine's host, often a VM the user cannot open: browse through Berth instead. */
  mountpoint: string
  /** Milliseconds since the epoch, when the driver reports it. */
  created: number | null
  labels: Record<string, string>
  scope: string
  containers: VolumeUser[]
}

export interface VolumeDetail extends VolumeSummary {
  options: Record<string, string>
  /** What the driver reports about the volume, as `docker volume inspect` shows it. */
  status: Record<string, unknown>
}

/** What `docker volume prune` would remove right now. */
export interface VolumePrunePreview {
  volumes: string[]
}

export interface VolumePruneResult {
  removed: string[]
  /** Volumes that were listed but came into use (or went) before they could be removed. */
  kept: Array<{ name: string; reason: string }>
}

/** Where files are browsed: a volume (through a helper container) or a container's own file system. */
export type FileTarget = { kind: 'volume'; name: string } | { kind: 'container'; id: string }
export const volumes = {
  calls: {
    list: call<ListSnapshot<VolumeSummary>>()(noInput),
    inspect: call<VolumeDetail>()(z.strictObject({ name: volumeName })),
    create: call<VolumeDetail>()(z.strictObject({ name: volumeName, labels: volumeLabels.optional() })),
    /** Refused (in-use) while any container uses it, naming them. */
    remove: call<void>()(z.strictObject({ name: volumeName })),
    /** What a prune would remove now, for the confirmation. */
    prunePreview: call<VolumePrunePreview>()(noInput),
    /** Removes the confirmed volumes that are still unused; never more than the user saw. */
    prune: call<VolumePruneResult>()(z.strictObject({ names: z.array(volumeName).max(10_000) })),
  },
  events: {
    changed: event<ListChange<VolumeSummary>>(),
  },
}
