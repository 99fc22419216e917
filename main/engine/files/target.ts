// A file target (a volume or a container) as the engine's archive calls need it: the container to ask
// (for a volume, its helper) and the path inside it; and the errors those calls give, in words that
// name the target. Reading (read.ts) and writing (write.ts) both start here.
import { posix } from 'node:path'
import type Dockerode from 'dockerode'
import { EngineError, daemonMessage, toEngineError } from '../errors'
import { quoted } from '@common/echo'
import { helperFor, VOLUME_MOUNT } from '../volumes/helper'
import type { FileTarget } from '@common/contract/volumes'

/** Where a path lives, as the engine's archive calls need it. */
export interface Located {
  container: Dockerode.Container
  /** The path as the engine sees it inside the (helper) container. */
  enginePath: string
}

/** The target as a sentence names it. */
export const describe = (target: FileTarget) => (target.kind === 'volume' ? `volume "${target.name}"` : `container "${target.id}"`)

/**
 * Finds the container to ask (for a volume, its helper: one engine call). An operation that makes
 * several archive calls on one path resolves it once and passes it to each.
 */
export async function locate(docker: Dockerode, target: FileTarget, path: string): Promise<Located> {
  if (target.kind === 'volume') {
    return { container: await helperFor(docker, target.name), enginePath: posix.join(VOLUME_MOUNT, path) }
  }
  return { container: docker.getContainer(target.id), enginePath: posix.normalize(path) }
}

/**
 * A volume's helper container was removed between finding it and reading through it: another
 * Berth's clean-up of an idle helper, or `docker rm`. The volume is not to blame.
 */
export class HelperGone extends EngineError {
  constructor(target: FileTarget) {
    super('not-found', `Berth’s helper container for ${describe(target)} was removed while it was being read (another Berth’s clean-up, or docker rm). Try again.`)
  }
}

/** One more try when the helper went: locating again makes a new one. */
export async function retryWhenHelperGone<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task()
  } catch (err) {
    if (err instanceof HelperGone) return task()
    throw err
  }
}

/** An archive call's failure, in words that name the path and the target. */
export function fileError(err: unknown, target: FileTarget, path: string): EngineError {
  if (err instanceof EngineError) return err
  const status = (err as { statusCode?: number }).statusCode
  const detail = daemonMessage(err)
  if (status === 404 && target.kind === 'volume' && /no such container/i.test(detail)) return new HelperGone(target)
  if (status === 404 && !/no such container/i.test(detail)) {
    return new EngineError('not-found', `Nothing is at ${quoted(path, 160)} in ${describe(target)}. It may have been moved or removed.`)
  }
  if (status === 404) return new EngineError('not-found', `No ${describe(target)} exists (it may have just been removed).`)
  // A HEAD answer (a stat) has no body: without this the user would read "The engine failed: ".
  if (!detail && status !== undefined) {
    return new EngineError(status === 400 ? 'invalid-input' : 'internal', `The engine could not look at ${quoted(path, 160)} in ${describe(target)} and gave no reason (HTTP ${status}).`)
  }
  return toEngineError(err, target.kind === 'volume' ? { kind: 'volume', ref: target.name } : { kind: 'container', ref: target.id })
}
