// The run dialog's form and the spec it stands for. The form keeps what the user typed (a command as
// one line, labels as KEY=value rows); the spec is what main validates and runs. Both ways, so a
// pasted `docker run …` line or a container's inspect fills the form.
import { emptyRunSpec, runSpecSchema, type MountRow, type RunSpec, type VolumesFromRow } from '@common/run/spec'
import { runWords, shellEntries, type RunCommand } from '@common/run/cli'
import { emptyRecord } from '@common/exact-record'
import { cliLine, shellLine } from '../../shared/cli'
import { FLAGS } from '@common/run/flags'

export interface RunForm extends Omit<RunSpec, 'cmd' | 'labels'> {
  /** The command override as typed, split like a shell splits it. */
  command: string
  /** `key=value` rows. */
  labels: string[]
}

export function formFrom(spec: RunSpec): RunForm {
  const { cmd, labels, ...rest } = spec
  return {
    ...structuredClone({ ...rest, mounts: rest.mounts.map((m) => ({ ...m })), volumesFrom: rest.volumesFrom.map((v) => ({ ...v })) }),
    command: cmd.length ? shellLine(...cmd) : '',
    labels: Object.keys(labels).map((k) => `${k}=${labels[k]}`),
  }
}

export const newForm = (image = ''): RunForm => formFrom(emptyRunSpec(image))

/** Words of a command line; `$VAR` and `${VAR}` stay as written (the container's shell expands them, if any); a `# comment` ends it. */
export function commandWords(text: string): string[] {
  const words: string[] = []
  for (const e of shellEntries(text)) {
    if (typeof e === 'string') words.push(e)
    else if ('comment' in e) break
    else words.push(e.op === 'glob' ? e.pattern : e.op)
  }
  return words
}

export function specOf(form: RunForm): RunSpec {
  const labels = emptyRecord<string>()
  for (const row of form.labels) {
    if (!row) continue
    const at = row.indexOf('=')
    labels[at < 0 ? row : row.slice(0, at)] = at < 0 ? '' : row.slice(at + 1)
  }
  const { command, labels: _rows, ...rest } = form
  void _rows
  // Rows of the flag table's lists, without the empty ones a user added and left.
  const flagRows = Object.fromEntries(FLAGS.filter((d) => d.kind === 'list').map((d) => [d.key, (rest[d.key] as string[]).filter((r) => r !== '')]))
  // Plain copies all the way down: the form is reactive, and Electron's IPC cannot clone a Vue proxy.
  return {
    ...rest,
    ...flagRows,
    restart: { ...rest.restart },
    ports: rest.ports.filter((p) => p !== ''),
    env: rest.env.filter((e) => e !== ''),
    tmpfs: rest.tmpfs.filter((t) => t !== ''),
    mounts: rest.mounts.filter((m: MountRow) => m.target !== '' || m.source !== '').map((m) => ({ ...m })),
    volumesFrom: rest.volumesFrom.filter((v: VolumesFromRow) => v.container !== '').map((v) => ({ ...v })),
    cmd: commandWords(command),
    labels,
  }
}

/** Label rows that name a key twice: the spec would keep only the last. */
export function duplicateLabels(rows: string[]): string[] {
  const seen = new Set<string>()
  const twice: string[] = []
  for (const row of rows) {
    const key = row.includes('=') ? row.slice(0, row.indexOf('=')) : row
    if (!key) continue
    if (seen.has(key)) twice.push(key)
    seen.add(key)
  }
  return twice
}

/**
 * What the form still needs before it can run, said as the next step rather than as an error: an
 * empty Image field is where every run starts, not a mistake.
 */
export function formMissing(form: RunForm): string | null {
  return form.image.trim() ? null : 'Name the image to run (nginx:1.27, or one from Images) to enable Run.'
}

/** Problems with the form, each naming its field as the dialog labels it; an image not given yet is no problem (see formMissing). */
export function formProblems(form: RunForm): string[] {
  const result = runSpecSchema.safeParse(specOf(form))
  const unstarted = (path: readonly PropertyKey[]) => path[0] === 'image' && formMissing(form) !== null
  const problems = result.success ? [] : result.error.issues.filter((i) => !unstarted(i.path)).map((i) => `${fieldLabel(i.path)}: ${i.message}`)
  for (const key of duplicateLabels(form.labels)) problems.push(`Labels: "${key}" is given twice`)
  return problems
}

const FIELDS: Record<string, string> = {
  image: 'Image', name: 'Name', cmd: 'Command', entrypoint: 'Entrypoint', workdir: 'Working directory', user: 'User',
  ports: 'Ports', publishAll: 'Publish all', env: 'Environment', envFile: 'Env file', mounts: 'Mounts', volumesFrom: 'Volumes from',
  tmpfs: 'tmpfs', restart: 'Restart', network: 'Network', labels: 'Labels',
}

function fieldLabel(path: readonly PropertyKey[]): string {
  const [field, row] = path
  const flag = FLAGS.find((d) => d.key === field)
  const name = FIELDS[String(field)] ?? (flag ? `${flag.label} (--${flag.flag})` : String(field))
  return typeof row === 'number' ? `${name}, row ${row + 1}` : typeof row === 'string' ? `${name} "${row}"` : name
}

export const runLine = (spec: RunSpec, command: RunCommand = 'run'): string => cliLine(...runWords(spec, command))

/** What a recreate stands for, as the commands a user would type. */
export function recreateLines(oldName: string, spec: RunSpec, pull: boolean): string[] {
  const aside = `${oldName}-old`
  return [
    ...(pull ? [cliLine('docker', 'pull', spec.image)] : []),
    cliLine('docker', 'stop', oldName),
    cliLine('docker', 'rename', oldName, aside),
    runLine({ ...spec, name: spec.name || oldName }),
    cliLine('docker', 'rm', aside),
  ]
}
