import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { EngineConnection } from '@main/engine/connection'
import { Revival, type RevivalReason } from '@main/engine/revival'
import { registerWait } from '@main/engine/terminal/wait'
import { docker as cli } from '../env/docker-cli'
import { startPrivateEngine, type PrivateEngine } from '../env/engine'
import { createContainer, removeTestContainers, testDocker, testEndpoint } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../env/wait'

const connect = (host: string) => new EngineConnection({ endpoint: testEndpoint(host), retryDelaysMs: [100, 200] })

/** A revival on the test engine's connection, connected, for as long as `body` runs. */
async function withRevival(body: (revival: Revival) => Promise<void>): Promise<void> {
  const connection = connect(process.env.DOCKER_HOST!)
  const revival = new Revival(connection)
  connection.start()
  try {
    await eventually(() => connection.status.state === 'connected', 'connection', ENGINE_ANSWER_MS)
    await body(revival)
  } finally {
    connection.stop()
  }
}

describe('stream revival', () => {
  const docker = testDocker()
  after(() => removeTestContainers(docker))

  it('tells a stream when its container starts again, and only that stream', () =>
    withRevival(async (revival) => {
      const watched = await createContainer(docker, { start: true })
      const other = await createContainer(docker, { start: true })
      const heard: RevivalReason[] = []
      const stop = revival.watch(watched.Id, (reason) => heard.push(reason))
      await docker.getContainer(other.Id).restart({ t: 0 })
      await docker.getContainer(watched.Id).restart({ t: 0 })
      await eventually(() => heard.length === 1, 'the restart to be heard', ENGINE_ANSWER_MS)
      assert.deepEqual(heard, ['container-started'])
      stop()
      await docker.getContainer(watched.Id).restart({ t: 0 })
      // The other's start comes after the watched one's in the event stream: once it is heard, so was that.
      let later = 0
      const stopOther = revival.watch(other.Id, () => later++)
      await docker.getContainer(other.Id).restart({ t: 0 })
      await eventually(() => later === 1, 'a later restart to be heard', ENGINE_ANSWER_MS)
      stopOther()
      assert.equal(heard.length, 1, 'a stream that stopped watching hears nothing more')
      let removed = 0
      revival.watch(other.Id, () => {}, { removed: () => removed++ })
      await docker.getContainer(other.Id).remove({ force: true })
      await eventually(() => removed === 1, 'the removal to be heard', ENGINE_ANSWER_MS)
    }))

  it("tells a stream its container's exit code, from the die event", () =>
    withRevival(async (revival) => {
      const container = await createContainer(docker, { cmd: ['sh', '-c', 'sleep 0.3; exit 3'] })
      const codes: Array<number | undefined> = []
      revival.watch(container.Id, () => {}, { died: (code) => codes.push(code) })
      await docker.getContainer(container.Id).start()
      await eventually(() => codes.length === 1, 'the exit to be heard', CONTAINER_RUN_MS)
      assert.deepEqual(codes, [3])
    }))

  it("gives a terminal's wait the code of the run that ended, as `docker events` does, across docker restarts", () =>
    withRevival(async (revival) => {
      // The engine's wait reads the code once it gets to it, when a restart may have reset it to 0: a
      // few containers restarted side by side make that likely enough to be seen here without the die events.
      const since = Math.floor(Date.now() / 1000)
      const restarted = async () => {
        // sleep as pid 1 ignores SIGTERM: each `docker restart -t 0` kills it, and the run ends with 137.
        const container = await createContainer(docker, { cmd: ['sleep', '600'], start: true })
        const codes: Array<number | null> = []
        for (let i = 0; i < 6; i++) {
          const wait = await registerWait(docker, container.Id, 'next-exit', revival.onDeath)
          await docker.getContainer(container.Id).restart({ t: 0 })
          codes.push(await wait.result)
        }
        return { id: container.Id, codes }
      }
      const runs = await Promise.all([1, 2, 3, 4].map(restarted))
      const until = String(Math.ceil(Date.now() / 1000) + 1)
      // Asked once, unfiltered: Podman 4.3 answered nothing here to a filter on a container's id, nor to a second ask.
      const told = await cli(['events', '--since', String(since), '--until', until, '--format', '{{.Actor.ID}} {{.Action}} {{.Actor.Attributes.exitCode}}'])
      for (const { id, codes } of runs) {
        const died = told.split('\n').filter((line) => line.startsWith(`${id} die `)).map((line) => Number(line.split(' ')[2]))
        assert.deepEqual(codes, died, 'one code per restart: the die event’s')
      }
    }))

  describe('across an engine restart', () => {
    // A private engine of this test's own, so it can be stopped and started again.
    let engine: PrivateEngine
    before(async () => {
      engine = await startPrivateEngine()
    })
    after(() => engine?.destroy())

    it('tells every stream once the engine answers again, not on the first connection', async () => {
      const connection = connect(engine.host)
      const revival = new Revival(connection)
      const heard: (RevivalReason | 'lost')[] = []
      revival.watch('a'.repeat(64), (reason) => heard.push(reason), { lost: () => heard.push('lost') })
      revival.watch('b'.repeat(64), (reason) => heard.push(reason))
      connection.start()
      try {
        await eventually(() => connection.status.state === 'connected', 'first connection', ENGINE_ANSWER_MS)
        assert.deepEqual(heard, [], 'the first connection revives nothing')
        await engine.stop()
        await eventually(() => connection.status.state === 'unreachable', 'the loss to be noticed', ENGINE_RESTART_MS)
        assert.deepEqual(heard, ['lost'], 'a stream that asked hears the engine went away, once')
        await engine.start()
        await eventually(() => heard.length === 3, 'both streams to hear the engine is back', ENGINE_RESTART_MS)
        assert.deepEqual(heard, ['lost', 'engine-restarted', 'engine-restarted'])
      } finally {
        connection.stop()
      }
    })
  })
})
