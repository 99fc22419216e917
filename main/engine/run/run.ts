// `docker run`: create (pulling the image first when the engine lacks it), then start unless the run
// is attached (the terminal attaches first, then starts, so no output is lost). A refused spec leaves
// nothing behind; a container that was created but would not start is left for the user to decide.
import type Dockerode from 'dockerode'
import { EngineError, toBerthError, toEngineError, daemonMessage } from '../errors'
import { createOptions } from './create-options'
import { readSpecFiles } from './spec-files'
import { dangerousBinds } from '@common/run/danger'
import type { RunResult } from '@common/contract/run'
import type { RunSpec } from '@common/run/spec'

export interface RunOptions {
  /** The user confirmed binds of /, /etc or the engine's socket. */
  confirmDangerous?: boolean
  /** The engine's own socket path, when it is local. */
  engineSocket?: string
  /** Pulls an image the engine lacks (with progress for the page); without it a missing image is an error. */
  pull?(reference: string): Promise<void>
  /** `docker create`: made, never started. */
  create?: boolean
}

/** Refuses a bind that needs the user's word and did not get it. */
export function checkDangerous(spec: RunSpec, options: RunOptions): void {
  const reasons = dangerousBinds(spec, options.engineSocket)
  if (reasons.length && !options.confirmDangerous) {
    throw new EngineError('invalid-input', `Confirm first: ${reasons.join('; ')}.`)
  }
}

const isMissingImage = (err: unknown) => (err as { statusCode?: number }).statusCode === 404 && /image/i.test(daemonMessage(err))

/** Creates the container; like the CLI, a missing image is pulled and the create tried once more. */
export async function createFromSpec(docker: Dockerode, spec: RunSpec, options: RunOptions, name = spec.name): Promise<Dockerode.Container> {
  const body = { ...createOptions(spec, await readSpecFiles(spec)), ...(name ? { name } : {}) }
  // --pull always pulls first; never makes a missing image an error; missing (the default) pulls only when it lacks it.
  if (spec.pull === 'always') {
    if (!options.pull) throw new EngineError('invalid-input', `--pull always needs a pull, and this run cannot pull "${spec.image}".`)
    await options.pull(spec.image)
  }
  try {
    return await docker.createContainer(body)
  } catch (err) {
    if (!isMissingImage(err)) throw createError(err, spec)
    if (spec.pull === 'never') throw new EngineError('not-found', `There is no image "${spec.image}" on this engine, and --pull never says not to pull it.`)
    if (!options.pull) throw new EngineError('not-found', `There is no image "${spec.image}" on this engine. Pull it first.`)
  }
  await options.pull(spec.image)
  try {
    return await docker.createContainer(body)
  } catch (err) {
    throw createError(err, spec)
  }
}

function createError(err: unknown, spec: RunSpec): EngineError {
  const e = err as { statusCode?: number }
  const detail = daemonMessage(err)
  // Podman 4.3 answers a taken name with 500 "the container name … is already in use".
  const nameTaken = e.statusCode === 409 || /container name .* is already in use/i.test(detail)
  if (nameTaken && spec.name) return new EngineError('conflict', `A container named "${spec.name}" already exists. Pick another name, or remove that one first.`)
  // Podman 4.3 answers a missing --volumes-from container with 500 "no such container" (Docker: 404).
  const missing = e.statusCode === 404 || (e.statusCode === 500 && /no such container/i.test(detail))
  if (missing && /volumes-from|container/i.test(detail)) return new EngineError('not-found', `Cannot create the container: ${detail}. Check the --volumes-from rows.`)
  if (missing && /network/i.test(detail)) return new EngineError('not-found', `Cannot create the container: ${detail}. Pick an existing network.`)
  return toEngineError(err, { kind: 'container', ...(spec.name ? { ref: spec.name } : {}) })
}

export async function nameOf(container: Dockerode.Container, given: string): Promise<string> {
  if (given) return given.replace(/^\//, '')
  const info = await container.inspect()
  return info.Name.replace(/^\//, '')
}

/** Starts a container made by this run; a failure is returned, not thrown, so the page can offer Remove or Keep. */
export async function startCreated(container: Dockerode.Container, name: string): Promise<Pick<RunResult, 'started' | 'startError'>> {
  try {
    await container.start()
    return { started: true }
  } catch (err) {
    const detail = daemonMessage(err)
    const gone = await container.inspect().then(() => false, () => true)
    const error = toBerthError(new EngineError('conflict', gone
      ? `Created "${name}" but it would not start, and --rm removed it: ${detail}`
      : `Created "${name}" but it would not start: ${detail}. Remove it, or keep it and fix what stopped it.`))
    return { started: false, startError: error }
  }
}

export async function runContainer(docker: Dockerode, spec: RunSpec, options: RunOptions = {}): Promise<RunResult> {
  checkDangerous(spec, options)
  const container = await createFromSpec(docker, spec, options)
  const name = await nameOf(container, spec.name)
  // Attached, the terminal starts it once it listens; created, nothing does.
  if (!spec.detach || options.create) return { id: container.id, name, started: false, warnings: [] }
  return { id: container.id, name, ...(await startCreated(container, name)), warnings: [] }
}
