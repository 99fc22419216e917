// Berth's own place for registry credentials when config.json names no helper: a file of its own,
// each secret sealed by an injected SecretBox (Electron's safeStorage, i.e. the OS keychain). The
// engine never imports electron; without a box nothing is written and logins last for the session.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface SecretBox {
  /** Berth's sealed-credentials file. The CLI never reads it. */
  readonly file: string
  seal(plain: string): string
  open(sealed: string): string
}

interface VaultEntry {
  username: string
  /** SecretBox-sealed JSON of { secret, identityToken }. */
  sealed: string
}

interface VaultFile {
  version: 1
  registries: Record<string, VaultEntry>
}

export interface SealedCredential {
  username: string
  secret: string
  identityToken: boolean
}

export class Vault {
  constructor(private readonly box: SecretBox) {}

  private read(): VaultFile {
    try {
      const parsed = JSON.parse(readFileSync(this.box.file, 'utf8')) as Partial<VaultFile>
      return { version: 1, registries: parsed.registries ?? {} }
    } catch {
      return { version: 1, registries: {} }
    }
  }

  private write(vault: VaultFile): void {
    mkdirSync(dirname(this.box.file), { recursive: true, mode: 0o700 })
    const temp = join(dirname(this.box.file), `.vault.${randomBytes(4).toString('hex')}`)
    writeFileSync(temp, `${JSON.stringify(vault, null, 2)}\n`, { mode: 0o600 })
    renameSync(temp, this.box.file)
  }

  get(key: string): SealedCredential | null {
    const registries = this.read().registries
    const entry = Object.hasOwn(registries, key) ? registries[key] : undefined
    if (!entry) return null
    try {
      const { secret, identityToken } = JSON.parse(this.box.open(entry.sealed)) as { secret: string; identityToken: boolean }
      return { username: entry.username, secret, identityToken }
    } catch {
      return null // sealed by another user or keychain: as good as absent
    }
  }

  store(key: string, credential: SealedCredential): void {
    const vault = this.read()
    const sealed = this.box.seal(JSON.stringify({ secret: credential.secret, identityToken: credential.identityToken }))
    vault.registries[key] = { username: credential.username, sealed }
    this.write(vault)
  }

  erase(key: string): boolean {
    const vault = this.read()
    if (!Object.hasOwn(vault.registries, key)) return false
    delete vault.registries[key]
    this.write(vault)
    return true
  }

  usernames(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.read().registries).map(([key, e]) => [key, e.username]))
  }
}
