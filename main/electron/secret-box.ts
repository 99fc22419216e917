// Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret) as the registry-credential
// secret box. Only used when config.json names no credential helper. Electron-only: never imported
// by the engine or by tests.
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import type { SecretBox } from '../engine/registry/credentials'

/** Null when the OS offers no real encryption (e.g. Linux without a keyring): then logins are not kept. */
export function createSafeStorageBox(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  // Linux without a keyring falls back to a hard-coded key: that is obfuscation, not encryption.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null
  return {
    file: join(app.getPath('userData'), 'registry-credentials.json'),
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
