// --env-file and --label-file name files on this machine: main reads them when it runs the spec, as
// the CLI reads them on its side (opts/envfile.go), so the spec keeps the paths and the line shows
// them. A file that cannot be read, or a line the CLI would refuse, refuses the run in a sentence.
import { readFile } from 'node:fs/promises'
import { envFileLines } from '@common/run/env-file'
import type { RunSpec } from '@common/run/spec'
import { EngineError } from '../errors'

export interface SpecFiles {
  /** KEY=value entries of the --env-file files, in order. */
  env: string[]
  /** key=value entries of the --label-file files, in order (a later one wins). */
  labels: string[]
}

export const NO_FILES: SpecFiles = { env: [], labels: [] }

async function entries(path: string, flag: string, keyAlone: 'refuse' | 'skip'): Promise<string[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new EngineError('invalid-input', `${flag} ${path}: ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : `it cannot be read (${code ?? (err as Error).message})`}.`)
  }
  const out: string[] = []
  for (const line of envFileLines(text, keyAlone)) {
    if (line.problem) throw new EngineError('invalid-input', `${flag} ${path}, line ${line.line}: ${line.problem}.`)
    if (line.entry !== undefined) out.push(line.entry)
  }
  return out
}

export async function readSpecFiles(spec: Pick<RunSpec, 'envFiles' | 'labelFiles'>): Promise<SpecFiles> {
  const env: string[] = []
  const labels: string[] = []
  for (const path of spec.envFiles) env.push(...(await entries(path, '--env-file', 'refuse')))
  // The CLI reads a label file with no environment to look a lone key up in: the line is skipped.
  for (const path of spec.labelFiles) labels.push(...(await entries(path, '--label-file', 'skip')))
  return { env, labels }
}
