// A project's compose files: found in a folder as Compose looks for them, or named by the containers'
// labels, read (bounded) and checked. What they declare is summed up for the page: the services,
// the named volumes `down -v` would remove, and the project name Compose would derive.
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { defaultProjectName } from '@common/compose/command'
import type { ComposeFiles, ComposeIssue, ComposeService, ComposeVolume } from '@common/contract/compose'
import { EngineError } from '../errors'
import { checkComposeText } from './validate'

/** The names Compose looks for in a folder, in its order. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const

/** A compose file larger than this is not one a person wrote. */
const MAX_FILE_BYTES = 1024 * 1024

/** The compose file a path names: the file itself, or the first of COMPOSE_FILE_NAMES in the folder. */
export async function locateComposeFile(path: string): Promise<string> {
  if (!isAbsolute(path)) throw new EngineError('invalid-input', `"${path}" is not an absolute path: give the whole path to the folder or the compose file.`)
  const info = await stat(path).catch(() => null)
  if (!info) throw new EngineError('not-found', `Nothing is at ${path} on this machine.`)
  if (info.isFile()) return path
  if (!info.isDirectory()) throw new EngineError('invalid-input', `${path} is neither a folder nor a file.`)
  for (const name of COMPOSE_FILE_NAMES) {
    const candidate = join(path, name)
    if ((await stat(candidate).catch(() => null))?.isFile()) return candidate
  }
  throw new EngineError('not-found', `${path} has no ${COMPOSE_FILE_NAMES.join(', ')}: pick the compose file itself if it has another name.`)
}

async function readText(path: string): Promise<string> {
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) throw new EngineError('not-found', `${path} cannot be read from here: it was moved or removed, or it is on another machine.`)
  if (info.size > MAX_FILE_BYTES) throw new EngineError('invalid-input', `${path} is ${info.size} bytes: too large for a compose file.`)
  return readFile(path, 'utf8').catch(() => {
    throw new EngineError('unauthorized', `${path} cannot be read: permission denied.`)
  })
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null)

/** Reads and checks the files (absolute, in -f order); later files add to and override earlier ones, as Compose merges them. */
export async function readComposeFiles(paths: string[]): Promise<ComposeFiles> {
  const files: ComposeFiles['files'] = []
  const issues: ComposeIssue[] = []
  const services = new Map<string, ComposeService>()
  const volumes = new Map<string, { name?: string; external: boolean }>()
  let name: string | undefined
  for (const path of paths) {
    const text = await readText(path)
    files.push({ path, text })
    const checked = checkComposeText(path, text)
    issues.push(...checked.issues)
    const data = checked.data
    if (!data) continue
    if (typeof data.name === 'string') name = data.name
    for (const [key, value] of Object.entries(asRecord(data.services) ?? {})) {
      const s = asRecord(value) ?? {}
      const build = typeof s.build === 'string' ? s.build : typeof asRecord(s.build)?.context === 'string' ? String(asRecord(s.build)?.context) : asRecord(s.build) ? '.' : undefined
      const before = services.get(key)
      services.set(key, {
        name: key,
        ...((typeof s.image === 'string' ? s.image : before?.image) !== undefined ? { image: typeof s.image === 'string' ? s.image : before?.image } : {}),
        ...((build ?? before?.build) !== undefined ? { build: build ?? before?.build } : {}),
      })
    }
    for (const [key, value] of Object.entries(asRecord(data.volumes) ?? {})) {
      const v = asRecord(value) ?? {}
      const external = v.external === true || asRecord(v.external) !== null
      const given = typeof v.name === 'string' ? v.name : typeof asRecord(v.external)?.name === 'string' ? String(asRecord(v.external)?.name) : undefined
      volumes.set(key, { ...(given ? { name: given } : {}), external })
    }
  }
  const workingDir = dirname(paths[0] ?? '/')
  const defaultProject = name ?? defaultProjectName(basename(workingDir))
  return {
    workingDir,
    files,
    services: [...services.values()],
    volumes: [...volumes.entries()].map(([key, v]) => volumeOf(key, v, defaultProject)),
    issues,
    defaultProject,
  }
}

function volumeOf(key: string, v: { name?: string; external: boolean }, project: string): ComposeVolume {
  return { key, name: v.name ?? (v.external ? key : `${project}_${key}`), external: v.external }
}

/** A project's files from its labels: config_files (comma-separated by the CLI; relative ones are to working_dir). */
export function projectFilePaths(workingDir: string | undefined, configFiles: string[]): string[] {
  return configFiles.map((f) => {
    if (isAbsolute(f)) return f
    if (!workingDir) throw new EngineError('not-found', `The project's file "${f}" is relative, and its containers do not say which folder it is in.`)
    return resolve(workingDir, f)
  })
}
