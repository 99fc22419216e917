import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { EngineConnection } from '@main/engine/connection'
import { listContainers } from '@main/engine/containers/containers'
import type { EngineError } from '@main/engine/errors'
import type { EngineStatus } from '@common/contract/engine'
import { startPrivateEngine, type PrivateEngine } from '../env/engine'
import { testEndpoint } from '../env/session'
import { ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../env/wait'

describe('engine connection', () => {
  // A second private engine of this test's own, so it can be stopped and started again.
  let engine: PrivateEngine
  before(async () => {
    engine = await startPrivateEngine()
  })
  after(() => engine?.destroy())

  it('says when the engine goes away and reconnects by itself when it returns', async () => {
    const connection = new EngineConnection({
      endpoint: testEndpoint(engine.host),
      retryDelaysMs: [100, 200],
    })
    const seen: EngineStatus[] = []
    let bursts = 0
    connection.onStatus((s) => seen.push(s))
    connection.onBurst(() => bursts++)
    connection.start()
    try {
      await eventually(() => connection.status.state === 'connected', 'first connection', ENGINE_ANSWER_MS)
      assert.match(connection.status.version ?? '', /^\d+\./)
      // Which CLI flags fit (docker volume prune -a needs 1.42) depends on it.
      assert.match(connection.status.apiVersion ?? '', /^1\.\d+$/)
      assert.equal(bursts, 1, 'a fresh connection asks for a full refresh')

      await engine.stop()
      await eventually(() => connection.status.state === 'unreachable', 'the loss to be noticed', ENGINE_RESTART_MS)
      assert.ok(connection.status.message && connection.status.message.length > 20)
      await assert.rejects(listContainers(connection.docker), (err: EngineError) => err.code === 'engine-unreachable')

      await engine.start()
      await eventually(() => connection.status.state === 'connected', 'reconnection', ENGINE_RESTART_MS)
      assert.equal(bursts, 2, 'a reconnection asks for a full refresh')
      // The reason may change while unreachable (the stream closed, then the socket is gone): one state each.
      assert.deepEqual(
        seen.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]),
        ['connected', 'unreachable', 'connected'],
      )
    } finally {
      connection.stop()
    }
  })

  it('reports an engine that is not there as unreachable, with a sentence', async () => {
    const host = 'unix:///nonexistent/berth/docker.sock'
    const connection = new EngineConnection({
      endpoint: testEndpoint(host),
      retryDelaysMs: [50],
    })
    connection.start()
    try {
      await eventually(() => connection.status.state === 'unreachable', 'unreachable', ENGINE_ANSWER_MS)
      assert.equal(connection.status.host, host)
      // The reason, not a restatement of "not reachable" (the banner says that once).
      assert.equal(connection.status.message, 'Its socket does not exist: the engine is not running.')
    } finally {
      connection.stop()
    }
  })
})
