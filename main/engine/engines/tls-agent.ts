// tcp:// with TLS: the engine's certificate is checked against the CA the user gave (the context's
// ca.pem, or DOCKER_CERT_PATH's), never skipped unless the context itself says SkipTLSVerify.
// Connections are kept alive between requests, as the docker CLI keeps them.
import { Agent } from 'node:https'
import type { Duplex } from 'node:stream'
import { connect } from 'node:tls'

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

/** Names the CA file (and the address) on the error a TLS connection fails with. */
function annotate(socket: Duplex, files: TlsFiles, address: string): Duplex {
  socket.once('error', (err: TlsFailure) => {
    err.caFile ??= files.caFile
    err.host ??= address
  })
  return socket
}

/** The https agent dockerode sends through, and `dial`: a connection of its own (log bodies read it directly). */
export function tlsAgent(files: TlsFiles, host: string, port: number): Agent & { dial(): Duplex } {
  const checks = { ca: files.ca, cert: files.cert, key: files.key, rejectUnauthorized: !files.skipVerify }
  const agent = new Agent({ keepAlive: true, timeout: 30_000, ...checks })
  const create = agent.createConnection.bind(agent) as (options: object, done?: unknown) => Duplex
  agent.createConnection = ((options: { host?: string; port?: number }, done?: unknown) =>
    annotate(create(options, done), files, `${options.host ?? host}:${options.port ?? port}`)) as unknown as typeof agent.createConnection
  return Object.assign(agent, { dial: () => annotate(connect({ host, port, ...checks }), files, `${host}:${port}`) })
}
