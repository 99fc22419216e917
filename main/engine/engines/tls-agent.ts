// tcp:// with TLS: the engine's certificate is checked against the CA the user gave (the context's
// ca.pem, or DOCKER_CERT_PATH's), never skipped unless the context itself says SkipTLSVerify.
// Connections are kept alive between requests, as the docker CLI keeps them.
import { Agent } from 'node:https'
import type { Duplex } from 'node:stream'

export interface TlsFiles {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
  /** Where the CA came from, so a refused certificate can name the file to check. */
  caFile?: string
  /** Only when the context (or DOCKER_TLS without DOCKER_TLS_VERIFY) says so. */
  skipVerify?: boolean
}

/** What a failed TLS connection carries besides Node's error: the CA file it was checked against. */
export interface TlsFailure extends NodeJS.ErrnoException {
  caFile?: string
  host?: string
  reason?: string
}

export function tlsAgent(files: TlsFiles): Agent {
  const agent = new Agent({
    keepAlive: true,
    timeout: 30_000,
    ca: files.ca,
    cert: files.cert,
    key: files.key,
    rejectUnauthorized: !files.skipVerify,
  })
  const create = agent.createConnection.bind(agent) as (options: object, done?: unknown) => Duplex
  agent.createConnection = ((options: { host?: string; port?: number }, done?: unknown) => {
    const socket = create(options, done)
    socket.once('error', (err: TlsFailure) => {
      err.caFile ??= files.caFile
      err.host ??= `${options.host ?? ''}:${options.port ?? ''}`
    })
    return socket
  }) as unknown as typeof agent.createConnection
  return agent
}
