// A run spec in the engine's terms: the create body the docker 20.10 CLI sends for the same flags
// (cli/command/container/opts.go parse, then run.go for -d), so `docker inspect` reads the same.
import type Dockerode from 'dockerode'
import { envFileLines, splitOnce } from '@common/run/env-file'
import type { RunSpec } from '@common/run/spec'
import { parsePortRow } from '@common/run/ports'
import { emptyRecord } from '@common/exact-record'
import { flagOptions } from './flag-options'
import { NO_FILES, type SpecFiles } from './spec-files'

type Empty = Record<string, never>

/** `files`: what the spec's --env-file and --label-file files hold, read by main (spec-files.ts). */
export function createOptions(spec: RunSpec, files: SpecFiles = NO_FILES): Dockerode.ContainerCreateOptions {
  const flags = flagOptions(spec)
  const exposed = emptyRecord<Empty>()
  for (const port of flags.exposed) exposed[port] = {}
  const bindings = emptyRecord<{ HostIp: string; HostPort: string }[]>()
  for (const row of spec.ports) {
    const parsed = parsePortRow(row)
    if ('error' in parsed) continue // refused by the schema before this point
    for (const b of parsed.bindings) {
      exposed[b.port] = {}
      ;(bindings[b.port] ??= []).push({ HostIp: b.hostIp, HostPort: b.hostPort })
    }
  }
  // Anonymous volumes go to Config.Volumes, the rest to Binds, as the CLI splits `-v`.
  const volumes = emptyRecord<Empty>()
  const binds: string[] = []
  for (const m of spec.mounts) {
    if (m.kind === 'anonymous') volumes[m.target] = {}
    else binds.push(`${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`)
  }
  const tmpfs = emptyRecord<string>()
  for (const t of spec.tmpfs) {
    const [path, options = ''] = splitOnce(t, ':')
    tmpfs[path] = options
  }
  // The env files' lines come first (the named ones, then the pasted content), then the -e rows, as the CLI reads them.
  const env = [...files.env, ...envFileLines(spec.envFile).flatMap((l) => (l.entry === undefined ? [] : [l.entry])), ...spec.env]
  const attached = !spec.detach
  const labels = emptyRecord<string>()
  // Label files first, then --label: a later key wins (the CLI's ConvertKVStringsToMap).
  for (const row of files.labels) {
    const [key = '', value = ''] = splitOnce(row, '=')
    labels[key] = value
  }
  for (const key of Object.keys(spec.labels)) labels[key] = spec.labels[key] as string
  return {
    ...(spec.name ? { name: spec.name } : {}),
    Image: spec.image,
    ...(spec.platform ? { platform: spec.platform } : {}),
    ...flags.config,
    Cmd: spec.cmd.length ? spec.cmd : undefined,
    Entrypoint: spec.entrypoint === null ? undefined : [spec.entrypoint],
    Env: env,
    WorkingDir: spec.workdir,
    User: spec.user,
    Labels: labels,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: attached && spec.interactive,
    AttachStdout: attached,
    AttachStderr: attached,
    // "When allocating stdin in attached mode, close stdin at client disconnect."
    StdinOnce: attached && spec.interactive,
    ExposedPorts: exposed,
    Volumes: volumes,
    HostConfig: {
      // Empty lists are left out (null in inspect), as the CLI sends them.
      Binds: binds.length ? binds : undefined,
      PortBindings: bindings,
      PublishAllPorts: spec.publishAll,
      VolumesFrom: spec.volumesFrom.length ? spec.volumesFrom.map((v) => (v.readOnly ? `${v.container}:ro` : v.container)) : undefined,
      AutoRemove: spec.autoRemove,
      RestartPolicy: { Name: spec.restart.name, MaximumRetryCount: spec.restart.maxRetries },
      NetworkMode: spec.network || 'default',
      Tmpfs: spec.tmpfs.length ? tmpfs : undefined,
      ...flags.host,
    },
    ...(spec.network && flags.endpoint ? { NetworkingConfig: { EndpointsConfig: { [spec.network]: flags.endpoint } } } : {}),
  }
}
