// Edit: a container made again from a changed spec under the same name. The old one is stopped and
// renamed aside, never removed until the new one runs; any failure puts the old one back under its
// name and in its state. Named volumes and binds are kept (they live outside the container); its
// container layer (what `docker diff` shows) goes with the old container.
import type Dockerode from 'dockerode'
import { EngineError, daemonMessage, toEngineError } from '../errors'
import { checkDangerous, createFromSpec, type RunOptions } from './run'
import type { RecreateResult } from '@common/contract/run'
import type { RunSpec } from '@common/run/spec'

export interface RecreateOptions extends RunOptions {
  /** Pull the image first, even when the engine has it ("Recreate with a newer image"). */
  pullFirst?: boolean
  /** Seconds for the old container's graceful stop. */
  stopTimeout?: number
}

/** A name for the old container while the new one takes its name; short, and unlikely to be taken. */
const asideName = (name: string) => `${name}-berth-old-${Date.now().toString(36)}`

export async function recreateContainer(docker: Dockerode, id: string, spec: RunSpec, options: RecreateOptions = {}): Promise<RecreateResult> {
  checkDangerous(spec, options)
  let info: Dockerode.ContainerInspectInfo
  try {
    info = await docker.getContainer(id).inspect()
  } catch (err) {
    throw toEngineError(err, { kind: 'container', ref: id })
  }
  // By its full id from here on: `id` may be the name, which passes to the new container.
  const old = docker.getContainer(info.Id)
  const name = info.Name.replace(/^\//, '')
  const target = spec.name || name
  const wasRunning = info.State.Running || info.State.Paused
  // Everything that can fail without touching the old container happens first.
  if (options.pullFirst) {
    if (!options.pull) throw new EngineError('internal', 'Cannot pull here.')
    await options.pull(spec.image)
  }
  if (info.HostConfig.AutoRemove && wasRunning) {
    throw new EngineError('conflict', `"${name}" was started with --rm: stopping it would remove it, so it cannot be kept while the new one is made. Stop or remove it yourself first.`)
  }

  const aside = asideName(name)
  let created: Dockerode.Container | null = null
  let renamed = false
  try {
    if (wasRunning) await old.stop()
    await old.rename({ name: aside })
    renamed = true
    created = await createFromSpec(docker, spec, options, target)
    // An attached spec is started too when the old one ran: the old one goes only once the new one runs.
    if (spec.detach || wasRunning) await created.start()
  } catch (err) {
    const why = err instanceof EngineError ? err.message : daemonMessage(err)
    const restored = await restore(old, created, renamed ? name : null, wasRunning)
    throw new EngineError(err instanceof EngineError ? err.code : 'conflict', `Could not recreate "${name}": ${why.replace(/\.$/, '')}. ${restored}`)
  }
  // The new one runs: only now does the old one go (its anonymous volumes stay, as with docker rm).
  await old.remove().catch(() => {})
  return { id: created.id, name: target, started: spec.detach || wasRunning, warnings: [], replaced: info.Id }
}

/** Puts the old container back as it was; says in words whether that worked. */
async function restore(old: Dockerode.Container, created: Dockerode.Container | null, name: string | null, wasRunning: boolean): Promise<string> {
  const problems: string[] = []
  if (created) await created.remove({ force: true }).catch((err: unknown) => problems.push(`the new container could not be removed (${daemonMessage(err)})`))
  if (name) await old.rename({ name }).catch((err: unknown) => problems.push(`the old one could not get its name back (${daemonMessage(err)})`))
  if (wasRunning) await old.start().catch((err: unknown) => problems.push(`the old one could not start again (${daemonMessage(err)})`))
  return problems.length ? `Putting the old container back failed: ${problems.join('; ')}.` : 'The old container is back as it was.'
}
