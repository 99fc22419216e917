// Browser mode: serves the built renderer and the bridge on 127.0.0.1 only, behind a random
// per-launch token. The page gets the token in the URL fragment, which browsers never send to servers.
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { homedir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Engine } from '../engine'
import type { ConnectionOptions } from '../engine/connection'
import { Engines, type EnginesOptions } from '../engine/engines/engines'
import { createBridge } from '../bridge'
import { serveOverWebSocket, type Gate } from '../bridge/websocket'
import { serveTransfer, TRANSFER_PATH } from './transfer'

export interface BrowserModeOptions {
  /** Directory of the built renderer (out/renderer). */
  rendererDir: string
  port?: number
  /** The engine to show (its endpoint), and connection settings for every engine; without an endpoint, the remembered one or the CLI's. */
  engine?: ConnectionOptions
  /** Where the engine Berth shows and the activity history are kept; a `berth` folder in the user's config folder by default. */
  stateDir?: string | null
  /** Where sockets with no docker context are looked for (tests); the usual places by default. */
  sockets?: EnginesOptions['sockets']
  /** Where the compose CLI is looked for and run (tests give a PATH of their own); this process's environment by default. */
  composeEnv?: NodeJS.ProcessEnv
  /**
   * A server already listening on 127.0.0.1, and the token of the link it printed (`npm run web` opens
   * it before loading main, so the link comes sooner): its requests are served from now on.
   */
  listening?: { server: Server; token: string }
}

export interface BrowserMode {
  /** Open this; it carries the token. */
  url: string
  origin: string
  token: string
  port: number
  /** Every engine, and the one shown now. */
  engines: Engines
  /** The engine shown now. */
  readonly engine: Engine
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const LOOPBACK = '127.0.0.1'

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const root = resolve(options.rendererDir)
  const token = options.listening?.token ?? randomBytes(32).toString('hex')
  const { endpoint, ...connection } = options.engine ?? {}
  const stateDir = options.stateDir === undefined ? defaultStateDir() : options.stateDir
  const engines = new Engines({
    connection,
    ...(endpoint ? { endpoint } : {}),
    stateDir,
    ...(options.sockets ? { sockets: options.sockets } : {}),
  })
  const bridge = createBridge(engines, { activityDir: stateDir, ...(options.composeEnv ? { composeEnv: options.composeEnv } : {}) })
  let hosts: string[] = []
  let gate: Gate | null = null

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.includes(req.headers.host ?? '')) return end(res, 403, 'Forbidden')
    if (gate && req.url?.startsWith(TRANSFER_PATH)) return void serveTransfer(req, res, engines.current.docker, gate)
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405, 'Method Not Allowed')
    // Any failure (a bad request, a file vanishing mid-read) ends this response, never the server.
    serveFile(root, req, res).catch(() => (res.headersSent ? res.destroy() : end(res, 400, 'Bad Request')))
  }
  const server = options.listening?.server ?? createServer()
  server.on('request', serve)
  if (!options.listening) {
    await new Promise<void>((ready, fail) => {
      server.once('error', fail)
      server.listen(options.port ?? 0, LOOPBACK, () => ready())
    })
  }
  const port = (server.address() as AddressInfo).port
  const origin = `http://${LOOPBACK}:${port}`
  hosts = [`${LOOPBACK}:${port}`, `localhost:${port}`]
  gate = { token, hosts, origins: [origin, `http://localhost:${port}`] }
  const stopWebSocket = serveOverWebSocket(bridge, server, gate)
  engines.start()

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    engines,
    get engine() {
      return engines.current
    },
    async close() {
      stopWebSocket()
      bridge.close()
      engines.stop()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}

/** $XDG_CONFIG_HOME/berth, else ~/.config/berth. */
function defaultStateDir(): string {
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'berth')
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text)
}

/**
 * The page is never cached: it names the build's chunks. A chunk's name carries a hash of its content
 * (Vite's `assets/name-hash.js`), so a name always means the same bytes: the browser keeps it, and a
 * reload or a second window loads only the page. Anything else is never cached either.
 */
function cachePolicy(root: string, file: string): string {
  const hashed = file.startsWith(join(root, 'assets') + sep) && /-[\w-]{8}\.(js|css)$/.test(file)
  return hashed ? 'public, max-age=31536000, immutable' : 'no-store'
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  } catch {
    return end(res, 400, 'Bad Request')
  }
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname))
  if (file !== root && !file.startsWith(root + sep)) return end(res, 404, 'Not Found')
  try {
    const info = await stat(file)
    if (!info.isFile()) return end(res, 404, 'Not Found')
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': cachePolicy(root, file),
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).pipe(res)
  } catch {
    end(res, 404, 'Not Found')
  }
}
