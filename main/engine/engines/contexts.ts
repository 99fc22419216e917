// Every docker context, read from the CLI's own config folder as `docker context ls` reads it: each
// context's meta.json under contexts/meta/<sha256(name)>, its TLS files under contexts/tls/<same>,
// and the CLI's built-in `default` (DOCKER_HOST, else the platform's socket).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { configDir, contextId, contextTls, currentContext, defaultHost, parseHost, tlsFromEnv, type EndpointEnv } from '../endpoint'
import { EngineError } from '../errors'

export type TlsFile = 'ca' | 'cert' | 'key'
export const TLS_FILES: readonly TlsFile[] = ['ca', 'cert', 'key']

export interface DockerContext {
  name: string
  description: string
  /** As the CLI shows it in the DOCKER ENDPOINT column. */
  host: string
  skipTlsVerify: boolean
  /** The TLS files the context carries, by name. */
  tls: TlsFile[]
}

export interface Contexts {
  configDir: string
  /** Sorted by name, as `docker context ls` lists them, `default` among them. */
  contexts: DockerContext[]
  /** The context the CLI uses now. */
  current: string
  pinnedBy?: 'DOCKER_HOST' | 'DOCKER_CONTEXT'
}

export const DEFAULT_CONTEXT = 'default'
const DEFAULT_DESCRIPTION = 'Current DOCKER_HOST based configuration'

export function contextDirs(where: EndpointEnv, name: string): { meta: string; tls: string } {
  const root = join(configDir(where), 'contexts')
  // The CLI keeps each context under the sha256 of its name.
  return { meta: join(root, 'meta', contextId(name)), tls: join(root, 'tls', contextId(name)) }
}

interface MetaFile {
  Name?: unknown
  Metadata?: { Description?: unknown } | null
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } | null
}

function readMeta(dir: string): MetaFile | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as MetaFile
  } catch {
    return null
  }
}

function tlsFilesIn(dir: string): TlsFile[] {
  return TLS_FILES.filter((file) => existsSync(join(dir, 'docker', `${file}.pem`)))
}

export function readContexts(where: EndpointEnv): Contexts {
  const dir = configDir(where)
  const metaRoot = join(dir, 'contexts', 'meta')
  const found: DockerContext[] = []
  const keys = existsSync(metaRoot) ? readdirSync(metaRoot) : []
  for (const key of keys) {
    const meta = readMeta(join(metaRoot, key))
    // A folder the CLI would not list (no meta.json, no name) is not a context.
    if (!meta || typeof meta.Name !== 'string' || meta.Name === DEFAULT_CONTEXT) continue
    const docker = meta.Endpoints?.docker
    found.push({
      name: meta.Name,
      description: typeof meta.Metadata?.Description === 'string' ? meta.Metadata.Description : '',
      host: typeof docker?.Host === 'string' ? docker.Host : '',
      skipTlsVerify: docker?.SkipTLSVerify === true,
      tls: tlsFilesIn(join(dir, 'contexts', 'tls', key)),
    })
  }
  found.push({ name: DEFAULT_CONTEXT, description: DEFAULT_DESCRIPTION, host: defaultHost(where), skipTlsVerify: false, tls: [] })
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  // DOCKER_HOST beats DOCKER_CONTEXT, which beats config.json's currentContext.
  if (where.env.DOCKER_HOST) return { configDir: dir, contexts: found, current: DEFAULT_CONTEXT, pinnedBy: 'DOCKER_HOST' }
  if (where.env.DOCKER_CONTEXT) return { configDir: dir, contexts: found, current: where.env.DOCKER_CONTEXT, pinnedBy: 'DOCKER_CONTEXT' }
  return { configDir: dir, contexts: found, current: currentContext(where) ?? DEFAULT_CONTEXT }
}

/** How dockerode reaches a context: its host, with its TLS files. */
export function contextOptions(where: EndpointEnv, context: DockerContext): Dockerode.DockerOptions {
  if (!context.host) throw new EngineError('invalid-input', `The docker context "${context.name}" has no docker endpoint: fix it with "docker context update ${context.name} --docker host=…".`)
  // The default context is DOCKER_HOST with the TLS of DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as today.
  if (context.name === DEFAULT_CONTEXT) return parseHost(context.host, where.env.DOCKER_HOST ? tlsFromEnv(where) : {}, where.env)
  return parseHost(context.host, { ...contextTls(where, context.name), ...(context.skipTlsVerify ? { skipVerify: true } : {}) }, where.env)
}
