// Which shell a container has, asked without running anything in it (the archive API's stat, which
// works on any container), so a container with no shell gets a sentence rather than a loop of errors.
import type Dockerode from 'dockerode'
import type { Readable } from 'node:stream'
import { EngineError, daemonMessage } from '../errors'

const SHELLS = ['/bin/bash', '/usr/bin/bash', '/bin/sh', '/usr/bin/sh']

export async function findShell(docker: Dockerode, id: string): Promise<string> {
  const container = docker.getContainer(id)
  for (const path of SHELLS) {
    const found = await container.infoArchive({ path }).then(
      (response) => {
        // A HEAD answer holds its socket until read to its (empty) end: unread, it kept the process alive.
        ;(response as unknown as Readable).resume()
        return true
      },
      () => false,
    )
    if (found) return path
  }
  throw new EngineError('not-found', 'This container has no shell (neither bash nor sh): try a command it has, such as its own program with --help.')
}

const MISSING = /executable file not found|no such file or directory/i

/** The engine's "executable file not found" for `command`, as a sentence; null for any other failure. */
export function notFoundCommand(errOrOutput: unknown, command: string[]): EngineError | null {
  const text = typeof errOrOutput === 'string' ? errOrOutput : daemonMessage(errOrOutput)
  if (!/OCI runtime exec failed|exec failed|starting container process/i.test(text) || !MISSING.test(text)) return null
  return new EngineError('not-found', `This container has no "${command[0]}": try a command it has.`)
}
