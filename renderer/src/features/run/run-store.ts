// Running containers from the dialog: `docker run`, "Run again…" and "Edit…" (recreate). A missing
// image is pulled first by main; its progress arrives as registry progress under this run's operation.
import { defineStore } from 'pinia'
import { cliLine } from '../../shared/cli'
import { reactive } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import type { Transfer } from '../registry/registry-store'
import type { Result } from '@common/contract/shared'
import type { RecreateResult, RunResult, SpecFromContainer } from '@common/contract/run'
import type { RunSpec } from '@common/run/spec'
import type { RunCommand } from '@common/run/cli'
import { recreateLines, runLine } from './run-form'

let counter = 0
const newOperation = () => `run-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const useRunStore = defineStore('run', () => {
  const activity = useActivityStore()
  /** Pulls started by runs, by operation, shown by the dialog that started them. */
  const pulls = reactive(new Map<string, Transfer>())
  let subscribed = false

  function follow(operation: string, reference: string): Transfer {
    if (!subscribed) {
      subscribed = true
      berth.registry.onProgress((progress) => {
        const transfer = pulls.get(progress.operation)
        if (transfer) transfer.progress = progress
      })
    }
    pulls.set(operation, { operation, kind: 'pull', reference, cli: cliLine('docker', 'pull', reference), state: 'running', progress: null })
    return pulls.get(operation)!
  }

  function settle(operation: string, ok: boolean): void {
    const transfer = pulls.get(operation)
    if (transfer) transfer.state = ok ? 'done' : 'failed'
  }

  /** Runs a spec (or only creates it); `pull` shows the image's pull while it happens (only when the engine lacks it). */
  async function run(spec: RunSpec, confirmDangerous: boolean, onPull: (t: Transfer) => void, command: RunCommand = 'run'): Promise<Result<RunResult>> {
    const operation = newOperation()
    onPull(follow(operation, spec.image))
    const create = command === 'create'
    const result = await activity.track(runLine(spec, command), () => berth.containers.run({ spec, confirmDangerous, operation, ...(create ? { create } : {}) }), `container.run:${spec.name}`)
    settle(operation, result.ok)
    return result
  }

  async function recreate(id: string, oldName: string, spec: RunSpec, pull: boolean, confirmDangerous: boolean, onPull: (t: Transfer) => void): Promise<Result<RecreateResult>> {
    const operation = newOperation()
    onPull(follow(operation, spec.image))
    const cli = recreateLines(oldName, spec, pull).join(' && ')
    const result = await activity.track(cli, () => berth.containers.recreate({ id, spec, pull, confirmDangerous, operation }), `container.recreate:${oldName}`)
    settle(operation, result.ok)
    return result
  }

  /** A container this run created but could not start, removed at the user's word. */
  async function removeCreated(id: string, name: string): Promise<boolean> {
    return (await activity.track(cliLine('docker', 'rm', name), () => berth.containers.remove({ id }))).ok
  }

  const specOf = (id: string): Promise<Result<SpecFromContainer>> => berth.containers.runSpec({ id })

  return { pulls, run, recreate, specOf, removeCreated }
})
