// The compose model as YAML text: a comment saying what wrote it, services in the order chosen, keys
// in a fixed order, every string escaped for Compose's interpolation (`$` → `$$`), and each flagged
// env value either kept or written as `${VARIABLE}`, as the user chose.
import { stringify } from 'yaml'
import type { SecretChoice } from '@common/contract/compose'
import type { ComposeModel, EnvEntry } from './model'

/** Compose reads `$NAME` and `${NAME}` in values as variables: a literal `$` is written `$$`. */
const escaped = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$')
  if (Array.isArray(value)) return value.map(escaped)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escaped(v)]))
  return value
}

/** How a model's flagged values are written: the variable for each one not kept. */
export function variablesOf(model: ComposeModel, choices: ReadonlyMap<string, SecretChoice>): string[] {
  return model.secrets.filter((s) => choices.get(s.id) !== 'keep').map((s) => s.variable)
}

export function composeYaml(model: ComposeModel, choices: ReadonlyMap<string, SecretChoice>): string {
  const variable = new Map(model.secrets.map((s) => [s.id, s.variable]))
  const envLine = (e: EnvEntry) => {
    const replaced = e.secret !== undefined && choices.get(e.secret) !== 'keep'
    return `${e.key}=${replaced ? `\${${variable.get(e.secret!)}}` : (escaped(e.value) as string)}`
  }
  const services: Record<string, unknown> = {}
  for (const { name, body } of model.services) {
    // Keys keep the order the model set them in (image, entrypoint, command, environment, …).
    services[name] = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, key === 'environment' ? (value as EnvEntry[]).map(envLine) : escaped(value)]))
  }
  const doc: Record<string, unknown> = { services }
  // The user's own volumes and networks, reused by name: never made anew, never removed by `down -v`.
  if (model.volumes.size) doc.volumes = Object.fromEntries([...model.volumes].sort().map(([key, name]) => [key, { name, external: true }]))
  if (model.networks.size) doc.networks = Object.fromEntries([...model.networks].sort().map(([key, name]) => [key, { name, external: true }]))
  const names = model.services.map((s) => s.container).join(', ')
  const variables = variablesOf(model, choices)
  const header = [
    `# Written by Berth's "Save as compose" from the containers ${names}.`,
    '# Start it with: docker-compose up -d (or docker compose up -d) in this folder.',
    ...(variables.length ? [`# Set ${variables.join(', ')} in a .env file beside this one (or the environment) first.`] : []),
  ]
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`
}

/** The .env lines for the values written as variables, to be filled in. */
export function envFileText(model: ComposeModel, choices: ReadonlyMap<string, SecretChoice>): string {
  return [...new Set(variablesOf(model, choices))].map((v) => `${v}=\n`).join('')
}
