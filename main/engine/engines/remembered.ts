// The engine Berth showed last, kept in a small JSON file in the host's state folder (the desktop
// app's data folder, browser mode's config folder), so Berth opens on it next time.
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const FILE = 'engine.json'

export function rememberedEngine(stateDir: string | null): string | undefined {
  if (!stateDir) return undefined
  try {
    const saved = JSON.parse(readFileSync(join(stateDir, FILE), 'utf8')) as { id?: unknown }
    return typeof saved.id === 'string' ? saved.id : undefined
  } catch {
    return undefined
  }
}

export async function rememberEngine(stateDir: string | null, id: string): Promise<void> {
  if (!stateDir) return
  await mkdir(stateDir, { recursive: true, mode: 0o700 })
  const temp = join(stateDir, `${FILE}.${process.pid}`)
  await writeFile(temp, `${JSON.stringify({ id })}\n`)
  await rename(temp, join(stateDir, FILE))
}
