// A private image registry for the tests: Debian's docker-registry on a free 127.0.0.1 port, with
// htpasswd auth and its storage in a temp dir. The test engine treats 127.0.0.0/8 as insecure, so
// it speaks plain http to it. Stopped by its own pid.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { alive, stopByPid } from './daemon'
import { testEngineKind } from './engine'
import { sleep } from './wait'

export const REGISTRY_BINARY = '/usr/bin/docker-registry'

export interface TestRegistry {
  /** host:port, as an image reference names it: 127.0.0.1:41234 */
  host: string
  /**
   * The name the run's engine logs in, pushes and pulls by over plain http: the host above on Docker;
   * localhost:<port> on Podman, whose Docker API logs in over plain http only to that (README, Podman).
   */
  engineHost: string
  port: number
  username: string
  password: string
  dir: string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** The status /v2/ answers with, or 0 while nothing listens. */
function probe(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', () => resolve(0))
    req.on('timeout', () => req.destroy())
    req.end()
  })
}

export async function startTestRegistry(credentials = { username: 'berth', password: 'berth-secret-pw-9731' }): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'))
  const port = await freePort()
  const htpasswd = execFileSync('htpasswd', ['-Bbn', credentials.username, credentials.password], { encoding: 'utf8' })
  writeFileSync(join(dir, 'htpasswd'), htpasswd)
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: berth-test',
      `    path: ${join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  )
  const log = openSync(join(dir, 'registry.log'), 'a')
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', log, log], detached: true })
  child.unref()
  const pid = child.pid ?? 0

  const stop = async () => {
    await stopByPid(pid, 10_000)
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
  }

  const deadline = Date.now() + 20_000
  while ((await probe(port)) !== 401) {
    if (!alive(pid) || Date.now() > deadline) {
      const tail = readFileSync(join(dir, 'registry.log'), 'utf8').split('\n').slice(-15).join('\n')
      await stop()
      throw new Error(`The test registry did not start. Is docker-registry installed?\n${tail}`)
    }
    await sleep(100)
  }
  const host = `127.0.0.1:${port}`
  return { host, engineHost: testEngineKind() === 'podman' ? `localhost:${port}` : host, port, ...credentials, dir, stop }
}
