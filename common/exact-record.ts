// A record keyed by user text (volume labels), kept exactly. zod's own z.record drops a "__proto__"
// key without an issue, and a plain `{}` would turn it into a prototype: either way a label the
// engine accepts would vanish while the call answers ok. This one checks every own key, keeps each in
// a null-prototype object, and names the key of anything it refuses.
import { z } from 'zod'

const isPlainRecord = (input: unknown): input is Record<string, unknown> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false
  const proto = Object.getPrototypeOf(input) as unknown
  return proto === Object.prototype || proto === null
}

/** An empty record whose keys are only its own: "__proto__", "constructor" and "toString" are ordinary keys in it. */
export const emptyRecord = <V>(): Record<string, V> => Object.create(null) as Record<string, V>

export function exactRecord<V extends z.ZodType>(key: z.ZodType<string>, value: V, maxEntries: number, noun = 'entries') {
  return z
    .custom<Record<string, z.input<V>>>(isPlainRecord, `must be an object of ${noun}`)
    .transform((input, ctx) => {
      const keys = Object.keys(input)
      // Counted before anything is checked, so a huge input costs little and gets one issue.
      if (keys.length > maxEntries) {
        ctx.addIssue({ code: 'custom', message: `has ${keys.length.toLocaleString('en-US')} ${noun}, more than ${maxEntries}` })
        return z.NEVER
      }
      const out = emptyRecord<z.output<V>>()
      for (const k of keys) {
        const checkedKey = key.safeParse(k)
        if (!checkedKey.success) {
          ctx.addIssue({ code: 'custom', message: `key ${checkedKey.error.issues[0]?.message ?? 'is not valid'}`, path: [k] })
          continue
        }
        const checkedValue = value.safeParse(input[k])
        if (!checkedValue.success) {
          for (const issue of checkedValue.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [k, ...issue.path] })
          continue
        }
        out[k] = checkedValue.data
      }
      return out
    })
}
