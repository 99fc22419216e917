// `npm run web`: builds out/ only if a source changed since the last build, listens on 127.0.0.1 and
// prints the link, then loads main (out/main/web.js, main/web.ts built) and serves. Plain JavaScript,
// and the link before main: loading the engine and the bridge takes a second or more on a busy
// machine, and the link does not depend on them.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilt } from './current-build.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
ensureBuilt(root)
const server = createServer()
await new Promise((ready, fail) => {
  server.once('error', fail)
  server.listen(Number(process.env.BERTH_PORT ?? 0), '127.0.0.1', ready)
})
const token = randomBytes(32).toString('hex')
console.log(`Open: http://127.0.0.1:${server.address().port}/#token=${token}`)
// From here until serveWeb has attached its handlers, everything runs synchronously (loading main
// too): a request that arrives meanwhile waits in the socket's queue and is served then.
const { serveWeb } = createRequire(import.meta.url)(join(root, 'out', 'main', 'web.js'))
serveWeb(join(root, 'out', 'renderer'), { server, token }).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
