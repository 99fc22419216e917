// A followed log stream comes back by itself: after the engine restarts (a private engine of this
// test's own, stopped and started by its pid) and after `docker restart`, with a marker line and
// with every line the engine holds exactly once, as `docker logs` prints them.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { EngineConnection } from '@main/engine/connection'
import { LogFollower, openLogConnections } from '@main/engine/logs/logs'
import { Revival } from '@main/engine/revival'
import type { LogStreamPhase } from '@common/contract/logs'
import { startPrivateEngine, testEngineKind, type PrivateEngine } from '../../env/engine'
import { copyFixtureImage } from '../../env/private-images'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, testEndpoint, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import { docker as cli } from '../../env/docker-cli'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../../env/wait'

/** A numbered line every 100 ms, from 1 again in each run; exits at once on SIGTERM. */
const COUNTER = ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.1; done"]

/** Debian's docker CLI, the oracle: what `docker logs` prints for this container on this engine. */
const cliLogs = async (host: string, id: string): Promise<string[]> => (await cli(['logs', id], { host })).split('\n').filter(Boolean)

interface Pane {
  follower: LogFollower
  lines: string[]
  kinds: string
  phases: { phase: LogStreamPhase; message?: string }[]
}

function openPane(docker: Dockerode, id: string, revival: Revival): Pane {
  const pane: Pane = { follower: undefined as unknown as LogFollower, lines: [], kinds: '', phases: [] }
  pane.follower = new LogFollower(docker, id, { follow: true, tail: 'all', revival }, {
    lines: (batch) => {
      pane.lines.push(...batch.lines)
      pane.kinds += batch.kinds
      pane.follower.ack(batch.seq)
    },
    state: (phase, message) => pane.phases.push({ phase, message }),
  })
  return pane
}

const engineLines = (pane: Pane) => pane.lines.filter((_, i) => pane.kinds[i] !== 'm')
const count = (pane: Pane, line: string) => pane.lines.filter((l) => l === line).length

/** Every line `docker logs` printed is in the pane once, in order, with nothing between them. */
async function assertSameAsCli(host: string, id: string, pane: Pane): Promise<void> {
  const expected = await cliLogs(host, id)
  await eventually(() => engineLines(pane).length >= expected.length, 'the pane to hold what the CLI printed', ENGINE_ANSWER_MS)
  assert.deepEqual(engineLines(pane).slice(0, expected.length), expected)
}

async function createCounter(docker: Dockerode, restart: boolean): Promise<string> {
  const container = await docker.createContainer({
    name: uniqueName('berth-revival'),
    Image: BUSYBOX_IMAGE,
    Cmd: COUNTER,
    Labels: { [TEST_LABEL]: '1' },
    HostConfig: { NetworkMode: 'none', ...(restart ? { RestartPolicy: { Name: 'unless-stopped' } } : {}) },
  })
  await container.start()
  return container.id
}

const connect = (host: string) => new EngineConnection({ endpoint: testEndpoint(host), retryDelaysMs: [100, 200] })

describe('log streams come back by themselves', () => {
  // Podman's follow stream reads on into the next run until Berth hears the old run's death, so the new
  // run's first line can come before the markers there (once, never again after them: README).
  it('after `docker restart`: a marker where the new run starts, no line missing or twice', async () => {
    const docker = testDocker()
    const host = process.env.DOCKER_HOST!
    const connection = connect(host)
    const revival = new Revival(connection)
    connection.start()
    try {
      await eventually(() => connection.status.state === 'connected', 'the connection', ENGINE_ANSWER_MS)
      const id = await createCounter(docker, false)
      const pane = openPane(docker, id, revival)
      await pane.follower.start()
      await eventually(() => count(pane, 'line 5') === 1, 'the first run', ENGINE_ANSWER_MS)
      await docker.getContainer(id).restart({ t: 2 })
      await eventually(() => count(pane, 'line 5') === 2, 'the second run in the pane', CONTAINER_RUN_MS)
      const stopped = pane.lines.indexOf('— container stopped (exit code 0) —')
      assert.ok(stopped > 0, 'the pane says the container stopped')
      assert.equal(pane.lines[stopped + 1], '— container started again —')
      // The new run's lines that came before the markers: none on Docker, its first few at most on Podman.
      const newRun = pane.lines.indexOf('line 1', 1)
      const early = newRun < stopped ? stopped - newRun : 0
      assert.ok(testEngineKind() === 'podman' ? early < 5 : early === 0, `the new run's lines before the markers: ${early}`)
      assert.equal(pane.lines[stopped + 2], `line ${1 + early}`, 'the new run goes on after the markers')
      await assertSameAsCli(host, id, pane)
      pane.follower.close()
    } finally {
      connection.stop()
      await removeTestContainers(docker)
    }
    await eventually(() => openLogConnections() === 0, 'every log connection to close', ENGINE_ANSWER_MS)
  })

  describe('across an engine restart', () => {
    let engine: PrivateEngine
    before(async () => {
      engine = await startPrivateEngine()
      await copyFixtureImage(engine.host)
    })
    after(() => engine?.destroy())

    it('waits while the engine is down, then shows the marker and the new run with nothing missing or twice', async () => {
      const docker = testDocker(engine.host)
      const connection = connect(engine.host)
      const revival = new Revival(connection)
      connection.start()
      try {
        await eventually(() => connection.status.state === 'connected', 'the connection', ENGINE_ANSWER_MS)
        const id = await createCounter(docker, true)
        const pane = openPane(docker, id, revival)
        await pane.follower.start()
        await eventually(() => count(pane, 'line 5') === 1, 'the first run', ENGINE_ANSWER_MS)

        await engine.stop()
        await eventually(() => pane.phases.at(-1)?.phase === 'waiting', 'the pane to wait for the engine', ENGINE_RESTART_MS)
        assert.match(pane.phases.at(-1)?.message ?? '', /engine stopped answering.*continue here by themselves/)
        assert.ok(!pane.follower.isClosed, 'the stream waits; it does not end')

        await engine.start()
        const marker = () => pane.lines.indexOf('— the engine restarted —')
        if (testEngineKind() === 'podman') {
          // Podman's containers run on under conmon while its service is down: the same run goes on,
          // and the pane with it, from the line after its last.
          await eventually(() => marker() > 0 && pane.lines.length > marker() + 2, 'the run to go on in the pane', ENGINE_RESTART_MS)
          const before = Number(/^line (\d+)$/.exec(pane.lines[marker() - 1] ?? '')?.[1])
          assert.equal(pane.lines[marker() + 1], `line ${before + 1}`, `${pane.lines.slice(marker() - 2, marker() + 3).join(' | ')}`)
        } else {
          await eventually(() => count(pane, 'line 5') === 2, 'the new run in the pane', ENGINE_RESTART_MS)
          assert.ok(marker() > 0, 'the pane says the engine restarted')
          assert.equal(pane.lines[marker() + 1], 'line 1', 'the marker stands where the new run begins')
        }
        assert.equal(pane.phases.at(-1)?.phase, 'following')
        await assertSameAsCli(engine.host, id, pane)
        pane.follower.close()
        await docker.getContainer(id).remove({ force: true })
      } finally {
        connection.stop()
      }
      await eventually(() => openLogConnections() === 0, 'every log connection to close', ENGINE_ANSWER_MS)
    })
  })
})
