// A unix-socket relay between Berth and the real engine: every byte passes through both ways, and
// the test can read the requests going by, cut every connection at once (as an engine that stops
// does), or break each connection a chosen way. The engine behind it is the real one.
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { testDocker } from './session'

/**
 * How each connection breaks, if at all: closed at its first request, never answered, cut once this
 * many bytes of the engine's answer have passed, or refusing to upgrade a connection (as an HTTP proxy
 * in front of an engine that relays plain requests only: a BuildKit session cannot open through it).
 */
export type RelayFault = 'close-before-answer' | 'never-answer' | 'no-upgrades' | { cutAfterBytes: number }

/** What the relay answers to an upgrade under 'no-upgrades'. */
export const NO_UPGRADES = 'this relay passes no connection upgrades'
const UPGRADE_HEADER = /\r\nupgrade:/i

export interface SocketRelay {
  socketPath: string
  /** DOCKER_HOST value for the relay. */
  host: string
  /** A client that talks to the engine through the relay. */
  docker: Dockerode
  /** The request lines that went to the engine ("GET /v1.41/containers/json"), in order. */
  requests: string[]
  /** Cuts every connection and takes no new ones, as an engine that stops. */
  cut(): void
  /** Closes the relay and removes its socket. */
  close(): Promise<void>
}

const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE) (\S+) HTTP\/1\.[01]\r\n/g

/** The unix socket of the run's engine (the private one `npm test` starts). */
export function engineSocket(docker: Dockerode = testDocker()): string | undefined {
  return (docker.modem as unknown as { socketPath?: string }).socketPath
}

export async function startRelay(options: { target?: string; fault?: RelayFault } = {}): Promise<SocketRelay> {
  const target = options.target ?? engineSocket()
  if (!target) throw new Error('The relay needs an engine on a local unix socket (the private one npm test starts).')
  const { fault } = options
  const dir = mkdtempSync(join(tmpdir(), 'berth-relay-'))
  const socketPath = join(dir, 'engine.sock')
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const track = (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  }
  const server = createServer((client) => {
    track(client)
    if (fault === 'close-before-answer') return void client.once('data', () => client.end())
    if (fault === 'never-answer') return void client.resume()
    const upstream = connect(target)
    track(upstream)
    client.on('close', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    // Every request on the connection is read, not only its first: a kept-alive connection carries several.
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) requests.push(`${m[1]} ${m[2]}`)
    })
    if (fault === 'no-upgrades') {
      client.on('data', (chunk: Buffer) => {
        if (!UPGRADE_HEADER.test(chunk.toString('latin1'))) return void upstream.write(chunk)
        client.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: ${NO_UPGRADES.length}\r\nConnection: close\r\n\r\n${NO_UPGRADES}`)
        upstream.destroy()
      })
      return void upstream.pipe(client)
    }
    client.pipe(upstream)
    if (typeof fault !== 'object') return void upstream.pipe(client)
    let relayed = 0
    upstream.on('end', () => client.end())
    upstream.on('data', (chunk: Buffer) => {
      const room = fault.cutAfterBytes - relayed
      relayed += chunk.length
      if (room > chunk.length) return void client.write(chunk)
      client.write(chunk.subarray(0, Math.max(room, 0)))
      upstream.destroy()
      client.destroy()
    })
  })
  await new Promise<void>((ready) => server.listen(socketPath, ready))
  const host = `unix://${socketPath}`
  let listening = true
  const cut = () => {
    if (listening) server.close()
    listening = false
    sockets.forEach((s) => s.destroy())
  }
  return {
    socketPath,
    host,
    docker: testDocker(host),
    requests,
    cut,
    close: async () => {
      cut()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
