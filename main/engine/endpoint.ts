// Finds the engine the docker CLI would use: DOCKER_HOST, else DOCKER_CONTEXT or the current context
// in the docker config dir, else the platform's default socket.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { EngineError } from './errors'
import type { EngineSource } from '@common/contract/engine'

export interface Endpoint {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  host: string
  source: EngineSource
  context?: string
  options: Dockerode.DockerOptions
}

export interface EndpointEnv {
  env: NodeJS.ProcessEnv
  home: string
  platform: NodeJS.Platform
}

const defaultEnv = (): EndpointEnv => ({ env: process.env, home: homedir(), platform: process.platform })

export function configDir({ env, home }: EndpointEnv): string {
  return env.DOCKER_CONFIG || join(home, '.docker')
}

export function resolveEndpoint(where: EndpointEnv = defaultEnv()): Endpoint {
  const { env } = where
  if (env.DOCKER_HOST) {
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', options: parseHost(env.DOCKER_HOST, tlsFromEnv(env)) }
  }
  const context = env.DOCKER_CONTEXT || currentContext(where)
  if (context && context !== 'default') {
    const meta = readContext(where, context)
    return { host: meta.host, source: 'context', context, options: parseHost(meta.host, {}) }
  }
  const host = where.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock'
  return { host, source: 'default', options: parseHost(host, {}) }
}

function currentContext(where: EndpointEnv): string | undefined {
  const file = join(configDir(where), 'config.json')
  if (!existsSync(file)) return undefined
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown }
    return typeof config.currentContext === 'string' ? config.currentContext : undefined
  } catch {
    return undefined
  }
}

function readContext(where: EndpointEnv, context: string): { host: string } {
  // The CLI stores each context under the sha256 of its name.
  const id = createHash('sha256').update(context).digest('hex')
  const file = join(configDir(where), 'contexts', 'meta', id, 'meta.json')
  try {
    const meta = JSON.parse(readFileSync(file, 'utf8')) as {
      Endpoints?: { docker?: { Host?: string } }
    }
    const docker = meta.Endpoints?.docker
    if (!docker?.Host) throw new Error('no docker endpoint')
    return { host: docker.Host }
  } catch {
    throw new EngineError(
      'invalid-input',
      `The docker context "${context}" is selected but its settings cannot be read. Run "docker context use default" or fix the context.`,
    )
  }
}

export function tlsFromEnv(env: NodeJS.ProcessEnv): Partial<Dockerode.DockerOptions> {
  if (!env.DOCKER_TLS_VERIFY && !env.DOCKER_CERT_PATH) return {}
  const dir = env.DOCKER_CERT_PATH || join(homedir(), '.docker')
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined)
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
}

export function parseHost(host: string, extra: Partial<Dockerode.DockerOptions>): Dockerode.DockerOptions {
  let url: URL
  try {
    url = new URL(host)
  } catch {
    throw new EngineError('invalid-input', `The engine address "${host}" is not a valid URL such as unix:///var/run/docker.sock or tcp://host:2376.`)
  }
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) }
    case 'npipe:':
      return { socketPath: host.slice('npipe:'.length).replace(/\//g, '\\') }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || extra.ca !== undefined || extra.cert !== undefined
      const port = url.port ? Number(url.port) : tls ? 2376 : 2375
      return { ...extra, host: url.hostname, port, protocol: tls ? 'https' : 'http' }
    }
    case 'ssh:':
      return { ...extra, host: url.hostname, port: url.port ? Number(url.port) : 22, username: url.username || undefined, protocol: 'ssh' }
    default:
      throw new EngineError('invalid-input', `Berth cannot reach an engine over "${url.protocol}" (${host}).`)
  }
}
