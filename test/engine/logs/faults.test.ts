// Log reads when the connection to the real engine breaks. A unix-socket relay sits between Berth
// and the private engine and cuts the connection at a chosen point: before the engine's answer,
// never answering, or part-way through the body. The engine itself is the real one.
import { strict as assert } from 'node:assert'
import { after, afterEach, describe, it } from 'node:test'
import { readOlderLines } from '@main/engine/logs/history'
import { socketGet } from '@main/engine/logs/http'
import { openLogResponse } from '@main/engine/logs/source'
import { openLogConnections } from '@main/engine/logs/logs'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { engineSocket, startRelay, type RelayFault, type SocketRelay } from '../../env/socket-relay'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const docker = testDocker()

describe('log reads over a broken connection', { skip: !engineSocket() && 'the test engine is not on a local socket' }, () => {
  const relays: SocketRelay[] = []
  const relay = async (fault: RelayFault) => {
    const r = await startRelay({ fault })
    relays.push(r)
    return r
  }
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.close()))
    await eventually(() => openLogConnections() === 0, 'every log connection to close', ENGINE_ANSWER_MS)
  })
  after(() => removeTestContainers(docker))

  it('fails a log request the engine closes before answering, as engine-unreachable', { timeout: 15_000 }, async () => {
    const c = await createContainer(docker, { cmd: ['echo', 'hi'], start: true })
    const r = await relay('close-before-answer')
    // A request left hanging instead would end in the test's own timeout.
    await assert.rejects(openLogResponse(r.docker, c.Id, { follow: true, tail: 10 }), (err: { code?: string }) => err.code === 'engine-unreachable')
  })

  it('gives up on an engine that never answers', { timeout: 15_000 }, async () => {
    const r = await relay('never-answer')
    // ETIMEDOUT is socketGet's own give-up; a request that waited on instead would end in the test's timeout.
    await assert.rejects(socketGet(r.socketPath, '/containers/x/logs?stdout=1', 300), (err: NodeJS.ErrnoException) => err.code === 'ETIMEDOUT')
  })

  it('reports older lines cut short by a dropped connection instead of calling them complete', { timeout: 30_000 }, async () => {
    const c = await createContainer(docker, { cmd: ['seq', '1', '20000'], start: true })
    await eventually(async () => !(await docker.getContainer(c.Id).inspect()).State.Running, 'the container to exit', CONTAINER_RUN_MS)
    const query = { tty: false, before: '9999-01-01T00:00:00.000000000Z', skip: 0, count: 50_000 }

    // Through the engine directly: the whole log, and it says so.
    const whole = await readOlderLines(docker, c.Id, query)
    assert.equal(whole.lines.length, 20_000)
    assert.equal(whole.complete, true)

    // The same read with the connection dropped after ~64 KB: an error, not a short "complete" batch.
    const r = await relay({ cutAfterBytes: 64 * 1024 })
    await assert.rejects(readOlderLines(r.docker, c.Id, query), (err: { code?: string }) => err.code === 'engine-unreachable')
  })
})
