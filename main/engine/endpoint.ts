// Finds the engine the docker CLI would use: DOCKER_HOST, else DOCKER_CONTEXT or the current context
// in the docker config dir, else the platform's default socket.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { EngineError } from './errors'
import { sshAgent, sshTarget } from './engines/ssh-dialer'
import { tlsAgent, type TlsFiles } from './engines/tls-agent'
import type { EngineSource } from '@common/contract/engine'

export interface Endpoint {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  host: string
  source: EngineSource
  context?: string
  options: Dockerode.DockerOptions
  /** TLS without checking the engine's certificate: only when the context or DOCKER_TLS says so. */
  tlsUnverified?: true
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
    const tls = tlsFromEnv(where)
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', options: parseHost(env.DOCKER_HOST, tls), ...unverified(env.DOCKER_HOST, tls) }
  }
  const context = env.DOCKER_CONTEXT || currentContext(where)
  if (context && context !== 'default') {
    const meta = readContext(where, context)
    const tls = { ...contextTls(where, context), skipVerify: meta.skipTlsVerify }
    return { host: meta.host, source: 'context', context, options: parseHost(meta.host, tls), ...unverified(meta.host, tls) }
  }
  const host = defaultHost(where)
  return { host, source: 'default', options: parseHost(host, {}) }
}

/** The CLI's built-in `default` context: DOCKER_HOST, else the platform's socket. */
export function defaultHost(where: EndpointEnv): string {
  if (where.env.DOCKER_HOST) return where.env.DOCKER_HOST
  return where.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock'
}

/** The CLI's current context name from config.json, if it names one. */
export function currentContext(where: EndpointEnv): string | undefined {
  const file = join(configDir(where), 'config.json')
  if (!existsSync(file)) return undefined
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown }
    return typeof config.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined
  } catch {
    return undefined
  }
}

// The CLI stores each context under the sha256 of its name.
export const contextId = (context: string): string => createHash('sha256').update(context).digest('hex')

function readContext(where: EndpointEnv, context: string): { host: string; skipTlsVerify: boolean } {
  const file = join(configDir(where), 'contexts', 'meta', contextId(context), 'meta.json')
  try {
    const meta = JSON.parse(readFileSync(file, 'utf8')) as {
      Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } }
    }
    const docker = meta.Endpoints?.docker
    if (!docker?.Host) throw new Error('no docker endpoint')
    return { host: docker.Host, skipTlsVerify: docker.SkipTLSVerify === true }
  } catch {
    throw new EngineError(
      'invalid-input',
      `The docker context "${context}" is selected but its settings cannot be read. Run "docker context use default" or fix the context.`,
    )
  }
}

/** The TLS files `docker context create --docker ca=…,cert=…,key=…` copied into the context's store. */
export function contextTls(where: EndpointEnv, context: string): TlsFiles {
  return tlsFilesIn(join(configDir(where), 'contexts', 'tls', contextId(context), 'docker'))
}

export function tlsFilesIn(dir: string): TlsFiles {
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined)
  const files = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
  return { ...files, ...(files.ca ? { caFile: join(dir, 'ca.pem') } : {}) }
}

/**
 * As the docker CLI reads its environment: DOCKER_TLS_VERIFY checks the engine against
 * DOCKER_CERT_PATH's ca.pem; DOCKER_TLS alone encrypts without checking (and the status says so).
 */
export function tlsFromEnv({ env, home }: EndpointEnv): TlsFiles {
  if (!env.DOCKER_TLS_VERIFY && !env.DOCKER_TLS && !env.DOCKER_CERT_PATH) return {}
  const files = tlsFilesIn(env.DOCKER_CERT_PATH || join(home, '.docker'))
  return env.DOCKER_TLS_VERIFY ? files : env.DOCKER_TLS ? { ...files, skipVerify: true } : files
}

function unverified(host: string, tls: TlsFiles): { tlsUnverified?: true } {
  return tls.skipVerify && /^(tcp|https):/.test(host) ? { tlsUnverified: true } : {}
}

/** Whether the address (with these files) is reached over TLS. */
function usesTls(url: URL, tls: TlsFiles): boolean {
  return url.protocol === 'https:' || tls.ca !== undefined || tls.cert !== undefined || tls.skipVerify === true
}

/**
 * Dockerode's options for an address: a socket, plain tcp, tcp with TLS (`tls` has the files: the
 * engine is checked against their CA), or ssh through the user's own ssh (`env` is the environment
 * it runs in: PATH, SSH_AUTH_SOCK).
 */
export function parseHost(host: string, tls: TlsFiles = {}, env?: NodeJS.ProcessEnv): Dockerode.DockerOptions {
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
      const secure = usesTls(url, tls)
      const port = url.port ? Number(url.port) : secure ? 2376 : 2375
      if (!secure) return { host: url.hostname, port, protocol: 'http' }
      const { ca, cert, key } = tls
      return { host: url.hostname, port, protocol: 'https', ca, cert, key, agent: tlsAgent(tls, url.hostname, port) } as Dockerode.DockerOptions
    }
    case 'ssh:':
      // Plain HTTP over each ssh link; the host and port here only name the engine in requests.
      return { host: url.hostname, port: url.port ? Number(url.port) : 22, protocol: 'http', agent: sshAgent(sshTarget(url), env) } as Dockerode.DockerOptions
    default:
      throw new EngineError('invalid-input', `Berth cannot reach an engine over "${url.protocol}" (${host}).`)
  }
}
