// settings.json in the host's state folder (the desktop app's data folder, browser mode's config
// folder), beside the remembered engine (engine/engines/remembered.ts). Plain Node: what the file
// holds is checked by the bridge against the contract's schema, not here.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const SETTINGS_FILE = 'settings.json'

export type SettingsFileRead =
  | { kind: 'missing' }
  /** The file is there but is not JSON, or cannot be read: why, in a few words. */
  | { kind: 'broken'; reason: string }
  | { kind: 'read'; value: unknown }

export async function readSettingsFile(stateDir: string): Promise<SettingsFileRead> {
  let text: string
  try {
    text = await readFile(join(stateDir, SETTINGS_FILE), 'utf8')
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ENOENT') return { kind: 'missing' }
    return { kind: 'broken', reason: e.code === 'EACCES' ? 'Berth may not read it' : e.code === 'EISDIR' ? 'it is a folder' : (e.message ?? 'it could not be opened') }
  }
  try {
    return { kind: 'read', value: JSON.parse(text) as unknown }
  } catch (err) {
    return { kind: 'broken', reason: `it is not JSON (${(err as Error).message.slice(0, 120)})` }
  }
}

/** Written whole to a temp file, then renamed over the old one: a crash mid-write leaves the old file, never half a file. */
export async function writeSettingsFile(stateDir: string, value: unknown): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 })
  const temp = join(stateDir, `${SETTINGS_FILE}.${process.pid}.tmp`)
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 })
  await rename(temp, join(stateDir, SETTINGS_FILE))
}
