import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { FrameDemuxer, LogLineParser, MAX_LINE_CHARS } from '@main/engine/logs/demux'
import { ChunkedDecoder } from '@main/engine/logs/http'

function frame(type: 1 | 2, text: string | Buffer): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text) : text
  const header = Buffer.alloc(8)
  header[0] = type
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

const T1 = '2026-01-02T03:04:05.000000001Z'
const T2 = '2026-01-02T03:04:05.000000002Z'

function parse(chunks: Buffer[], tty = false, timestamps = true) {
  const out: Array<[string, string, string]> = []
  const parser = new LogLineParser({ tty, timestamps }, (text, kind, time) => out.push([kind, text, time]))
  chunks.forEach((c) => parser.push(c))
  parser.end()
  return out
}

describe('FrameDemuxer', () => {
  it('joins one frame split across chunks, even inside its header', () => {
    const bytes = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'oops\n')])
    const frames: string[] = []
    const demux = new FrameDemuxer((stream, payload) => frames.push(`${stream}:${payload.toString()}`))
    for (let i = 0; i < bytes.length; i++) demux.push(bytes.subarray(i, i + 1))
    assert.deepEqual(frames, ['o:hello world\n', 'e:oops\n'])
    assert.equal(demux.pendingBytes, 0)
  })

  it('splits many frames that share one chunk, and keeps the tail of a partial one', () => {
    const many = Array.from({ length: 1000 }, (_, i) => frame(i % 3 ? 1 : 2, `line ${i}\n`))
    const bytes = Buffer.concat(many)
    const cut = bytes.length - 5
    const frames: string[] = []
    const demux = new FrameDemuxer((stream, payload) => frames.push(`${stream}${payload.toString()}`))
    demux.push(bytes.subarray(0, cut))
    assert.equal(frames.length, 999)
    demux.push(bytes.subarray(cut))
    assert.equal(frames.length, 1000)
    assert.equal(frames[0], 'eline 0\n')
    assert.equal(frames[999], 'eline 999\n')
    assert.equal(frames[998], 'oline 998\n')
  })
})

describe('LogLineParser', () => {
  it('takes the time off each message and joins a message the engine split in parts', () => {
    const lines = parse([frame(1, `${T1} first part, `), frame(1, `${T2} second part\n`), frame(2, `${T2} bad\n`)])
    assert.deepEqual(lines, [
      ['o', 'first part, second part', T1],
      ['e', 'bad', T2],
    ])
  })

  it('reads Podman\'s RFC 3339 times (seconds, maybe an offset) as the fixed-width UTC times Docker writes', () => {
    const framed = parse([frame(1, '2026-01-02T03:04:05Z hi\n'), frame(2, '2026-01-02T04:04:05.5+01:00 err\n')])
    assert.deepEqual(framed, [
      ['o', 'hi', '2026-01-02T03:04:05.000000000Z'],
      ['e', 'err', '2026-01-02T03:04:05.500000000Z'],
    ])
    const tty = parse([Buffer.from('2026-01-02T03:04:05Z hi\r\n')], true)
    assert.deepEqual(tty, [['o', 'hi', '2026-01-02T03:04:05.000000000Z']])
    assert.deepEqual(parse([frame(1, '2026-01-02 not a time\n')]), [['o', '2026-01-02 not a time', '']])
  })

  it('decodes a character whose bytes span two frames', () => {
    const snowman = Buffer.from('☃')
    const lines = parse([frame(1, Buffer.concat([Buffer.from(`${T1} a`), snowman.subarray(0, 1)])), frame(1, Buffer.concat([Buffer.from(`${T2} `), snowman.subarray(1), Buffer.from('b\n')]))])
    assert.deepEqual(lines, [['o', 'a☃b', T1]])
  })

  it('reads a TTY stream raw: no frames, CRLF endings, a last line without newline', () => {
    const lines = parse([Buffer.from(`${T1} one\r\n${T2} tw`), Buffer.from('o\r\nthree')], true)
    assert.deepEqual(lines, [
      ['o', 'one', T1],
      ['o', 'two', T2],
      ['o', 'three', ''],
    ])
  })

  it('joins a TTY line Podman logged in pieces, each with its own time; a time the container wrote stays', () => {
    const lines = parse(
      [
        Buffer.from('2026-12-07T01:07:39Z one\r\n2026-12-07T01:07:39Z two'),
        Buffer.from('2026-12-07T01:07:39Z \r\n2026-12-07T01:07:40Z 2026-12-07T01:07:40Z started, next at 2026-12-07T02:00:00Z ok\r\n'),
      ],
      true,
    )
    assert.deepEqual(lines, [
      ['o', 'one', '2026-12-07T01:07:39.000000000Z'],
      ['o', 'two', '2026-12-07T01:07:39.000000000Z'],
      ['o', '2026-12-07T01:07:40Z started, next at 2026-12-07T02:00:00Z ok', '2026-12-07T01:07:40.000000000Z'],
    ])
  })

  it('drops the unfinished line of a cut stream, framed or raw, and reads on cleanly after', () => {
    for (const tty of [false, true]) {
      const out: string[] = []
      const parser = new LogLineParser({ tty, timestamps: true }, (text) => out.push(text))
      // Cut inside "57830": a followed stream is read again from its last whole line, so no "5783".
      parser.push(tty ? Buffer.from(`${T1} 57829\n${T2} 5783`) : Buffer.concat([frame(1, `${T1} 57829\n`), frame(1, `${T2} 5783`)]))
      parser.cut()
      parser.push(tty ? Buffer.from(`${T2} 57830\n`) : frame(1, `${T2} 57830\n`))
      parser.end()
      assert.deepEqual(out, ['57829', '57830'], tty ? 'raw' : 'framed')
    }
  })

  it('keeps bytes that look like a header inside a TTY stream as text', () => {
    const lines = parse([Buffer.from('\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003abc\n')], true, false)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.[1], '\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003abc')
  })

  it('cuts a line that never ends into bounded pieces', () => {
    const big = 'x'.repeat(MAX_LINE_CHARS + 10)
    const lines = parse([frame(1, `${T1} ${big}`)])
    assert.deepEqual(
      lines.map(([, text]) => text.length),
      [MAX_LINE_CHARS, 10],
    )
  })
})

describe('ChunkedDecoder', () => {
  it('removes the HTTP chunk framing however the socket splits it, and sees the last chunk', () => {
    const wire = Buffer.from('5\r\nhello\r\n1a\r\n' + 'x'.repeat(26) + '\r\n0\r\n\r\n')
    for (const step of [1, 3, 7, wire.length]) {
      const body: Buffer[] = []
      let ended = 0
      const decoder = new ChunkedDecoder((b) => body.push(b), () => ended++)
      for (let i = 0; i < wire.length; i += step) decoder.push(wire.subarray(i, i + step))
      assert.equal(Buffer.concat(body).toString(), 'hello' + 'x'.repeat(26), `in pieces of ${step}`)
      assert.equal(ended, 1)
    }
  })
})
