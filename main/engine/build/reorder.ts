// The layer-order advice: a broad `COPY . …` before a dependency install makes every source edit
// re-run the install. Copying the dependency manifest first, installing, then copying the rest keeps
// the install cached until the manifest itself changes.
import type { ReorderAdvice } from '@common/contract/build'

interface Instruction {
  /** First and last line (0-based) in the file, continuation lines included. */
  first: number
  last: number
  keyword: string
  /** The instruction's text without the keyword, continuations joined. */
  args: string
}

/** Dependency installs and the manifest files each reads. */
const INSTALLS: { pattern: RegExp; manifests: string[] }[] = [
  { pattern: /\bnpm\s+(ci|install|i)\b/, manifests: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json'] },
  { pattern: /\byarn(\s+install)?\b(?!\s+(build|start|test|run))/, manifests: ['package.json', 'yarn.lock', '.yarnrc.yml'] },
  { pattern: /\bpnpm\s+(install|i)\b/, manifests: ['package.json', 'pnpm-lock.yaml'] },
  { pattern: /\bpip3?\s+install\b/, manifests: ['requirements.txt'] },
  { pattern: /\bbundle\s+install\b/, manifests: ['Gemfile', 'Gemfile.lock'] },
  { pattern: /\bgo\s+mod\s+download\b/, manifests: ['go.mod', 'go.sum'] },
  { pattern: /\bcomposer\s+install\b/, manifests: ['composer.json', 'composer.lock'] },
]

export function parseDockerfile(text: string): { lines: string[]; instructions: Instruction[] } {
  const lines = text.split(/\r?\n/)
  const instructions: Instruction[] = []
  let current: Instruction | null = null
  lines.forEach((line, i) => {
    const trimmed = line.trim()
    if (!current) {
      if (trimmed === '' || trimmed.startsWith('#')) return
      const match = /^(\S+)\s*(.*)$/.exec(trimmed)
      current = { first: i, last: i, keyword: (match?.[1] ?? '').toUpperCase(), args: '' }
      line = match?.[2] ?? ''
    } else if (trimmed.startsWith('#')) {
      return
    }
    current.last = i
    const continued = /\\\s*$/.test(line)
    current.args += (current.args ? ' ' : '') + line.replace(/\\\s*$/, '').trim()
    if (!continued) {
      instructions.push(current)
      current = null
    }
  })
  if (current) instructions.push(current)
  return { lines, instructions }
}

/** `COPY [--chown=…] . dest` (or ADD, or `./`): its flags and destination, when it copies the whole context. */
function broadCopy(ins: Instruction): { flags: string[]; dest: string } | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null
  const words = ins.args.split(/\s+/).filter(Boolean)
  const flags = words.filter((w) => w.startsWith('--'))
  const rest = words.filter((w) => !w.startsWith('--'))
  if (flags.some((f) => f.startsWith('--from'))) return null
  if (rest.length !== 2 || !['.', './'].includes(rest[0] ?? '')) return null
  return { flags, dest: rest[1] ?? '.' }
}

/** Files a pip install reads with -r. */
const pipRequirements = (args: string): string[] => [...args.matchAll(/(?:-r|--requirement)[\s=]+(\S+)/g)].map((m) => m[1] ?? '')

/**
 * The reordered Dockerfile, when a broad copy comes before a dependency install in the same stage.
 * `exists` says which context files exist, so only manifests the project has are copied.
 */
export function reorderAdvice(text: string, exists: (path: string) => boolean): ReorderAdvice | undefined {
  const { lines, instructions } = parseDockerfile(text)
  let copy: { ins: Instruction; flags: string[]; dest: string } | null = null
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') copy = null
    const broad = broadCopy(ins)
    if (broad && !copy) {
      copy = { ins, ...broad }
      continue
    }
    if (!copy || ins.keyword !== 'RUN') continue
    const install = INSTALLS.find((i) => i.pattern.test(ins.args))
    if (!install) continue
    const wanted = install.pattern.source.includes('pip') ? [...pipRequirements(ins.args), ...install.manifests] : install.manifests
    let manifests = [...new Set(wanted)].filter((m) => exists(m))
    if (!manifests.length) manifests = [wanted[0] ?? 'package.json']
    const dest = copy.dest.endsWith('/') || manifests.length === 1 ? copy.dest : `${copy.dest}/`
    const flags = copy.flags.length ? `${copy.flags.join(' ')} ` : ''
    const keyword = copy.ins.keyword === 'ADD' ? 'COPY' : copy.ins.keyword
    const out = [
      ...lines.slice(0, copy.ins.first),
      `${keyword} ${flags}${manifests.join(' ')} ${dest}`,
      ...lines.slice(copy.ins.last + 1, ins.last + 1),
      `${copy.ins.keyword} ${flags}. ${copy.dest}`,
      ...lines.slice(ins.last + 1),
    ]
    return {
      copyInstruction: `${copy.ins.keyword} ${copy.ins.args}`,
      installInstruction: `RUN ${ins.args}`,
      manifests,
      dockerfile: out.join('\n'),
    }
  }
  return undefined
}
