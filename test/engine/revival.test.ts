import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { EngineConnection } from '../../main/engine/connection'
import { parseHost } from '../../main/engine/endpoint'
import { Revival, type RevivalReason } from '../../main/engine/revival'
import { startPrivateEngine, type PrivateEngine } from '../env/engine'
import { createContainer, eventually, removeTestContainers, testDocker } from '../env/session'

const connect = (host: string) =>
  new EngineConnection({ endpoint: { host, source: 'DOCKER_HOST', options: parseHost(host, {}) }, retryDelaysMs: [100, 200] })

describe('stream revival', () => {
  const docker = testDocker()
  after(() => removeTestContainers(docker))

  it('tells a stream when its container starts again, and only that stream', async () => {
    const connection = connect(process.env.DOCKER_HOST!)
    const revival = new Revival(connection)
    connection.start()
    try {
      await eventually(() => connection.status.state === 'connected', 'connection')
      const watched = await createContainer(docker, { start: true })
      const other = await createContainer(docker, { start: true })
      const heard: RevivalReason[] = []
      const stop = revival.watch(watched.Id, (reason) => heard.push(reason))
      await docker.getContainer(other.Id).restart({ t: 0 })
      await docker.getContainer(watched.Id).restart({ t: 0 })
      await eventually(() => heard.length === 1, 'the restart to be heard')
      assert.deepEqual(heard, ['container-started'])
      stop()
      await docker.getContainer(watched.Id).restart({ t: 0 })
      await new Promise((r) => setTimeout(r, 300))
      assert.equal(heard.length, 1, 'a stream that stopped watching hears nothing more')
      let removed = 0
      revival.watch(other.Id, () => {}, { removed: () => removed++ })
      await docker.getContainer(other.Id).remove({ force: true })
      await eventually(() => removed === 1, 'the removal to be heard')
    } finally {
      connection.stop()
    }
  })

  it("tells a stream its container's exit code, from the die event", async () => {
    const connection = connect(process.env.DOCKER_HOST!)
    const revival = new Revival(connection)
    connection.start()
    try {
      await eventually(() => connection.status.state === 'connected', 'connection')
      const container = await createContainer(docker, { cmd: ['sh', '-c', 'sleep 0.3; exit 3'] })
      const codes: Array<number | undefined> = []
      revival.watch(container.Id, () => {}, { died: (code) => codes.push(code) })
      await docker.getContainer(container.Id).start()
      await eventually(() => codes.length === 1, 'the exit to be heard')
      assert.deepEqual(codes, [3])
    } finally {
      connection.stop()
    }
  })

  describe('across an engine restart', () => {
    // A private engine of this test's own, so it can be stopped and started again.
    let engine: PrivateEngine
    before(async () => {
      engine = await startPrivateEngine()
    })
    after(() => engine.destroy())

    it('tells every stream once the engine answers again, not on the first connection', async () => {
      const connection = connect(engine.host)
      const revival = new Revival(connection)
      const heard: (RevivalReason | 'lost')[] = []
      revival.watch('a'.repeat(64), (reason) => heard.push(reason), { lost: () => heard.push('lost') })
      revival.watch('b'.repeat(64), (reason) => heard.push(reason))
      connection.start()
      try {
        await eventually(() => connection.status.state === 'connected', 'first connection')
        assert.deepEqual(heard, [], 'the first connection revives nothing')
        await engine.stop()
        await eventually(() => connection.status.state === 'unreachable', 'the loss to be noticed', 3000)
        await engine.start()
        assert.deepEqual(heard, ['lost'], 'a stream that asked hears the engine went away, once')
        await eventually(() => heard.length === 3, 'both streams to hear the engine is back', 5000)
        assert.deepEqual(heard, ['lost', 'engine-restarted', 'engine-restarted'])
      } finally {
        connection.stop()
      }
    })
  })
})
