// What is checked before the compose CLI runs at all: the files read and valid against the Compose
// Specification, and for `down -v`, that the volumes the user confirmed are exactly the ones it removes.
import type { ComposeRunRequest } from '@common/compose/command'
import type { ComposeFiles } from '@common/contract/compose'
import { EngineError } from '../errors'
import { volumesDownRemoves } from '@common/compose/volumes'
import { readComposeFiles } from './project-file'

/** The files as read, once they pass; refuses (changing nothing) when they do not. */
export async function prepareRun(request: ComposeRunRequest): Promise<ComposeFiles> {
  const files = await readComposeFiles(request.files)
  const first = files.issues[0]
  if (first) {
    const more = files.issues.length > 1 ? ` (and ${files.issues.length - 1} more)` : ''
    throw new EngineError('invalid-input', `Nothing was run: ${first.file}:${first.line}:${first.column}: ${first.message}${more}`)
  }
  if (request.command === 'down' && request.removeVolumes) {
    const removes = volumesDownRemoves(files, request.project).sort()
    const confirmed = [...request.removeVolumes].sort()
    if (removes.join('\n') !== confirmed.join('\n')) {
      const named = removes.length ? removes.join(', ') : 'no named volume'
      throw new EngineError('conflict', `Nothing was run: down -v would remove ${named}, not what was confirmed. Confirm again.`)
    }
  }
  return files
}
