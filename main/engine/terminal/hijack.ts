// `POST /containers/{id}/attach`, upgraded to the raw stream, sent as the docker CLI sends it: with no
// body. dockerode also writes attach's options as a JSON body; Docker never reads it, but Podman copies
// stdin from the hijacked connection's buffered reader (libpod's HTTPAttach), so those bytes reached
// the process as if typed. dockerode cannot send this request without a body (it leaves the request
// open for stdin, and Node sends no headers until something is written), so it is sent here through
// the modem's own request path: a socket, TCP, TLS and ssh endpoints alike, and the same errors.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type Dockerode from 'dockerode'
import { EngineError } from '../errors'

interface RequestOptions {
  path: string
  method: 'POST'
  headers: Record<string, string>
  socketPath?: string
  hostname?: string
  port?: number | string
  key?: unknown
  cert?: unknown
  ca?: unknown
  agent?: unknown
  checkServerIdentity?: unknown
}

/** The parts of docker-modem 5 this uses: what `dial` reads before handing over to `buildRequest`. */
interface Modem {
  socketPath?: unknown
  host?: string
  port?: number | string
  version?: string
  key?: unknown
  cert?: unknown
  ca?: unknown
  agent?: unknown
  checkServerIdentity?: unknown
  headers?: Record<string, string>
  getSocketPath?: () => Promise<string> | undefined
  buildRequest?: (
    options: RequestOptions,
    context: { hijack: true; isStream: true; openStdin: false; statusCodes: Record<number, true | string> },
    data: undefined,
    callback: (err: unknown, stream?: Duplex | IncomingMessage) => void,
  ) => void
}

export interface AttachStreams {
  stdin: boolean
  stdout: boolean
  stderr: boolean
  detachKeys: string
}

/** The attached stream of a container's main process: what it writes, and stdin when asked for. */
export async function hijackAttachStream(docker: Dockerode, id: string, streams: AttachStreams): Promise<Duplex> {
  const modem = docker.modem as unknown as Modem
  const buildRequest = modem.buildRequest
  if (typeof buildRequest !== 'function') throw new EngineError('internal', 'This build of Berth cannot attach: its engine client lacks the request it needs.')
  const query = new URLSearchParams({
    stream: 'true',
    stdin: String(streams.stdin),
    stdout: String(streams.stdout),
    stderr: String(streams.stderr),
    detachKeys: streams.detachKeys,
  })
  const options: RequestOptions = {
    path: `${modem.version ? `/${modem.version}` : ''}/containers/${encodeURIComponent(id)}/attach?${query}`,
    method: 'POST',
    headers: { ...modem.headers, 'Content-Type': 'text/plain', 'Content-Length': '0', Connection: 'Upgrade', Upgrade: 'tcp' },
    key: modem.key,
    cert: modem.cert,
    ca: modem.ca,
    ...(modem.agent ? { agent: modem.agent } : {}),
    ...(modem.checkServerIdentity ? { checkServerIdentity: modem.checkServerIdentity } : {}),
  }
  if (modem.host) {
    options.hostname = modem.host
    options.port = modem.port
  } else {
    options.socketPath = await (modem.getSocketPath?.() ?? (modem.socketPath as string))
  }
  return new Promise((resolve, reject) => {
    const context = { hijack: true, isStream: true, openStdin: false, statusCodes: { 200: true, 404: 'no such container', 409: 'container is not running', 500: 'server error' } } as const
    buildRequest.call(modem, options, context, undefined, (err, stream) => {
      if (err) reject(err)
      // Both engines switch protocols (101) when asked to; a plain answer could carry no keystrokes.
      else if (!stream || 'statusCode' in stream) {
        stream?.destroy()
        reject(new EngineError('internal', 'The engine answered the attach without switching to a raw stream, so nothing typed could reach the process.'))
      } else resolve(stream as Duplex)
    })
  })
}
