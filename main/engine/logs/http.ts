// A bare HTTP/1.1 GET over a connection of its own to the engine (its local socket, or a TLS or ssh
// link), for log bodies only. The engine sends each log message as its own HTTP chunk, so Node's
// HTTP client (under dockerode) wakes up once per line: a million lines cost seconds of parsing
// before any of our code runs. Reading the connection directly and removing the chunked framing in
// bulk costs a fraction of that. Plain tcp keeps going through dockerode.
import { connect } from 'node:net'
import { Readable, type Duplex } from 'node:stream'

/** Opens a new connection to the engine: how a remote transport offers its links (see endpoint.ts). */
export type Dial = () => Duplex

export interface HttpFailure {
  statusCode: number
  json: { message?: string } | null
  message: string
}

const HEAD_END = Buffer.from('\r\n\r\n')

/** Removes `Transfer-Encoding: chunked` framing; hands on whatever body bytes each socket read held, joined. */
export class ChunkedDecoder {
  private remaining = 0
  private state: 'size' | 'data' | 'crlf' | 'done' = 'size'
  private sizeLine = ''
  private ended = false

  constructor(private readonly onBody: (bytes: Buffer) => void, private readonly onEnd: () => void) {}

  /** The last (zero-size) chunk has arrived: the body is whole. */
  get complete(): boolean {
    return this.ended
  }

  push(buf: Buffer): void {
    const parts: Buffer[] = []
    let i = 0
    while (i < buf.length && this.state !== 'done') {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, buf.length - i)
        parts.push(buf.subarray(i, i + n))
        this.remaining -= n
        i += n
        if (this.remaining === 0) this.state = 'crlf'
      } else if (this.state === 'crlf') {
        // The two bytes after a chunk's data; they may arrive split.
        const b = buf[i++]
        if (b === 0x0a) this.state = 'size'
      } else {
        const lf = buf.indexOf(0x0a, i)
        if (lf < 0) {
          this.sizeLine += buf.toString('latin1', i)
          break
        }
        this.sizeLine += buf.toString('latin1', i, lf)
        i = lf + 1
        this.remaining = parseInt(this.sizeLine.trim(), 16)
        this.sizeLine = ''
        // Size 0 is the last chunk; a size that is not hex means the body is broken: stop there too.
        this.state = this.remaining > 0 ? 'data' : 'done'
      }
    }
    if (parts.length) this.onBody(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts))
    if (this.state === 'done' && !this.ended) {
      this.ended = true
      this.onEnd()
    }
  }
}

/** An error coded like the socket errors dockerode reports, so callers map it to engine-unreachable. */
function connectionError(code: 'ECONNRESET' | 'ETIMEDOUT', message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code })
}

/** How long the engine may take to answer a logs request before it counts as gone. */
const HEADER_TIMEOUT_MS = 30_000

/**
 * GET `path` on the unix socket (or Windows named pipe), or over a link `target` dials; resolves with
 * the body stream once the status is 200.
 */
export function socketGet(target: string | Dial, path: string, headerTimeoutMs = HEADER_TIMEOUT_MS): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const socket: Duplex = typeof target === 'string' ? connect(target) : target()
    let head: Buffer | null = Buffer.alloc(0)
    let decoder: ChunkedDecoder | null = null
    // Until the promise settles, every way the socket can go away must reject it, or logs.open hangs.
    let settled = false
    /** The body went to the caller: from then on, trouble is reported on it (and only then). */
    let delivered = false
    const refuse = (err: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(headerTimer)
      socket.destroy()
      reject(err)
    }
    const headerTimer = setTimeout(
      () => refuse(connectionError('ETIMEDOUT', `The engine sent no answer to ${path.split('?')[0]} within ${headerTimeoutMs} ms.`)),
      headerTimeoutMs,
    )
    const body = new Readable({
      read: () => socket.resume(),
      destroy: (err, done) => {
        socket.destroy()
        done(err)
      },
    })
    const deliver = (bytes: Buffer) => {
      if (!body.push(bytes)) socket.pause()
    }
    let ended = false
    const finish = () => {
      if (ended) return
      ended = true
      if (!body.destroyed) body.push(null)
      socket.end()
    }
    const closedEarly = () => connectionError('ECONNRESET', 'The engine closed the connection before answering.')
    // Written at once: a socket still connecting (or a TLS handshake under way) holds it until it can send.
    socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: Berth\r\nConnection: close\r\n\r\n`)
    // Over TLS the engine's every log line is a TLS record of its own, and arrives as its own read:
    // there, the body bytes of one turn of the event loop are taken together, so the work per line is
    // done once per batch. The local socket already reads in large chunks, and is read as it comes.
    // Whatever is waiting is taken before the socket's end is looked at.
    const batched = typeof target !== 'string'
    let waiting: Buffer[] = []
    const take = () => {
      if (!waiting.length) return
      const bytes = waiting.length === 1 ? (waiting[0] as Buffer) : Buffer.concat(waiting)
      waiting = []
      if (decoder) decoder.push(bytes)
      else deliver(bytes)
    }
    socket.on('data', (chunk: Buffer) => {
      if (!head) {
        if (!batched) return decoder ? decoder.push(chunk) : deliver(chunk)
        if (waiting.push(chunk) === 1) setImmediate(take)
        return
      }
      head = Buffer.concat([head, chunk])
      const end = head.indexOf(HEAD_END)
      if (end < 0) return
      clearTimeout(headerTimer)
      const lines = head.toString('latin1', 0, end).split('\r\n')
      const rest = head.subarray(end + 4)
      head = null
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0)
      const chunked = lines.some((l) => /^transfer-encoding:\s*chunked/i.test(l))
      if (status !== 200) return failed(status, rest, chunked)
      if (chunked) decoder = new ChunkedDecoder(deliver, finish)
      settled = delivered = true
      resolve(body)
      if (rest.length) socket.emit('data', rest)
    })
    socket.on('end', () => {
      take()
      if (!delivered) refuse(closedEarly())
      // A chunked body is whole only with its last chunk; the socket ending first means it was cut.
      else if (decoder && !decoder.complete) body.destroy(connectionError('ECONNRESET', 'The engine closed the log stream before its end.'))
      else finish()
    })
    // Closed before the end: the consumer must hear of it, as an error, so a short read is never
    // taken for the whole log. After the end, unread lines stay readable.
    socket.on('close', () => {
      take()
      if (!delivered) refuse(closedEarly())
      else if (!ended) body.destroy(connectionError('ECONNRESET', 'The engine closed the log stream before its end.'))
    })
    socket.on('error', (err) => {
      take()
      if (!delivered) refuse(err)
      else body.destroy(err)
    })

    // The engine explains a refusal in a small JSON body: read it whole, then reject like dockerode does.
    function failed(status: number, first: Buffer, chunked: boolean): void {
      const parts: Buffer[] = []
      const collect = (b: Buffer) => parts.push(b)
      const done = () => {
        const text = Buffer.concat(parts).toString('utf8')
        let json: HttpFailure['json'] = null
        try {
          json = JSON.parse(text) as HttpFailure['json']
        } catch {
          // Not JSON: the text itself is the explanation.
        }
        const failure: HttpFailure = { statusCode: status, json, message: json?.message ?? (text || `HTTP ${status}`) }
        refuse(failure)
      }
      const chunks = chunked ? new ChunkedDecoder(collect, done) : null
      socket.removeAllListeners('data')
      socket.removeAllListeners('end')
      socket.on('data', (b: Buffer) => (chunks ? chunks.push(b) : collect(b)))
      socket.on('end', done)
      if (first.length) socket.emit('data', first)
    }
  })
}
