// Whether out/ was built from the sources as they are now, so `npm run web` and `npm start` build
// only when something changed. The build records a hash of every file it reads (electron.vite.config.ts
// takes it before the first part is built and writes it once the last is); a launch hashes the same
// files again and builds when the two differ or the record is missing. A hash, not modification
// times: a checkout, a revert or a deleted file all change it, and nothing older than the sources
// passes for current. Plain JavaScript, so a launch needs no TypeScript loader (that alone takes a second).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Everything electron-vite reads to build out/ (main, preload and the renderer), relative to the project. */
const INPUTS = ['main', 'preload', 'renderer', 'common', 'electron.vite.config.ts', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json']

/** The record of the last build: the hash of the sources it was built from. */
export const buildStampOf = (root) => join(root, 'out', 'build-sources.sha256')

/** One hash over the inputs' paths and contents, in a fixed order. */
export function sourcesHash(root) {
  const hash = createHash('sha256')
  for (const input of INPUTS) {
    const full = join(root, input)
    if (!existsSync(full)) {
      hash.update(`absent ${input}\0`)
      continue
    }
    const files = statSync(full).isFile()
      ? [full]
      : readdirSync(full, { withFileTypes: true, recursive: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name))
          .sort()
    for (const file of files) hash.update(`${file.slice(root.length)}\0`).update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

/** True when out/ holds a build of the sources as they are now. */
export function buildIsCurrent(root) {
  const stamp = buildStampOf(root)
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourcesHash(root)
}

/**
 * Builds out/ unless it is current, and says which (on stderr: a launcher's own lines stay its
 * output). Exits the process when the build fails: nothing stale is served instead.
 */
export function ensureBuilt(root) {
  if (buildIsCurrent(root)) return void console.error('No source changed since the last build: using it as it is.')
  console.error('Sources changed since the last build (or none was made here): building first…')
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (build.status !== 0 || !buildIsCurrent(root)) {
    console.error('The build failed, or a source changed while it ran: run "npm run build" and read its output.')
    process.exit(1)
  }
}
