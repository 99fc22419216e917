// An ssh host Berth's (strict) ssh does not know yet: its key, scanned with ssh-keyscan and shown to
// the user by fingerprint; once they accept that fingerprint, the key goes into the known_hosts file
// their own ssh reads (as `ssh -G` reports it), so the docker CLI trusts it too.
import { execFile } from 'node:child_process'
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname } from 'node:path'
import type { UnknownHostKey } from '@common/contract/engines'
import { EngineError } from '../errors'
import { sshAddress, sshTarget, type SshTarget } from './ssh-dialer'

/** Key types in the order ssh-keyscan is asked for them: the first the host has is the one shown. */
const KEY_TYPES = ['ed25519', 'ecdsa', 'rsa']
const SCAN_TIMEOUT_S = 5

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<{ stdout: string; stderr: string; failed: boolean }> {
  return new Promise((done) => {
    const child = execFile(command, args, { env, timeout: (SCAN_TIMEOUT_S + 5) * 1000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      done({ stdout, stderr, failed: err !== null })
    })
    if (input !== undefined) child.stdin?.end(input)
  })
}

function targetOf(host: string): SshTarget {
  let url: URL
  try {
    url = new URL(host)
  } catch {
    throw new EngineError('invalid-input', `"${host}" is not an ssh address such as ssh://me@build-box.`)
  }
  if (url.protocol !== 'ssh:') throw new EngineError('invalid-input', `"${host}" is not an ssh address such as ssh://me@build-box: only ssh hosts have host keys.`)
  return sshTarget(url)
}

interface SshSettings {
  hostname: string
  port: number
  /** The name known_hosts records the key under: HostKeyAlias, else the real host name. */
  keyName: string
  knownHosts: string
  /** Every file ssh checks a host key against: the user's, then the machine's. */
  allKnownHosts: string[]
}

/** What the user's ssh would do for this host, after their config: `ssh -G`. */
async function sshSettings(target: SshTarget, env: NodeJS.ProcessEnv): Promise<SshSettings> {
  const { stdout, stderr, failed } = await run('ssh', ['-G', ...(target.user ? ['-l', target.user] : []), ...(target.port ? ['-p', String(target.port)] : []), '--', target.host], env)
  if (failed) throw new EngineError('invalid-input', `Your ssh cannot read its settings for ${sshAddress(target)}: ${stderr.trim()}`)
  const settings = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ')
    if (space > 0) settings.set(line.slice(0, space).toLowerCase(), line.slice(space + 1).trim())
  }
  const hostname = settings.get('hostname') ?? target.host
  const port = Number(settings.get('port') ?? 22)
  const base = settings.get('hostkeyalias') ?? hostname
  const firstFile = (settings.get('userknownhostsfile') ?? '~/.ssh/known_hosts').split(/\s+/)[0] ?? '~/.ssh/known_hosts'
  return {
    hostname,
    port,
    keyName: port === 22 ? base : `[${base}]:${port}`,
    knownHosts: expandHome(firstFile),
    allKnownHosts: [settings.get('userknownhostsfile'), settings.get('globalknownhostsfile')].flatMap((files) => (files ? files.split(/\s+/) : [])).map(expandHome),
  }
}

const expandHome = (file: string): string => file.replace(/^~(?=\/)/, homedir())

interface ScannedKey extends UnknownHostKey {
  /** The known_hosts line: `[host]:port type base64`. */
  line: string
}

async function scan(target: SshTarget, env: NodeJS.ProcessEnv): Promise<{ key: ScannedKey; settings: SshSettings }> {
  const settings = await sshSettings(target, env)
  const { stdout, stderr } = await run('ssh-keyscan', ['-T', String(SCAN_TIMEOUT_S), '-p', String(settings.port), '-t', KEY_TYPES.join(','), settings.hostname], env)
  const lines = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(/\s+/))
    .filter((fields) => fields.length >= 3)
  const rank = (type: string) => KEY_TYPES.findIndex((t) => type.includes(t))
  const best = lines.sort((a, b) => rank(a[1] ?? '') - rank(b[1] ?? ''))[0]
  if (!best) {
    const why = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('#')).pop()?.trim()
    throw new EngineError('engine-unreachable', `No ssh server answered at ${settings.hostname} port ${settings.port}${why ? ` (${why})` : ''}: check the address and that its ssh server runs.`)
  }
  const [, keyType = '', blob = ''] = best
  const line = `${settings.keyName} ${keyType} ${blob}`
  const printed = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', '-'], env, `${line}\n`)
  const fingerprint = /SHA256:[A-Za-z0-9+/=]+/.exec(printed.stdout)?.[0]
  if (!fingerprint) throw new EngineError('internal', `ssh-keygen could not read the host key of ${settings.hostname}: ${printed.stderr.trim()}`)
  return { key: { host: settings.keyName, fingerprint, keyType, line }, settings }
}

/** The host key of an ssh:// engine, for the user to check before trusting it. */
export async function scanHostKey(host: string, env: NodeJS.ProcessEnv = process.env): Promise<UnknownHostKey> {
  const { key } = await scan(targetOf(host), env)
  return { host: key.host, fingerprint: key.fingerprint, keyType: key.keyType }
}

/**
 * Scans the host again and adds its key to the user's known_hosts, only if it is still the key the
 * user was shown (the same fingerprint); a key already there is not added twice.
 */
export async function acceptHostKey(host: string, fingerprint: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { key, settings } = await scan(targetOf(host), env)
  if (key.fingerprint !== fingerprint) {
    throw new EngineError('conflict', `The host key of ${key.host} is now ${key.fingerprint}, not the ${fingerprint} you were shown: nothing was added. Check the host before trusting it.`)
  }
  const file = settings.knownHosts
  const existing = await readFile(file, 'utf8').catch(() => '')
  if (existing.split('\n').some((line) => line.trim() === key.line)) return
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const separator = existing && !existing.endsWith('\n') ? '\n' : ''
  await appendFile(file, `${separator}${key.line}\n`, { mode: 0o600 })
  if (!existing) await chmod(file, 0o600).catch(() => {})
}

/**
 * Whether a request to an ssh:// engine failed because the host's key is not in the user's
 * known_hosts (the add-engine form then offers scanHostKey's fingerprint instead of an error).
 */
export function isUnknownHostKey(err: unknown): boolean {
  const e = (err ?? {}) as { code?: unknown; failure?: unknown }
  return e.code === 'ESSH' && e.failure === 'host-key-unknown'
}

/**
 * The host's key when none of the known_hosts files the user's ssh reads has it (to show, and accept
 * by its fingerprint); null when ssh knows the host already.
 */
export async function unknownHostKey(host: string, env: NodeJS.ProcessEnv = process.env): Promise<UnknownHostKey | null> {
  const settings = await sshSettings(targetOf(host), env)
  for (const file of settings.allKnownHosts) {
    const found = await run('ssh-keygen', ['-F', settings.keyName, '-f', file], env)
    if (!found.failed && found.stdout.trim()) return null
  }
  return scanHostKey(host, env)
}
