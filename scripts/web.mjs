// `npm run web`: builds out/ only if a source changed since the last build, then serves it
// (out/main/web.js, main/web.ts built). Plain JavaScript: a launch of a current build costs Node's
// start, a hash of the sources and loading the server, not a TypeScript loader and a build.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { ensureBuilt } from './current-build.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
ensureBuilt(root)
const { serveWeb } = createRequire(import.meta.url)(join(root, 'out', 'main', 'web.js'))
serveWeb(join(root, 'out', 'renderer')).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
