// The labels box of the create form ("a=1, b=2"), read into exactly the labels the user typed. Every
// key is an own key of a null-prototype record, so "__proto__" or "constructor" is a label like any
// other; a key given twice is refused rather than one of its values dropped.
import { emptyRecord } from '@common/exact-record'
import { quoted } from '@common/echo'

export type ParsedLabels = { ok: true; labels: Record<string, string> } | { ok: false; message: string }

export function parseLabels(text: string): ParsedLabels {
  const labels = emptyRecord<string>()
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=')
    if (eq <= 0) return { ok: false, message: `${quoted(part, 40)} is not a label: write key=value, separated by commas.` }
    const key = part.slice(0, eq).trim()
    if (Object.hasOwn(labels, key)) return { ok: false, message: `The label ${quoted(key, 40)} is given twice: keep one value.` }
    labels[key] = part.slice(eq + 1).trim()
  }
  return { ok: true, labels }
}
