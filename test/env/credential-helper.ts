// A real credential helper for the tests: `docker-credential-berthtest`, a small program in a temp
// dir on PATH that speaks the helper protocol (get/store/erase/list over stdin/stdout) and keeps
// what it is given in a JSON file next to itself. Both the docker CLI and Berth run it, as they
// would run docker-credential-pass or -osxkeychain.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

export const TEST_HELPER = 'berthtest'

const PROGRAM = `#!${process.execPath}
const fs = require('fs')
const file = require('path').join(__dirname, 'store.json')
const read = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')) } catch { return {} } }
const missing = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1) }
let input = ''
process.stdin.on('data', (d) => (input += d))
process.stdin.on('end', () => {
  const store = read()
  const action = process.argv[2]
  if (action === 'store') {
    const c = JSON.parse(input)
    store[c.ServerURL] = { Username: c.Username, Secret: c.Secret }
    fs.writeFileSync(file, JSON.stringify(store))
  } else if (action === 'get') {
    const c = store[input.trim()]
    if (!c) missing()
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...c }))
  } else if (action === 'erase') {
    if (!store[input.trim()]) missing()
    delete store[input.trim()]
    fs.writeFileSync(file, JSON.stringify(store))
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([k, v]) => [k, v.Username]))))
  } else {
    process.stdout.write('unknown action\\n')
    process.exit(1)
  }
})
`

export interface TestHelper {
  dir: string
  /** PATH with the helper's dir first. */
  path: string
  /** What the helper holds: server URL → { Username, Secret }. */
  stored(): Record<string, { Username: string; Secret: string }>
  remove(): void
}

export function installTestHelper(): TestHelper {
  const dir = mkdtempSync(join(tmpdir(), 'berth-helper-'))
  const program = join(dir, `docker-credential-${TEST_HELPER}`)
  writeFileSync(program, PROGRAM)
  chmodSync(program, 0o755)
  return {
    dir,
    path: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    stored: () => {
      try {
        return JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as Record<string, { Username: string; Secret: string }>
      } catch {
        return {}
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
