// Completion for a folder typed in browser mode: a path on the machine Berth runs on (where the
// engine's client runs and the context is read), folders only.
import { promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import type { PathCompletion } from '@common/contract/build'

const MAX = 50

/** `~/pro` lists the folders in the home folder that start with `pro`; `~/projects/` those inside it. */
export async function completeFolder(typed: string): Promise<PathCompletion> {
  const expanded = typed === '~' ? `${homedir()}${sep}` : typed.startsWith('~/') ? join(homedir(), typed.slice(2)) + (typed.endsWith('/') ? sep : '') : typed
  const absolute = expanded === '' ? `${homedir()}${sep}` : resolve(expanded) + (/[\\/]$/.test(expanded) && expanded.length > 1 ? sep : '')
  const endsAtFolder = /[\\/]$/.test(absolute)
  const folder = endsAtFolder ? absolute.replace(/[\\/]+$/, '') || sep : dirname(absolute)
  const prefix = endsAtFolder ? '' : absolute.slice(folder.length).replace(/^[\\/]/, '')
  let names: string[] = []
  try {
    const entries = await fs.readdir(folder || sep, { withFileTypes: true })
    names = entries
      // Links to folders are offered too: a project is often reached through one.
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name)
      .filter((n) => n.startsWith(prefix) && (prefix.startsWith('.') || !n.startsWith('.')))
  } catch {
    // A folder that does not exist or cannot be listed has nothing to offer.
  }
  const folders: string[] = []
  for (const name of names.sort()) {
    if (folders.length >= MAX) break
    const stat = await fs.stat(join(folder, name)).catch(() => null)
    if (stat?.isDirectory()) folders.push(join(folder, name))
  }
  return { folder: folder || sep, folders }
}
