// Each file operation looks its path up once: one helper lookup (for a volume) and one stat, then the
// archive itself. The engine is real; the test only listens in on the socket to count the requests.
import { strict as assert } from 'node:assert'
import { createServer as createHttpServer, get, type Server as HttpServer } from 'node:http'
import { connect, createServer, type Server } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, it } from 'node:test'
import Dockerode from 'dockerode'
import { downloadFile, listDirectory, readTextFile, statPath } from '@main/engine/files/read'
import { uploadStream } from '@main/engine/files/write'
import { removeHelpers } from '@main/engine/volumes/helper'
import { createVolume } from '@main/engine/volumes/volumes'
import type { FileTarget } from '@common/contract/volumes'
import { serveTransfer } from '@main/browser-mode/transfer'
import { testDocker, uniqueName } from '../../env/session'

const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE) (\S+) HTTP\/1\.[01]\r\n/g

interface Counts {
  helperLookups: number
  stats: number
  archives: number
}

describe('file operations look a path up once (real engine)', () => {
  let docker: Dockerode
  let counted: Dockerode
  let proxy: Server
  let web: HttpServer
  let port = 0
  let volume: FileTarget
  const dir = mkdtempSync(join(tmpdir(), 'berth-count-'))
  const requests: string[] = []

  const counts = (): Counts => ({
    helperLookups: requests.filter((r) => /^GET \S*\/containers\/json/.test(r)).length,
    stats: requests.filter((r) => /^HEAD \S*\/archive/.test(r)).length,
    archives: requests.filter((r) => /^GET \S*\/archive/.test(r)).length,
  })

  before(async () => {
    docker = testDocker()
    const socketPath = (docker.modem as unknown as { socketPath?: string }).socketPath
    if (!socketPath) throw new Error('These tests listen in on a unix socket engine (the private one npm test starts).')
    // Passes every byte through both ways; notes the request lines going to the engine.
    proxy = createServer((client) => {
      const engine = connect(socketPath)
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) requests.push(`${m[1]} ${m[2]}`)
      })
      client.pipe(engine).pipe(client)
      client.on('error', () => engine.destroy())
      engine.on('error', () => client.destroy())
    })
    const proxyPath = join(dir, 'engine.sock')
    await new Promise<void>((done) => proxy.listen(proxyPath, done))
    counted = new Dockerode({ socketPath: proxyPath })

    const name = uniqueName('lookups')
    await createVolume(docker, name)
    volume = { kind: 'volume', name }
    await uploadStream(docker, volume, '/', 'note.txt', 6, Readable.from([Buffer.from('hello\n')]))
    // The helper exists before counting starts, so each operation only finds it.
    await statPath(docker, volume, '/')

    const gate = { token: 'secret', hosts: [] as string[], origins: [] as string[] }
    web = createHttpServer((req, res) => void serveTransfer(req, res, counted, gate))
    await new Promise<void>((done) => web.listen(0, '127.0.0.1', done))
    port = (web.address() as AddressInfo).port
    gate.hosts.push(`127.0.0.1:${port}`)
  })
  beforeEach(() => {
    requests.length = 0
  })
  after(async () => {
    web.close()
    proxy.close()
    await removeHelpers(docker)
    rmSync(dir, { recursive: true, force: true })
  })

  const once: Counts = { helperLookups: 1, stats: 1, archives: 1 }

  it('listDirectory', async () => {
    const listing = await listDirectory(counted, volume, '/')
    assert.deepEqual(listing.entries.map((e) => e.name), ['note.txt'])
    assert.deepEqual(counts(), once, requests.join(', '))
  })

  it('readTextFile', async () => {
    assert.equal((await readTextFile(counted, volume, '/note.txt')).text, 'hello\n')
    assert.deepEqual(counts(), once, requests.join(', '))
  })

  it('downloadFile', async () => {
    const { stream } = await downloadFile(counted, volume, '/note.txt')
    for await (const chunk of stream) void chunk
    assert.deepEqual(counts(), once, requests.join(', '))
  })

  const fetchDownload = (path: string) =>
    new Promise<{ status: number; body: Buffer }>((done, fail) => {
      const query = new URLSearchParams({ target: `volume:${volume.kind === 'volume' ? volume.name : ''}`, path, token: 'secret' })
      get({ host: '127.0.0.1', port, path: `/transfer/download?${query}` }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
      }).on('error', fail)
    })

  it('a browser-mode download of a file, and of a folder', async () => {
    const file = await fetchDownload('/note.txt')
    assert.equal(file.status, 200)
    assert.equal(file.body.toString(), 'hello\n')
    assert.deepEqual(counts(), once, requests.join(', '))
    requests.length = 0
    const folder = await fetchDownload('/')
    assert.equal(folder.status, 200)
    assert.deepEqual(counts(), once, requests.join(', '))
  })
})
