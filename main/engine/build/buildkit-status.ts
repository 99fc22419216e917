// BuildKit's progress arrives as `moby.buildkit.trace` lines whose aux is a base64 protobuf
// StatusResponse (moby/buildkit api/services/control/control.proto). Only a few fields matter here,
// so a small wire-format reader stands in for a protobuf runtime:
//   StatusResponse { repeated Vertex vertexes = 1; repeated VertexStatus statuses = 2; repeated VertexLog logs = 3; }
//   Vertex { string digest = 1; string name = 3; bool cached = 4; Timestamp started = 5; Timestamp completed = 6; string error = 7; }
//   VertexLog { string vertex = 1; int64 stream = 3; bytes msg = 4; }
//   Timestamp { int64 seconds = 1; int32 nanos = 2; }

export interface TraceVertex {
  digest: string
  name: string
  cached: boolean
  /** Milliseconds since the epoch. */
  started?: number
  completed?: number
  error?: string
}

export interface TraceLog {
  vertex: string
  stream: number
  data: Buffer
}

export interface TraceStatus {
  vertexes: TraceVertex[]
  logs: TraceLog[]
}

/** One protobuf message's fields, in order: numbers for varints, buffers for length-delimited ones. */
function* fields(buf: Buffer): Generator<[number, number | Buffer]> {
  let pos = 0
  const varint = (): number => {
    let result = 0
    let shift = 0
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint')
      const byte = buf[pos++] ?? 0
      // Multiplication, not <<: values past 2^31 (seconds, int64) stay exact up to 2^53.
      result += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return result
      shift += 7
      if (shift > 63) throw new Error('varint too long')
    }
  }
  while (pos < buf.length) {
    const key = varint()
    const field = Math.floor(key / 8)
    const wire = key & 7
    if (wire === 0) yield [field, varint()]
    else if (wire === 2) {
      const length = varint()
      if (pos + length > buf.length) throw new Error('truncated field')
      yield [field, buf.subarray(pos, pos + length)]
      pos += length
    } else if (wire === 1) pos += 8
    else if (wire === 5) pos += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
}

function timestamp(buf: Buffer): number {
  let seconds = 0
  let nanos = 0
  for (const [field, value] of fields(buf)) {
    if (field === 1 && typeof value === 'number') seconds = value
    else if (field === 2 && typeof value === 'number') nanos = value
  }
  return seconds * 1000 + nanos / 1e6
}

function vertex(buf: Buffer): TraceVertex {
  const v: TraceVertex = { digest: '', name: '', cached: false }
  for (const [field, value] of fields(buf)) {
    if (typeof value === 'number') {
      if (field === 4) v.cached = value !== 0
      continue
    }
    if (field === 1) v.digest = value.toString('utf8')
    else if (field === 3) v.name = value.toString('utf8')
    else if (field === 5) v.started = timestamp(value)
    else if (field === 6) v.completed = timestamp(value)
    else if (field === 7) v.error = value.toString('utf8')
  }
  return v
}

function log(buf: Buffer): TraceLog {
  const l: TraceLog = { vertex: '', stream: 0, data: Buffer.alloc(0) }
  for (const [field, value] of fields(buf)) {
    if (field === 1 && Buffer.isBuffer(value)) l.vertex = value.toString('utf8')
    else if (field === 3 && typeof value === 'number') l.stream = value
    else if (field === 4 && Buffer.isBuffer(value)) l.data = Buffer.from(value)
  }
  return l
}

/** Decodes one trace aux (base64). Throws on a message that is not a StatusResponse. */
export function decodeTrace(base64: string): TraceStatus {
  const status: TraceStatus = { vertexes: [], logs: [] }
  for (const [field, value] of fields(Buffer.from(base64, 'base64'))) {
    if (!Buffer.isBuffer(value)) continue
    if (field === 1) status.vertexes.push(vertex(value))
    else if (field === 3) status.logs.push(log(value))
  }
  return status
}
