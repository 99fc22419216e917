// One container as a compose service: what `docker run` was told, read back as Run again reads it
// (spec-from-container.ts: only what differs from the image and from what the engine adds), in
// Compose's words; then its mounts with every option, and the settings of host-options.ts and networks.ts.
import { secretReason } from '@common/compose/save/secrets'
import { portRanges } from '@common/compose/save/port-ranges'
import { specFromInspect, mountFromBind } from '../../run/spec-from-container'
import { hostOptions } from './host-options'
import { networkOptions } from './networks'
import { containerRefOf, type EnvEntry, type SaveContext, type SavedContainer, type ServiceModel } from './model'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Bind options Podman writes into every bind by itself (its defaults), left out like Docker's unwritten ones. */
const PODMAN_BIND_OPTIONS = new Set(['rw', 'rprivate', 'rbind', 'nosuid', 'nodev'])

export function serviceFromContainer(saved: SavedContainer, service: string, ctx: SaveContext): { body: ServiceModel; flagged: { key: string; value: string; reason: string }[] } {
  const { info, image } = saved
  const { spec } = specFromInspect(info, image, ctx.engine.adds(info), saved.inherited)
  const c = info.Config as typeof info.Config & Record<string, unknown>
  const ic = (image?.Config ?? {}) as Record<string, unknown>
  const body: ServiceModel = {}
  const note = (text: string) => ctx.notes.push(`${service}: ${text}`)
  body.image = spec.image

  // A given entrypoint drops the image's CMD (the daemon's merge), so the command goes with it as it is.
  const toList = (v: unknown) => (typeof v === 'string' ? [v] : (v as string[] | null | undefined))
  const entrypoint = toList(c.Entrypoint)
  const ownEntrypoint = !same(entrypoint ?? null, ic.Entrypoint ?? null)
  if (ownEntrypoint && !entrypoint?.length) note('its entrypoint is emptied (--entrypoint ""), which Compose cannot say: the image\'s is used')
  else if (ownEntrypoint) body.entrypoint = entrypoint
  if (ownEntrypoint ? Boolean(c.Cmd?.length) : !same(c.Cmd, ic.Cmd)) body.command = c.Cmd ?? []

  const flagged: { key: string; value: string; reason: string }[] = []
  if (spec.env.length) {
    body.environment = spec.env.map((row): EnvEntry => {
      const at = row.indexOf('=')
      const key = at < 0 ? row : row.slice(0, at)
      const value = at < 0 ? '' : row.slice(at + 1)
      const reason = secretReason(key, value)
      if (reason) flagged.push({ key, value, reason })
      return reason ? { key, value, secret: `${service}.${key}` } : { key, value }
    })
  }

  if (spec.ports.length) body.ports = portRanges(spec.ports)
  if (spec.publishAll) note('publishes every exposed port on a random host port (-P), which Compose cannot say: list them under ports')
  const exposedByImage = (ic.ExposedPorts ?? {}) as Record<string, unknown>
  const published = (info.HostConfig.PortBindings ?? {}) as Record<string, unknown>
  const expose = Object.keys((c.ExposedPorts ?? {}) as object).filter((p) => !(p in exposedByImage) && !(p in published))
  if (expose.length) body.expose = expose.map((p) => p.replace(/\/tcp$/, ''))

  const volumes = mountsOf(saved, ctx, note)
  if (volumes.length) body.volumes = volumes
  if (spec.volumesFrom.length) {
    body.volumes_from = spec.volumesFrom.map((v) => {
      const ref = containerRefOf(ctx, v.container)
      // Compose 1.29 reads `a:b` as service a with mode b, so a container is always `container:name[:mode]`.
      return 'service' in ref ? `${ref.service}${v.readOnly ? ':ro' : ''}` : `container:${ref.container}${v.readOnly ? ':ro' : ''}`
    })
  }
  if (spec.tmpfs.length) body.tmpfs = spec.tmpfs
  if (spec.restart.name !== 'no') body.restart = spec.restart.name === 'on-failure' && spec.restart.maxRetries ? `on-failure:${spec.restart.maxRetries}` : spec.restart.name
  if (spec.autoRemove) note('is removed when it stops (--rm); Compose keeps its containers')

  Object.assign(body, networkOptions(saved, service, ctx))

  const labels = Object.keys(spec.labels).filter((k) => !k.startsWith('com.docker.compose.'))
  if (labels.length !== Object.keys(spec.labels).length) note('its com.docker.compose.* labels are left out: Compose sets them for the new project')
  if (labels.length) body.labels = Object.fromEntries(labels.map((k) => [k, spec.labels[k]]))
  if (spec.workdir) body.working_dir = spec.workdir
  if (spec.user) body.user = spec.user
  if (c.Tty) body.tty = true
  if (c.OpenStdin) body.stdin_open = true
  Object.assign(body, hostOptions(saved, ctx, note))
  return { body, flagged }
}

/**
 * Every mount the container was given: `-v` rows as Compose's short syntax with their options as
 * given (ro, propagation, nocopy, SELinux z/Z), `--mount` rows in the long syntax, named volumes
 * recorded for the top level. The image's own VOLUMEs and what --volumes-from gives are not written.
 */
function mountsOf(saved: SavedContainer, ctx: SaveContext, note: (text: string) => void): unknown[] {
  const { info, image } = saved
  const out: unknown[] = []
  const seen = new Set<string>()
  const podman = ctx.engine.kind === 'podman'
  for (const bind of info.HostConfig.Binds ?? []) {
    const row = mountFromBind(bind)
    if (!row || saved.inherited.has(row.target)) continue
    seen.add(row.target)
    const options = (bind.split(':')[2] ?? '').split(',').filter((o) => o && !(podman && PODMAN_BIND_OPTIONS.has(o)))
    // Podman lists anonymous volumes among the binds, named by a 64-hex id.
    if (podman && row.kind === 'volume' && /^[0-9a-f]{64}$/.test(row.source)) {
      out.push(row.target)
      continue
    }
    if (row.kind === 'volume') ctx.volumes.set(row.source, row.source)
    out.push([row.source, row.target, options.join(',')].filter(Boolean).join(':'))
  }
  const imageVolumes = ((image?.Config as { Volumes?: Record<string, unknown> } | undefined)?.Volumes ?? {}) as Record<string, unknown>
  for (const target of Object.keys(info.Config.Volumes ?? {})) {
    if (seen.has(target) || target in imageVolumes || saved.inherited.has(target)) continue
    seen.add(target)
    out.push(target)
  }
  for (const m of ((info.HostConfig as { Mounts?: MountSpec[] }).Mounts ?? [])) {
    if (seen.has(m.Target)) continue
    const long: Record<string, unknown> = { type: m.Type }
    if (m.Source) long.source = m.Source
    long.target = m.Target
    if (m.ReadOnly) long.read_only = true
    if (m.Type === 'volume' && m.Source) ctx.volumes.set(m.Source, m.Source)
    if (m.BindOptions?.Propagation) long.bind = { propagation: m.BindOptions.Propagation }
    if (m.VolumeOptions?.NoCopy) long.volume = { nocopy: true }
    if (m.TmpfsOptions?.SizeBytes) long.tmpfs = { size: m.TmpfsOptions.SizeBytes }
    if (m.TmpfsOptions?.Mode) note(`the tmpfs at ${m.Target} has mode ${m.TmpfsOptions.Mode.toString(8)}, which Compose 1.29's long syntax cannot say`)
    out.push(long)
  }
  return out
}

interface MountSpec {
  Type: string
  Source?: string
  Target: string
  ReadOnly?: boolean
  BindOptions?: { Propagation?: string }
  VolumeOptions?: { NoCopy?: boolean }
  TmpfsOptions?: { SizeBytes?: number; Mode?: number }
}
