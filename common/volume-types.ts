// Plain data about volumes and files that crosses the bridge. No dockerode types: the renderer imports it.

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

export type FileType = 'file' | 'directory' | 'symlink' | 'other'

export interface FileEntry {
  name: string
  type: FileType
  size: number
  /** Permission bits, e.g. 0o644. */
  mode: number
  /** Milliseconds since the epoch. */
  mtime: number
  linkTarget?: string
}

export interface DirectoryListing {
  /** The absolute path listed, inside the volume or container. */
  path: string
  entries: FileEntry[]
  /** True when the folder has more entries than Berth lists at once. */
  truncated: boolean
}

export interface TextFile {
  path: string
  size: number
  text: string
}
