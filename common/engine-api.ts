// What depends on the connected engine's API version (EngineStatus.apiVersion), in one place.

/** True when `version` ("1.41") is at least `wanted` ("1.42"). Unknown counts as old. */
export function apiAtLeast(version: string | undefined, wanted: string): boolean {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number)
  const [wantMajor = 0, wantMinor = 0] = wanted.split('.').map(Number)
  return major > wantMajor || (major === wantMajor && minor >= wantMinor)
}

/**
 * The CLI line that prunes every unused volume, as Berth's prune does: before API 1.42 that is plain
 * `docker volume prune` (and `-a` does not exist); from 1.42 plain prune spares named volumes.
 */
export const volumePruneCli = (apiVersion: string | undefined): string =>
  apiAtLeast(apiVersion, '1.42') ? 'docker volume prune -a' : 'docker volume prune'
