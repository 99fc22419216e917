// Registry credentials, kept where the docker CLI keeps them so a `docker login` in a terminal is a
// login in Berth and the other way round:
//   1. config.json `credHelpers[host]`, else `credsStore`: a docker-credential-<name> helper;
//   2. with no helper: Berth's own file sealed by the injected SecretBox (safeStorage in Electron),
//      or, with no SecretBox either (browser mode, tests), memory only, for this session;
//   3. a base64 `auths[...].auth` entry the CLI wrote without a helper: read (and removed at
//      logout, as `docker logout` does), never written by Berth.
// Secrets stay in main: nothing here returns one to the bridge, and no message ever contains one.
import { homedir } from 'node:os'
import { helperErase, helperGet, helperList, helperStore } from './credential-helper'
import { configDir } from '../endpoint'
import { decodeAuthEntry, findAuthKey, keyHost, readDockerConfig, updateDockerConfig, type DockerConfig } from './docker-config'
import { authKey, DOCKER_HUB, normalizeRegistry } from '../images/reference'
import type { LoginStorage, RegistryLogin } from '@common/contract/registry'
import { Vault, type SecretBox } from './secret-box'

export interface Credential {
  username: string
  /** Password, access token or identity token. */
  secret: string
  identityToken: boolean
}

export interface CredentialStoreOptions {
  /** Where config.json is; default $DOCKER_CONFIG, else ~/.docker (as the CLI). */
  configDir?: string
  /** Environment for the helpers (PATH finds them). */
  env?: NodeJS.ProcessEnv
  secretBox?: SecretBox | null
}

/** The value of X-Registry-Auth for the engine, as the CLI builds it. */
export interface EngineAuth {
  username?: string
  password?: string
  identitytoken?: string
  serveraddress: string
}

export class CredentialStore {
  readonly configDir: string
  private readonly env: NodeJS.ProcessEnv
  private readonly vault: Vault | null
  private readonly session = new Map<string, Credential>()

  constructor(options: CredentialStoreOptions = {}) {
    this.env = options.env ?? process.env
    this.configDir = options.configDir ?? configDir({ env: this.env, home: homedir(), platform: process.platform })
    this.vault = options.secretBox ? new Vault(options.secretBox) : null
  }

  /** The helper the CLI would use for this registry, if any. */
  private helperFor(config: DockerConfig, registry: string): string | undefined {
    const host = keyHost(authKey(registry))
    const specific = Object.entries(config.credHelpers ?? {}).find(([k]) => keyHost(k) === host)?.[1]
    return specific || config.credsStore || undefined
  }

  /** Where a new login for this registry would be kept. */
  storageFor(registry: string): { storage: LoginStorage; helper?: string } {
    const helper = this.helperFor(readDockerConfig(this.configDir), registry)
    if (helper) return { storage: 'helper', helper }
    return { storage: this.vault ? 'encrypted' : 'session' }
  }

  async get(registry: string): Promise<Credential | null> {
    const key = authKey(registry)
    const config = readDockerConfig(this.configDir)
    const helper = this.helperFor(config, registry)
    if (helper) {
      const found = await helperGet(helper, key, this.env)
      if (found) return toCredential(found.Username, found.Secret)
    }
    // Berth's own copies exist only after a login in Berth, so they are newer than a CLI entry.
    const own = this.session.get(key) ?? this.vault?.get(key)
    if (own) return own
    const entryKey = findAuthKey(config.auths, key)
    const entry = entryKey ? config.auths?.[entryKey] : undefined
    return entry ? decodeAuthEntry(entry) : null
  }

  /** Keeps a verified credential; returns where it went. */
  async store(registry: string, credential: Credential): Promise<{ storage: LoginStorage; helper?: string }> {
    const key = authKey(registry)
    const where = this.storageFor(registry)
    if (where.storage === 'helper' && where.helper) {
      const username = credential.identityToken ? '<token>' : credential.username
      await helperStore(where.helper, { ServerURL: key, Username: username, Secret: credential.secret }, this.env)
      // Like the CLI: config.json lists the registry, with no secret in it.
      updateDockerConfig(this.configDir, (config) => {
        const auths = (config.auths ??= {})
        const old = findAuthKey(auths, key)
        if (old) delete auths[old]
        auths[key] = {}
      })
    } else {
      // A CLI-written base64 entry stays for the CLI; Berth's own copy is read first (see get).
      this.vault?.store(key, credential)
    }
    this.session.delete(key)
    if (where.storage === 'session') this.session.set(key, credential)
    return where
  }

  /** Forgets this registry's credential everywhere Berth or the CLI may have put it. True when one existed. */
  async erase(registry: string): Promise<boolean> {
    const key = authKey(registry)
    const config = readDockerConfig(this.configDir)
    const helper = this.helperFor(config, registry)
    let existed = false
    if (helper) {
      existed = (await helperGet(helper, key, this.env)) !== null
      await helperErase(helper, key, this.env)
    }
    existed = this.removeFileEntry(key) || existed
    existed = (this.vault?.erase(key) ?? false) || existed
    existed = this.session.delete(key) || existed
    return existed
  }

  /** Every registry with a login, and its username. Never a secret. */
  async list(): Promise<RegistryLogin[]> {
    const config = readDockerConfig(this.configDir)
    const logins = new Map<string, RegistryLogin>()
    const add = (key: string, username: string, storage: LoginStorage, helper?: string) => {
      let registry: string
      try {
        registry = normalizeRegistry(key)
      } catch {
        return
      }
      if (!logins.has(registry)) logins.set(registry, { registry, username, storage, ...(helper ? { helper } : {}) })
    }
    if (config.credsStore) {
      const listed = await helperList(config.credsStore, this.env).catch(() => ({}) as Record<string, string>)
      for (const [url, username] of Object.entries(listed)) add(url, username, 'helper', config.credsStore)
    }
    for (const [key, c] of this.session) add(key, c.username, 'session')
    for (const [key, username] of Object.entries(this.vault?.usernames() ?? {})) add(key, username, 'encrypted')
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
      const decoded = decodeAuthEntry(entry)
      if (decoded) add(key, decoded.username, 'config')
      else {
        const registry = safeRegistry(key)
        const helper = registry ? this.helperFor(config, registry) : undefined
        if (!helper || !registry) continue
        const found = await helperGet(helper, authKey(registry), this.env).catch(() => null)
        if (found) add(key, found.Username, 'helper', helper)
      }
    }
    return [...logins.values()].sort((a, b) => (a.registry === DOCKER_HUB ? -1 : b.registry === DOCKER_HUB ? 1 : a.registry.localeCompare(b.registry)))
  }

  /** X-Registry-Auth for a push or pull, or undefined when not logged in. */
  async engineAuth(registry: string): Promise<EngineAuth | undefined> {
    const credential = await this.get(registry)
    if (!credential) return undefined
    return toEngineAuth(registry, credential)
  }

  private removeFileEntry(key: string): boolean {
    const config = readDockerConfig(this.configDir)
    const found = findAuthKey(config.auths, key)
    if (!found) return false
    updateDockerConfig(this.configDir, (c) => {
      if (c.auths) delete c.auths[found]
    })
    return true
  }
}

function safeRegistry(key: string): string | null {
  try {
    return normalizeRegistry(key)
  } catch {
    return null
  }
}

export function toCredential(username: string, secret: string): Credential {
  // Helpers file identity tokens under the username "<token>", as the CLI does.
  return username === '<token>' ? { username: '', secret, identityToken: true } : { username, secret, identityToken: false }
}

export function toEngineAuth(registry: string, credential: Credential): EngineAuth {
  const serveraddress = authKey(registry)
  return credential.identityToken
    ? { identitytoken: credential.secret, serveraddress }
    : { username: credential.username, password: credential.secret, serveraddress }
}

export type { SecretBox } from './secret-box'
