// `docker run`, "Run again…" and "Edit…" in engine terms. A missing image is pulled with per-layer
// progress sent to the page that asked, under the operation id it chose.
import type { Engine } from '../engine'
import type { CredentialStore } from '../engine/registry/credentials'
import { EngineError } from '../engine/errors'
import { pullImage } from '../engine/registry/registry'
import { runContainer } from '../engine/run/run'
import { recreateContainer } from '../engine/run/recreate'
import { runSpecOf } from '../engine/run/spec-from-container'
import { socketOf } from '@common/run/danger'
import type { RunSpec } from '@common/run/spec'
import type { Caller, Handlers } from './router'

type RunCalls = Pick<Handlers['containers'], 'run' | 'runSpec' | 'recreate'>

export function createRunHandlers(engine: Engine, credentials: CredentialStore): RunCalls {
  const docker = () => engine.docker
  const puller = (caller: Caller, operation: string | undefined) => async (reference: string) => {
    const controller = new AbortController()
    caller.onClose(() => controller.abort())
    const result = await pullImage(docker(), credentials, reference, {
      operation: operation ?? `run-pull-${Date.now().toString(36)}`,
      signal: controller.signal,
      onProgress: (p) => caller.send('registry', 'progress', p),
    })
    if (result.cancelled) throw new EngineError('conflict', `The pull of "${reference}" was cancelled, so nothing was run.`)
  }
  const engineSocket = () => socketOf(engine.connection.status.host)
  return {
    run: ({ spec, confirmDangerous, operation, create }, caller) =>
      runContainer(docker(), spec as RunSpec, { confirmDangerous, engineSocket: engineSocket(), pull: puller(caller, operation), create }),
    runSpec: ({ id }) => runSpecOf(docker(), id),
    recreate: ({ id, spec, pull, confirmDangerous, operation }, caller) =>
      recreateContainer(docker(), id, spec as RunSpec, { confirmDangerous, engineSocket: engineSocket(), pull: puller(caller, operation), pullFirst: pull }),
  }
}
