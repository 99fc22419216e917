// Cache advice after a build: which step first missed the cache, which context files changed since
// the last build of this Dockerfile, and the reordering that would keep a dependency install cached.
// Berth keeps one small manifest per folder and Dockerfile (path, size, mtime, content hash of each
// file sent), written after each build; the hashes are taken while the context is sent, so no file
// is read twice.
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { BuildStep, CacheAdvice, ContextChange } from '@common/contract/build'
import type { ContextScan } from './context'
import { reorderAdvice } from './reorder'

/** What the manifest keeps for one file: size, mtime and sha256 of its contents (or link target). */
export type ManifestEntry = [size: number, mtimeMs: number, hash: string]

export interface ContextManifest {
  root: string
  dockerfile: string
  files: Record<string, ManifestEntry>
}

const MAX_NAMED = 50

function manifestPath(dataDir: string, root: string, dockerfile: string): string {
  const key = createHash('sha256').update(`${root}\0${dockerfile}`).digest('hex').slice(0, 32)
  return join(dataDir, 'build-contexts', `${key}.json`)
}

export async function readManifest(dataDir: string, root: string, dockerfile: string): Promise<ContextManifest | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(manifestPath(dataDir, root, dockerfile), 'utf8')) as ContextManifest
    if (parsed.root !== root || parsed.dockerfile !== dockerfile || typeof parsed.files !== 'object') return undefined
    return { ...parsed, files: Object.assign(Object.create(null) as Record<string, ManifestEntry>, parsed.files) }
  } catch {
    // No manifest yet, or one Berth cannot read: the advice then has nothing to compare with.
    return undefined
  }
}

export async function writeManifest(dataDir: string, manifest: ContextManifest): Promise<void> {
  const path = manifestPath(dataDir, manifest.root, manifest.dockerfile)
  await fs.mkdir(join(dataDir, 'build-contexts'), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  await fs.writeFile(temp, JSON.stringify(manifest))
  await fs.rename(temp, path)
}

/** The manifest of what was sent: hashes come from the send (`hashes`), links hash their target. */
export function manifestOf(scan: ContextScan, hashes: Map<string, string>): ContextManifest {
  const files = Object.create(null) as Record<string, ManifestEntry>
  for (const entry of scan.entries) {
    if (entry.kind === 'directory') continue
    const hash = entry.kind === 'symlink' ? `link:${entry.linkTarget ?? ''}` : hashes.get(entry.path)
    if (hash) files[entry.path] = [entry.size, Math.round(entry.mtimeMs), hash]
  }
  return { root: scan.root, dockerfile: scan.dockerfile, files }
}

export function changesBetween(before: ContextManifest, after: ContextManifest): ContextChange[] {
  const changes: ContextChange[] = []
  for (const [path, entry] of Object.entries(after.files)) {
    const old = before.files[path]
    if (!old) changes.push({ path, change: 'added' })
    else if (old[2] !== entry[2]) changes.push({ path, change: 'modified' })
  }
  for (const path of Object.keys(before.files)) if (!(path in after.files)) changes.push({ path, change: 'removed' })
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** The first Dockerfile step that ran instead of coming from the cache; FROM only names the base. */
export function firstMiss(steps: BuildStep[]): CacheAdvice['firstMiss'] {
  const ran = (s: BuildStep) => s.state === 'done' || s.state === 'failed' || s.state === 'running'
  const i = steps.findIndex((s) => !/^FROM\s/i.test(s.instruction) && ran(s))
  if (i < 0) return undefined
  const step = steps[i]!
  return { step: step.id, instruction: step.instruction, rerun: steps.slice(i + 1).filter((s) => !/^FROM\s/i.test(s.instruction) && ran(s)).length }
}

export function adviseOnCache(input: {
  steps: BuildStep[]
  previous?: ContextManifest
  current: ContextManifest
  dockerfileText: string
}): CacheAdvice {
  const changes = input.previous ? changesBetween(input.previous, input.current) : []
  return {
    comparedWithLastBuild: input.previous !== undefined,
    firstMiss: firstMiss(input.steps),
    changes: changes.slice(0, MAX_NAMED),
    changeCount: changes.length,
    reorder: reorderAdvice(input.dockerfileText, (path) => path in input.current.files),
  }
}
