// Each file operation looks its path up once: one helper lookup (for a volume) and one stat, then the
// archive itself. The engine is real; the test only listens in on the socket to count the requests.
import { strict as assert } from 'node:assert'
import { createServer as createHttpServer, get, type Server as HttpServer } from 'node:http'
import { Readable } from 'node:stream'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { downloadFile, listDirectory, readTextFile, statPath } from '@main/engine/files/read'
import { uploadStream } from '@main/engine/files/write'
import { removeHelpers } from '@main/engine/volumes/helper'
import { createVolume } from '@main/engine/volumes/volumes'
import type { FileTarget } from '@common/contract/volumes'
import { serveTransfer } from '@main/browser-mode/transfer'
import { testDocker, uniqueName } from '../../env/session'
import { startRelay, type SocketRelay } from '../../env/socket-relay'

interface Counts {
  helperLookups: number
  stats: number
  archives: number
}

describe('file operations look a path up once (real engine)', () => {
  let docker: Dockerode
  let counted: Dockerode
  let relay: SocketRelay
  let web: HttpServer
  let port = 0
  let volume: FileTarget
  const requests = () => relay.requests

  const counts = (): Counts => ({
    helperLookups: requests().filter((r) => /^GET \S*\/containers\/json/.test(r)).length,
    stats: requests().filter((r) => /^HEAD \S*\/archive/.test(r)).length,
    archives: requests().filter((r) => /^GET \S*\/archive/.test(r)).length,
  })

  before(async () => {
    docker = testDocker()
    // Passes every byte through both ways; notes the request lines going to the engine.
    relay = await startRelay()
    counted = relay.docker

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
    relay.requests.length = 0
  })
  after(async () => {
    web.close()
    await relay.close()
    await removeHelpers(docker)
  })

  const once: Counts = { helperLookups: 1, stats: 1, archives: 1 }

  it('listDirectory', async () => {
    const listing = await listDirectory(counted, volume, '/')
    assert.deepEqual(listing.entries.map((e) => e.name), ['note.txt'])
    assert.deepEqual(counts(), once, requests().join(', '))
  })

  it('readTextFile', async () => {
    assert.equal((await readTextFile(counted, volume, '/note.txt')).text, 'hello\n')
    assert.deepEqual(counts(), once, requests().join(', '))
  })

  it('downloadFile', async () => {
    const { stream } = await downloadFile(counted, volume, '/note.txt')
    for await (const chunk of stream) void chunk
    assert.deepEqual(counts(), once, requests().join(', '))
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
    assert.deepEqual(counts(), once, requests().join(', '))
    relay.requests.length = 0
    const folder = await fetchDownload('/')
    assert.equal(folder.status, 200)
    assert.deepEqual(counts(), once, requests().join(', '))
  })
})
