// A run spec as a `docker run …` command line, both ways: the words the dialog shows (live, as the form
// changes) and a pasted line read back into a spec. Flags Berth has no field for are named, never
// dropped in silence. Words are split by shell-quote, as a shell would split them.
import { parse } from 'shell-quote'
import { emptyRunSpec, RESTART_POLICIES, type MountRow, type RestartName, type RunSpec } from './spec'
import { envFileLines } from './env-file'
import { emptyRecord } from '../exact-record'
import { FLAGS, FLAG_BY_NAME, FLAG_BY_SHORT, type FlagDef } from './flags'

/** `name:/path[:ro]`, `/path` or `/host:/path[:ro]`: one mount as `-v` writes it. */
export function volumeFlag(m: MountRow): string {
  if (m.kind === 'anonymous') return m.target
  return `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`
}

/** `docker run` makes and starts a container; `docker create` only makes it. */
export type RunCommand = 'run' | 'create'

/** The words of `docker run …` (or `docker create …`) for a spec, unquoted (the page joins them with its shell quoting). */
export function runWords(spec: RunSpec, command: RunCommand = 'run'): string[] {
  const w = ['docker', command]
  // docker create has no -d: nothing starts, attached or not.
  if (spec.detach && command === 'run') w.push('-d')
  if (spec.interactive || spec.tty) w.push(`-${spec.interactive ? 'i' : ''}${spec.tty ? 't' : ''}`)
  if (spec.autoRemove) w.push('--rm')
  if (spec.name) w.push('--name', spec.name)
  for (const p of spec.ports) w.push('-p', p)
  if (spec.publishAll) w.push('-P')
  // An env file's entries come before the -e rows, as the CLI reads them.
  for (const line of envFileLines(spec.envFile)) if (line.entry !== undefined) w.push('-e', line.entry)
  for (const e of spec.env) w.push('-e', e)
  for (const m of spec.mounts) w.push('-v', volumeFlag(m))
  for (const v of spec.volumesFrom) w.push('--volumes-from', v.readOnly ? `${v.container}:ro` : v.container)
  for (const t of spec.tmpfs) w.push('--tmpfs', t)
  if (spec.restart.name !== 'no') w.push('--restart', spec.restart.maxRetries > 0 ? `${spec.restart.name}:${spec.restart.maxRetries}` : spec.restart.name)
  if (spec.network) w.push('--network', spec.network)
  for (const key of Object.keys(spec.labels)) w.push('--label', `${key}=${spec.labels[key]}`)
  if (spec.workdir) w.push('-w', spec.workdir)
  if (spec.user) w.push('-u', spec.user)
  if (spec.entrypoint !== null) w.push('--entrypoint', spec.entrypoint)
  for (const d of FLAGS) {
    const v = spec[d.key]
    if (Array.isArray(v)) for (const row of v) w.push(`--${d.flag}`, row)
    else if (v === true) w.push(`--${d.flag}`)
    else if (typeof v === 'string' && v !== '') w.push(`--${d.flag}`, v)
  }
  w.push(spec.image || 'IMAGE', ...spec.cmd)
  return w
}

/** One `-v` value as the CLI reads it; what Berth cannot keep (modes such as z or nocopy) is said. */
export function parseVolumeFlag(text: string): { mount: MountRow; note?: string } {
  const parts = text.split(':')
  const isMode = (s: string) => /^[a-zA-Z,]+$/.test(s) && s.split(',').every((m) => /^(ro|rw|z|Z|nocopy|r?shared|r?slave|r?private|consistent|cached|delegated)$/.test(m))
  let source = ''
  let target = parts[0] ?? ''
  let mode = ''
  if (parts.length === 2 && isMode(parts[1] ?? '')) mode = parts[1] ?? ''
  else if (parts.length >= 2) [source = '', target = '', mode = ''] = [parts[0], parts[1], parts.slice(2).join(':')]
  const modes = mode ? mode.split(',') : []
  const other = modes.filter((m) => m !== 'ro' && m !== 'rw')
  const kind = !source ? 'anonymous' : /^[./~]/.test(source) ? 'bind' : 'volume'
  return {
    mount: { kind, source, target, readOnly: modes.includes('ro') },
    ...(other.length ? { note: `-v ${text}: the option ${other.join(',')} is not kept` } : {}),
  }
}

const BOOL: Record<string, keyof RunSpec> = { d: 'detach', detach: 'detach', i: 'interactive', interactive: 'interactive', t: 'tty', tty: 'tty', rm: 'autoRemove', P: 'publishAll', 'publish-all': 'publishAll' }
const SHORT_VALUE: Record<string, string> = { p: 'publish', e: 'env', v: 'volume', l: 'label', w: 'workdir', u: 'user', a: 'attach' }
/** Flags Berth has no field for that take a value, so their value is not read as the image. */
const OTHER_VALUE = new Set(
  'add-host attach blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns cidfile cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems detach-keys device device-cgroup-rule device-read-bps device-read-iops device-write-bps device-write-iops dns dns-option dns-search domainname env-file expose gpus group-add health-cmd health-interval health-retries health-start-period health-timeout hostname ip ip6 ipc isolation kernel-memory label-file link link-local-ip log-driver log-opt mac-address memory memory-reservation memory-swap memory-swappiness mount network-alias oom-score-adj pid pids-limit platform pull runtime security-opt shm-size stop-signal stop-timeout storage-opt sysctl ulimit userns uts volume-driver'.split(' '),
)

export interface ParsedRunLine {
  spec: RunSpec
  /** Whether the line makes and starts the container (`docker run`) or only makes it (`docker create`). */
  command: RunCommand
  /** Flags given that Berth has no field for, as written: they are not part of the spec. */
  unsupported: string[]
  /** What could not be read at all. */
  problems: string[]
}

/**
 * shell-quote expands `$VAR` (and drops the braces of `${VAR}`) and starts a comment at any `#`. A
 * shell keeps `$…` here as written (Berth has no environment to expand it from) and reads `#` as a
 * comment only at the start of a word: both are escaped outside single quotes so they stay as given.
 */
function keepLiterals(line: string): string {
  let out = ''
  let quote: "'" | '"' | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (quote === "'") {
      if (c === "'") quote = null
      out += c
    } else if (c === '\\') {
      out += c + (line[i + 1] ?? '')
      i++
    } else if (c === '$') out += '\\$'
    else if (c === '#' && !quote && i > 0 && !/\s/.test(line[i - 1] as string)) out += '\\#'
    else {
      if (c === '"') quote = quote ? null : '"'
      else if (c === "'" && !quote) quote = "'"
      out += c
    }
  }
  return out
}

/** shell-quote's entries for a line, as a shell reads it here: `$…` and a `#` inside a word kept as written. */
export const shellEntries = (line: string) => parse(keepLiterals(line))

/** Words as a shell splits them; `$VAR` stays as written (Berth has no shell environment to expand it from). */
function shellWords(line: string): { words: string[]; rest?: string } {
  const entries = shellEntries(line.replace(/\\\r?\n/g, ' '))
  const words: string[] = []
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry)
    else if ('comment' in entry) break
    else if ('op' in entry && entry.op === 'glob') words.push(entry.pattern)
    else return { words, rest: 'op' in entry ? entry.op : '?' }
  }
  return { words }
}

export function parseRunLine(line: string): ParsedRunLine {
  const spec = emptyRunSpec()
  spec.detach = false
  spec.labels = emptyRecord<string>()
  const unsupported: string[] = []
  const problems: string[] = []
  const { words, rest } = shellWords(line)
  if (rest) problems.push(`The line goes on after "${rest}": only the docker run command is read.`)
  let i = 0
  if (words[0] === 'docker') i++
  // The engine a copied line names (`docker --context build-box run …`): Berth runs on the engine it shows.
  while (i > 0 && /^(--context|-c|--host|-H)(=|$)/.test(words[i] ?? '')) i += (words[i] ?? '').includes('=') ? 1 : 2
  if (words[i] === 'container') i++
  let command: RunCommand = 'run'
  if (words[i] === 'run') i++
  else if (words[i] === 'create') {
    i++
    command = 'create'
  } else if (i > 0) problems.push(`"docker ${words[i] ?? ''}" is not docker run or docker create.`)

  const apply = (flag: string, value: string) => {
    switch (flag) {
      case 'name': spec.name = value; break
      case 'publish': spec.ports.push(value); break
      case 'env': spec.env.push(value); break
      case 'volume': {
        const { mount, note } = parseVolumeFlag(value)
        spec.mounts.push(mount)
        if (note) unsupported.push(note)
        break
      }
      case 'volumes-from': {
        const [container = '', mode] = value.split(':')
        spec.volumesFrom.push({ container, readOnly: mode === 'ro' })
        break
      }
      case 'tmpfs': spec.tmpfs.push(value); break
      case 'restart': {
        const [name = '', count] = value.split(':')
        if (!(RESTART_POLICIES as readonly string[]).includes(name)) problems.push(`--restart "${value}" is not no, always, unless-stopped or on-failure[:N].`)
        else spec.restart = { name: name as RestartName, maxRetries: count && /^\d+$/.test(count) ? Number(count) : 0 }
        break
      }
      case 'network': case 'net': spec.network = value === 'default' ? '' : value; break
      case 'label': {
        const at = value.indexOf('=')
        const key = at < 0 ? value : value.slice(0, at)
        if (Object.hasOwn(spec.labels, key)) problems.push(`The label "${key}" is given twice; the last one is kept.`)
        spec.labels[key] = at < 0 ? '' : value.slice(at + 1)
        break
      }
      case 'workdir': spec.workdir = value; break
      case 'user': spec.user = value; break
      case 'entrypoint': spec.entrypoint = value; break
      default: {
        const d = FLAG_BY_NAME.get(flag)
        if (!d) unsupported.push(`--${flag} ${value}`)
        else if (d.kind === 'list') (spec[d.key] as string[]).push(value)
        else (spec as unknown as Record<string, string>)[d.key] = value
      }
    }
  }
  const KNOWN_VALUE = new Set(['name', 'publish', 'env', 'volume', 'volumes-from', 'tmpfs', 'restart', 'network', 'net', 'label', 'workdir', 'user', 'entrypoint'])

  for (; i < words.length; i++) {
    const word = words[i] as string
    if (word === '--') { i++; break }
    if (!word.startsWith('-') || word === '-') break
    if (word.startsWith('--')) {
      const [flag = '', value] = splitAtEquals(word.slice(2))
      const def: FlagDef | undefined = FLAG_BY_NAME.get(flag)
      if (BOOL[flag] || def?.kind === 'switch') {
        setBool(spec, BOOL[flag] ?? (def?.key as keyof RunSpec), value, problems, word)
      } else if (def || KNOWN_VALUE.has(flag) || OTHER_VALUE.has(flag)) {
        const v = value ?? words[++i]
        if (v === undefined) problems.push(`--${flag} needs a value.`)
        else apply(flag, v)
      } else unsupported.push(word)
      continue
    }
    // Short flags, clustered as pflag reads them: `-it`, `-dit`, `-p8080:80`, `-e=K=v`.
    for (let j = 1; j < word.length; j++) {
      const ch = word[j] as string
      if (BOOL[ch]) { setBool(spec, BOOL[ch], undefined, problems, `-${ch}`); continue }
      const long = SHORT_VALUE[ch] ?? FLAG_BY_SHORT.get(ch)?.flag
      if (!long) { unsupported.push(`-${ch}`); continue }
      let v: string | undefined = word.slice(j + 1)
      if (v.startsWith('=')) v = v.slice(1)
      if (!v) v = words[++i]
      if (v === undefined) problems.push(`-${ch} needs a value.`)
      else apply(long, v)
      break
    }
  }
  const image = words[i]
  if (image === undefined) problems.push('There is no image: docker run [OPTIONS] IMAGE [COMMAND] [ARG…].')
  else spec.image = image
  spec.cmd = words.slice(i + 1)
  return { spec, command, unsupported, problems }
}

function splitAtEquals(text: string): [string, string?] {
  const at = text.indexOf('=')
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)]
}

function setBool(spec: RunSpec, key: keyof RunSpec, value: string | undefined, problems: string[], word: string): void {
  if (value !== undefined && value !== 'true' && value !== 'false') {
    problems.push(`${word}: a switch takes true or false.`)
    return
  }
  ;(spec as unknown as Record<string, boolean>)[key] = value !== 'false'
}
