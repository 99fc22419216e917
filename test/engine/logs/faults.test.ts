// Log reads when the connection to the real engine breaks. A small unix-socket relay sits between
// Berth and the private engine and cuts the connection at a chosen point: before the engine's
// answer, never answering, or part-way through the body. The engine itself is the real one.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, describe, it } from 'node:test'
import Dockerode from 'dockerode'
import { readOlderLines } from '@main/engine/logs/history'
import { socketGet } from '@main/engine/logs/http'
import { openLogResponse } from '@main/engine/logs/source'
import { openLogConnections } from '@main/engine/logs/logs'
import { createContainer, eventually, removeTestContainers, testDocker } from '../../env/session'

const docker = testDocker()
const engineSocket = (docker.modem as { socketPath?: string }).socketPath

type Fault = 'close-before-answer' | 'never-answer' | { cutAfterBytes: number }

/** A relay to the engine's socket that breaks every connection the same way. */
async function faultyRelay(fault: Fault): Promise<{ socketPath: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-relay-'))
  const socketPath = join(dir, 'engine.sock')
  const clients = new Set<Socket>()
  const server: Server = createServer((client) => {
    clients.add(client)
    client.on('close', () => clients.delete(client))
    client.on('error', () => {})
    if (fault === 'close-before-answer') {
      client.once('data', () => client.end())
      return
    }
    if (fault === 'never-answer') return client.resume()
    const upstream = connect(engineSocket as string)
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    client.pipe(upstream)
    let relayed = 0
    upstream.on('data', (chunk: Buffer) => {
      const room = fault.cutAfterBytes - relayed
      relayed += chunk.length
      if (room > chunk.length) return void client.write(chunk)
      client.write(chunk.subarray(0, Math.max(room, 0)))
      upstream.destroy()
      client.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    socketPath,
    close: async () => {
      clients.forEach((c) => c.destroy())
      await new Promise((resolve) => server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

describe('log reads over a broken connection', { skip: !engineSocket && 'the test engine is not on a local socket' }, () => {
  const relays: Array<{ close: () => Promise<void> }> = []
  const relay = async (fault: Fault) => {
    const r = await faultyRelay(fault)
    relays.push(r)
    return r
  }
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.close()))
    await eventually(() => openLogConnections() === 0, 'every log connection to close')
  })
  after(() => removeTestContainers(docker))

  it('fails a log request the engine closes before answering, as engine-unreachable', { timeout: 15_000 }, async () => {
    const c = await createContainer(docker, { cmd: ['echo', 'hi'], start: true })
    const r = await relay('close-before-answer')
    const viaRelay = new Dockerode({ socketPath: r.socketPath })
    const outcome = await Promise.race([
      openLogResponse(viaRelay, c.Id, { follow: true, tail: 10 }).then(
        () => 'resolved',
        (err: { code?: string }) => err.code,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000)),
    ])
    assert.equal(outcome, 'engine-unreachable')
  })

  it('gives up on an engine that never answers', { timeout: 15_000 }, async () => {
    const r = await relay('never-answer')
    const started = Date.now()
    await assert.rejects(socketGet(r.socketPath, '/containers/x/logs?stdout=1', 300), (err: NodeJS.ErrnoException) => err.code === 'ETIMEDOUT')
    assert.ok(Date.now() - started < 3000)
  })

  it('reports older lines cut short by a dropped connection instead of calling them complete', { timeout: 30_000 }, async () => {
    const c = await createContainer(docker, { cmd: ['seq', '1', '20000'], start: true })
    await eventually(async () => !(await docker.getContainer(c.Id).inspect()).State.Running, 'the container to exit')
    const query = { tty: false, before: '9999-01-01T00:00:00.000000000Z', skip: 0, count: 50_000 }

    // Through the engine directly: the whole log, and it says so.
    const whole = await readOlderLines(docker, c.Id, query)
    assert.equal(whole.lines.length, 20_000)
    assert.equal(whole.complete, true)

    // The same read with the connection dropped after ~64 KB: an error, not a short "complete" batch.
    const r = await relay({ cutAfterBytes: 64 * 1024 })
    await assert.rejects(readOlderLines(new Dockerode({ socketPath: r.socketPath }), c.Id, query), (err: { code?: string }) => err.code === 'engine-unreachable')
  })
})
