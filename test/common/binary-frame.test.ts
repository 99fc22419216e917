// Bytes over the WebSocket: a message with one Uint8Array field round-trips through a binary frame
// with every byte intact (no text decoding on the way), and a malformed frame is refused, not thrown.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { bytesField, decodeFrame, encodeFrame } from '@common/binary-frame'

describe('binary frames', () => {
  it('carries every byte value, beside the rest of the message as JSON', () => {
    const data = Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 256)
    const message = { channel: 'berth:event:terminal.output', payload: { session: 's1', data } }
    assert.equal(bytesField(message.payload), 'data')
    const frame = encodeFrame(message, 'payload', 'data')
    // Header and bytes, nothing inflated.
    assert.ok(frame.length < data.length + 100)
    const back = decodeFrame(frame, 'payload') as { channel: string; payload: { session: string; data: Uint8Array } }
    assert.equal(back.channel, message.channel)
    assert.equal(back.payload.session, 's1')
    assert.deepEqual([...back.payload.data], [...data])
  })

  it('finds no bytes in plain data', () => {
    assert.equal(bytesField({ session: 's', bytes: 12 }), null)
    assert.equal(bytesField(null), null)
  })

  it('refuses malformed frames', () => {
    for (const frame of [new Uint8Array([0, 0]), new Uint8Array([0, 0, 0, 200, 1, 2]), new Uint8Array([0, 0, 0, 2, 123, 125]), encodeText('{"input":[],"bytes":"data"}')]) {
      assert.equal(decodeFrame(frame, 'input'), null)
    }
  })
})

function encodeText(header: string): Uint8Array {
  const text = new TextEncoder().encode(header)
  const frame = new Uint8Array(4 + text.length)
  new DataView(frame.buffer).setUint32(0, text.length)
  frame.set(text, 4)
  return frame
}
