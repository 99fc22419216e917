// Running containers (`docker run`, Run again…, Edit… and recreate): calls of the containers domain,
// kept in a file of their own with their inputs. The run spec itself is in common/run/spec.ts.
import { z } from 'zod'
import { runSpecSchema, type RunSpec } from '../run/spec'
import { call } from './spec'
import { containerRef, operationId } from './shared'

/**
 * Run a spec, as the contract takes it: `confirmDangerous` when a bind gives the container the host
 * or the engine; `operation` names the pull's progress events when the image must be pulled first;
 * `create` makes it without starting it, as `docker create` does.
 */
export const runInput = z.strictObject({ spec: runSpecSchema, confirmDangerous: z.boolean().optional(), operation: operationId.optional(), create: z.boolean().optional() })

/** Make container `id` again from `spec` under its name; `pull` pulls the image first ("with a newer image"). */
export const recreateInput = z.strictObject({
  id: containerRef,
  spec: runSpecSchema,
  pull: z.boolean().optional(),
  confirmDangerous: z.boolean().optional(),
  operation: operationId.optional(),
})

export interface SpecFromContainer {
  spec: RunSpec
  /** Settings of this container the dialog has no field for, as CLI flags: a recreate would not keep them. */
  notKept: string[]
}

export interface RunResult {
  id: string
  name: string
  /** False for attached runs (the terminal starts it) and when start failed (see startError). */
  started: boolean
  /** Created but not started: why, so the page can offer Remove or Keep. */
  startError?: { code: string; message: string }
  warnings: string[]
}

export interface RecreateResult extends RunResult {
  /** The old container's id, now removed. */
  replaced: string
}
export const runCalls = {
  /** `docker run`: create (pulling a missing image first), then start unless attached; the engine's settings are the CLI's. */
  run: call<RunResult>()(runInput),
  /** The run spec a container was made with, for "Run again…" and "Edit…". */
  runSpec: call<SpecFromContainer>()(z.strictObject({ id: containerRef })),
  /** Edit: stop, rename aside, create under the same name, start, then remove the old one; a failure restores it. */
  recreate: call<RecreateResult>()(recreateInput),
}
