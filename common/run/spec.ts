// What `docker run` is told, as plain data both sides share: the dialog fills it, main validates it
// (zod) and turns it into the engine's create options, and `cli.ts` writes and reads it as a
// `docker run …` line. Rows keep the CLI's own syntax where users know it (`-p 8080:80/udp`, `-e K=v`),
// and every value is kept exactly as given: no trimming, no key dropped.
import { z } from 'zod'
import { exactRecord } from '../exact-record'
import { quoted } from '../echo'
import { parsePortRow } from './ports'
import { parseMountFlag } from './mount-flag'
import { envFileLines, splitOnce } from './env-file'
import { emptyRunFlags, flagProblems, flagsShape, type RunFlags } from './flags'

/** The engine's rule for container names (daemon/names: `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`). */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

/** A volume name as the engine takes it. */
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** Env keys: anything but "=" and whitespace (the CLI's rule), so `__proto__` and `constructor` are fine keys. */
export const ENV_KEY = /^[^=\s]+$/

export type MountKind = 'volume' | 'anonymous' | 'bind'

/** One `-v` row: `name:/path`, `/path` (anonymous) or `/host/path:/path`, each optionally `:ro`. */
export interface MountRow {
  kind: MountKind
  /** Volume name (volume) or absolute host path (bind); empty for an anonymous volume. */
  source: string
  /** Absolute path inside the container. */
  target: string
  readOnly: boolean
}

/** `--volumes-from name[:ro]` */
export interface VolumesFromRow {
  container: string
  readOnly: boolean
}

export const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'] as const
export type RestartName = (typeof RESTART_POLICIES)[number]

/** The everyday flags here; the rest (limits, security, health, DNS…) are in RunFlags (flags.ts). */
export interface RunSpec extends RunFlags {
  image: string
  /** Empty: the engine picks a name. */
  name: string
  /** Empty: the image's CMD. */
  cmd: string[]
  /** null: the image's ENTRYPOINT; "" resets it (`--entrypoint ""`). One word, as the CLI takes it. */
  entrypoint: string | null
  workdir: string
  user: string
  /** `[ip:][hostPort:]containerPort[/proto]`, ranges allowed. */
  ports: string[]
  publishAll: boolean
  /** `KEY=value`, or `KEY` alone (passed without a value). */
  env: string[]
  /** The content of an --env-file, pasted or picked. */
  envFile: string
  mounts: MountRow[]
  volumesFrom: VolumesFromRow[]
  /** `/path[:options]` */
  tmpfs: string[]
  detach: boolean
  interactive: boolean
  tty: boolean
  autoRemove: boolean
  restart: { name: RestartName; maxRetries: number }
  /** Empty: the engine's default (bridge); else none, host, bridge or a user network's name. */
  network: string
  labels: Record<string, string>
}

export const emptyRunSpec = (image = ''): RunSpec => ({
  image,
  name: '',
  cmd: [],
  entrypoint: null,
  workdir: '',
  user: '',
  ports: [],
  publishAll: false,
  env: [],
  envFile: '',
  mounts: [],
  volumesFrom: [],
  tmpfs: [],
  detach: true,
  interactive: false,
  tty: false,
  autoRemove: false,
  restart: { name: 'no', maxRetries: 0 },
  network: '',
  labels: Object.create(null) as Record<string, string>,
  ...emptyRunFlags(),
})

const isAbsolute = (p: string) => p.startsWith('/')
const text = (max: number) => z.string().max(max)

const mountRow = z.strictObject({
  kind: z.enum(['volume', 'anonymous', 'bind']),
  source: text(4096),
  target: text(4096),
  readOnly: z.boolean(),
})

/** Mount problems, worded for the row; null when the row is fine. */
export function mountProblem(m: MountRow): string | null {
  if (!isAbsolute(m.target)) return `container path ${quoted(m.target || '(empty)')} must be absolute (start with /)`
  if (m.target === '/') return 'cannot mount over the container\'s root "/"'
  if (m.target.includes(':')) return `container path ${quoted(m.target)} must not contain ":"`
  if (m.kind === 'volume' && !VOLUME_NAME.test(m.source))
    return `volume name ${quoted(m.source || '(empty)')} is not a volume name (letters, digits, _ . -; a path must start with /)`
  if (m.kind === 'bind' && !isAbsolute(m.source))
    return `host path ${quoted(m.source || '(empty)')} must be absolute (start with /): Berth has no current folder to resolve it from`
  if (m.kind === 'bind' && m.source.includes(':')) return `host path ${quoted(m.source)} must not contain ":"`
  if (m.kind === 'anonymous' && m.readOnly)
    return 'an anonymous volume is new and used by this container only: read-only would leave it empty for good; use a named volume or a bind'
  return null
}

/** Names of env keys in rows and env-file text, as the CLI reads them. */
export function envKey(row: string): string {
  const at = row.indexOf('=')
  return at < 0 ? row : row.slice(0, at)
}

export const runSpecSchema = z
  .strictObject({
    image: z.string().min(1, 'is required: name the image to run').max(512).regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'is not an image id or reference'),
    name: z.string().max(128).refine((n) => n === '' || CONTAINER_NAME.test(n), 'is not a container name: letters, digits, then letters, digits, _ . - (at least 2 characters)'),
    cmd: z.array(text(65536)).max(1000),
    entrypoint: text(4096).nullable(),
    workdir: text(4096).refine((w) => w === '' || isAbsolute(w), 'must be an absolute path (start with /)'),
    user: text(256).refine((u) => !/\s/.test(u), 'must not contain spaces'),
    ports: z.array(text(200)).max(200),
    publishAll: z.boolean(),
    env: z.array(text(65536)).max(1000),
    envFile: text(1_000_000),
    mounts: z.array(mountRow).max(200),
    volumesFrom: z.array(z.strictObject({ container: text(128), readOnly: z.boolean() })).max(50),
    tmpfs: z.array(text(4096)).max(50),
    detach: z.boolean(),
    interactive: z.boolean(),
    tty: z.boolean(),
    autoRemove: z.boolean(),
    restart: z.strictObject({ name: z.enum(RESTART_POLICIES), maxRetries: z.number().int().min(0).max(1_000_000) }),
    network: text(128).refine((n) => n === '' || /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(n), 'is not a network name'),
    labels: exactRecord(z.string().min(1, 'must not be empty').max(1024).regex(/^[^=]+$/, 'must not contain "="'), z.string().max(65536), 500, 'labels'),
    ...flagsShape,
  })
  .superRefine((spec, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    // Ports: each row parses, and no host port is published twice (the engine would fail at start).
    const taken = new Map<string, number>()
    spec.ports.forEach((row, i) => {
      const parsed = parsePortRow(row)
      if ('error' in parsed) return issue(['ports', i], parsed.error)
      for (const b of parsed.bindings) {
        if (!b.hostPort) continue
        const key = `${b.hostIp || '0.0.0.0'}:${b.hostPort}/${b.proto}`
        const first = taken.get(key)
        if (first !== undefined && first !== i) issue(['ports', i], `publishes host port ${b.hostPort}/${b.proto} again (row ${first + 1} already does)`)
        else taken.set(key, i)
      }
    })
    spec.env.forEach((row, i) => {
      if (!ENV_KEY.test(envKey(row))) issue(['env', i], `${quoted(row)} needs a key without spaces before "=" (KEY=value, or KEY alone)`)
    })
    envFileLines(spec.envFile).forEach(({ line, problem }) => {
      if (problem) issue(['envFile'], `line ${line}: ${problem}`)
    })
    const targets = new Map<string, number>()
    spec.mounts.forEach((m, i) => {
      const problem = mountProblem(m)
      if (problem) return issue(['mounts', i], problem)
      const first = targets.get(m.target)
      if (first !== undefined) issue(['mounts', i], `mounts ${quoted(m.target)} again (row ${first + 1} already does)`)
      targets.set(m.target, i)
    })
    spec.volumesFrom.forEach((v, i) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v.container)) issue(['volumesFrom', i], `${quoted(v.container || '(empty)')} is not a container name or id`)
    })
    spec.tmpfs.forEach((t, i) => {
      const [path = '', options = ''] = splitOnce(t, ':')
      if (!isAbsolute(path)) issue(['tmpfs', i], `${quoted(t || '(empty)')} must start with an absolute container path`)
      else if (targets.has(path)) issue(['tmpfs', i], `${quoted(path)} is already a mount`)
      else if (options.split(',').includes('ro')) issue(['tmpfs', i], 'a read-only tmpfs is always empty: leave "ro" out')
    })
    for (const p of flagProblems(spec)) issue(p.path, p.message)
    spec.mount.forEach((row, i) => {
      const parsed = parseMountFlag(row)
      if ('error' in parsed) return
      const target = parsed.mount.Target
      if (targets.has(target)) issue(['mount', i], `mounts ${quoted(target)} again (another mount already does)`)
      targets.set(target, i)
    })
    const userNetwork = spec.network !== '' && !['bridge', 'host', 'none', 'default'].includes(spec.network) && !spec.network.startsWith('container:')
    if (spec.networkAlias.length && !userNetwork) issue(['networkAlias'], 'needs a network of your own (--network NAME): the default bridge has no aliases')
    if (spec.ip && !userNetwork) issue(['ip'], 'needs a network of your own with a subnet (--network NAME): the default bridge picks addresses itself')
    if (spec.autoRemove && spec.restart.name !== 'no') issue(['restart'], `cannot be "${spec.restart.name}" with --rm: a container removed when it stops cannot be restarted`)
    if (spec.restart.maxRetries > 0 && spec.restart.name !== 'on-failure') issue(['restart'], 'a retry count only goes with on-failure')
    if (spec.publishAll && ['none', 'host'].includes(spec.network)) issue(['publishAll'], `publishes nothing with --network ${spec.network}`)
    if (spec.ports.length && ['none', 'host'].includes(spec.network)) issue(['ports'], `cannot be published with --network ${spec.network}: ${spec.network === 'host' ? 'the container uses the host\'s ports directly' : 'the container has no network'}`)
  })
export type RunSpecInput = z.input<typeof runSpecSchema>
