// The docker CLI's config.json ($DOCKER_CONFIG/config.json, default ~/.docker): the part about
// registries. Berth reads it as the CLI does and, when it writes, keeps every field it does not own.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EngineError } from '../errors'

export interface AuthEntry {
  /** base64("user:password"), as `docker login` writes it when no helper is configured. */
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  [field: string]: unknown
}

export interface DockerConfig {
  auths?: Record<string, AuthEntry>
  credsStore?: string
  credHelpers?: Record<string, string>
  [field: string]: unknown
}

export function configFile(dir: string): string {
  return join(dir, 'config.json')
}

export function readDockerConfig(dir: string): DockerConfig {
  let text: string
  try {
    text = readFileSync(configFile(dir), 'utf8')
  } catch {
    return {}
  }
  if (text.trim() === '') return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as DockerConfig) : {}
  } catch {
    throw new EngineError('internal', `${configFile(dir)} is not valid JSON, so Berth cannot read the registry logins in it. Fix or remove the file.`)
  }
}

/** Read-modify-write, replaced atomically and readable by the owner only, like the CLI's own writes. */
export function updateDockerConfig(dir: string, change: (config: DockerConfig) => void): void {
  const config = readDockerConfig(dir)
  change(config)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.config.json.${randomBytes(4).toString('hex')}`)
  writeFileSync(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 })
  renameSync(temp, configFile(dir))
}

/** `https://index.docker.io/v1/`, `http://host:5000` and `host:5000/` all name one host, as the CLI matches them. */
export function keyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase()
}

/** The config.json key that belongs to `key`'s host, when there is one. */
export function findAuthKey(auths: Record<string, AuthEntry> | undefined, key: string): string | undefined {
  if (!auths) return undefined
  if (Object.hasOwn(auths, key)) return key
  const host = keyHost(key)
  return Object.keys(auths).find((k) => keyHost(k) === host)
}

/** Username and secret from a CLI-written entry, or null when it holds none (a helper keeps them). */
export function decodeAuthEntry(entry: AuthEntry): { username: string; secret: string; identityToken: boolean } | null {
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) {
    return { username: entry.username ?? '', secret: entry.identitytoken, identityToken: true }
  }
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0) return null
    return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1), identityToken: false }
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.password) {
    return { username: entry.username, secret: entry.password, identityToken: false }
  }
  return null
}
