// Bytes over the WebSocket as bytes: a message whose one Uint8Array field (a terminal's output or
// input) travels in a binary frame instead of JSON, which would spell each byte as a number or
// inflate it by a third in base64. Frame: [header length, u32 big-endian][header JSON, UTF-8][bytes].
// The header is the message without that field, plus `bytes`, the field's name. IPC needs none of
// this: structured clone carries a Uint8Array natively.

/** The name of the top-level Uint8Array field of `value`, or null when it has none. */
export function bytesField(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null
  for (const [key, field] of Object.entries(value)) if (field instanceof Uint8Array) return key
  return null
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** `message` with `message[outer][field]` (a Uint8Array) sent as raw bytes. */
export function encodeFrame(message: Record<string, unknown>, outer: string, field: string): Uint8Array {
  const inner = message[outer] as Record<string, unknown>
  const bytes = inner[field] as Uint8Array
  const header = encoder.encode(JSON.stringify({ ...message, [outer]: { ...inner, [field]: undefined }, bytes: field }))
  const frame = new Uint8Array(4 + header.length + bytes.length)
  new DataView(frame.buffer).setUint32(0, header.length)
  frame.set(header, 4)
  frame.set(bytes, 4 + header.length)
  return frame
}

/** The message again, its bytes put back in `message[outer][bytes]`; null for a malformed frame. */
export function decodeFrame(frame: Uint8Array, outer: string): Record<string, unknown> | null {
  try {
    if (frame.length < 4) return null
    const length = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0)
    if (4 + length > frame.length) return null
    const message = JSON.parse(decoder.decode(frame.subarray(4, 4 + length))) as Record<string, unknown>
    const field = message.bytes
    const inner = message[outer]
    if (typeof field !== 'string' || !inner || typeof inner !== 'object' || Array.isArray(inner)) return null
    delete message.bytes
    ;(inner as Record<string, unknown>)[field] = frame.subarray(4 + length)
    return message
  } catch {
    return null
  }
}
