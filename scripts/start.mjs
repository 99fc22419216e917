// `npm start`: builds out/ only if a source changed since the last build; package.json then runs
// `electron-vite preview --skipBuild` on it.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilt } from './current-build.mjs'

ensureBuilt(dirname(dirname(fileURLToPath(import.meta.url))))
