// The log pipeline against the real private engine: tail, follow, stdout/stderr, TTY, restarts,
// removal, back-pressure and closing. Every test ends by proving no engine connection is left open.
import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import { EngineConnection } from '@main/engine/connection'
import { resolveEndpoint } from '@main/engine/endpoint'
import { LogFollower, openLogConnections, type LogSink } from '@main/engine/logs/logs'
import { Revival } from '@main/engine/revival'
import type { LogStreamPhase } from '@common/contract/logs'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const docker = testDocker()
/** 200,000 lines read from the engine and acknowledged batch by batch, on a busy machine. */
const READ_ALL_LINES_MS = 120_000
// The engine's one /events stream, which tells a followed stream that its container started again.
const connection = new EngineConnection({ endpoint: resolveEndpoint() })
const revival = new Revival(connection)

interface Received {
  lines: string[]
  kinds: string
  times: string[]
  phases: LogStreamPhase[]
  seqs: number[]
}

/** A page that takes every batch at once (unless told not to acknowledge). */
function collector(follower: () => LogFollower, autoAck = true): { got: Received; sink: LogSink } {
  const got: Received = { lines: [], kinds: '', times: [], phases: [], seqs: [] }
  const sink: LogSink = {
    lines: (batch) => {
      got.lines.push(...batch.lines)
      got.kinds += batch.kinds
      got.times.push(...batch.times)
      got.seqs.push(batch.seq)
      if (autoAck) follower().ack(batch.seq)
    },
    state: (phase) => got.phases.push(phase),
  }
  return { got, sink }
}

function follow(id: string, options: { follow?: boolean; tail?: number | 'all'; autoAck?: boolean } = {}) {
  const { got, sink } = collector(() => follower, options.autoAck ?? true)
  const follower = new LogFollower(docker, id, { follow: options.follow ?? true, tail: options.tail ?? 'all', revival }, sink)
  return { follower, got }
}

const waitExit = async (id: string) => {
  await eventually(async () => !(await docker.getContainer(id).inspect()).State.Running, 'the container to exit', CONTAINER_RUN_MS)
}

describe('engine log streams', () => {
  before(async () => {
    connection.start()
    await eventually(() => connection.status.state === 'connected', 'the engine connection', ENGINE_ANSWER_MS)
  })
  afterEach(async () => {
    await eventually(() => openLogConnections() === 0, 'every log connection to close', ENGINE_ANSWER_MS)
  })
  after(async () => {
    connection.stop()
    await removeTestContainers(docker)
  })

  it('tells stdout from stderr, keeps the engine times, and ends a stream opened without follow', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', 'echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; echo "<img src=x onerror=alert(1)>"'], start: true })
    await waitExit(c.Id)
    const { follower, got } = follow(c.Id, { follow: false })
    const info = await follower.start()
    assert.equal(info.tty, false)
    await eventually(() => got.phases.includes('ended'), 'the stream to end', ENGINE_ANSWER_MS)
    assert.deepEqual(got.lines, ['out1', 'err1', '<img src=x onerror=alert(1)>'])
    assert.equal(got.kinds, 'oeo')
    assert.ok(got.times.every((t) => /^\d{4}-.*\.\d{9}Z$/.test(t)))
    assert.ok(follower.isClosed, 'an ended stream closes itself')
  })

  it('honours tail and delivers live lines while following', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "seq 1 50; trap 'exit 0' TERM; while true; do echo tick; sleep 0.05; done"], start: true })
    await eventually(async () => (await cli(['logs', c.Id])).includes('tick'), 'the first tick', ENGINE_ANSWER_MS)
    const { follower, got } = follow(c.Id, { tail: 3 })
    await follower.start()
    await eventually(() => got.lines.filter((l) => l === 'tick').length >= 5, 'live ticks', ENGINE_ANSWER_MS)
    assert.ok(!got.lines.includes('1'), 'lines before the tail are not sent')
    assert.equal(got.phases[0], 'following')
    follower.close()
  })

  it('reads a TTY container raw', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', 'echo one; echo two >&2'], tty: true, start: true })
    await waitExit(c.Id)
    const { follower, got } = follow(c.Id, { follow: false })
    assert.equal((await follower.start()).tty, true)
    await eventually(() => got.phases.includes('ended'), 'the stream to end', ENGINE_ANSWER_MS)
    assert.deepEqual(got.lines, ['one', 'two'])
    assert.equal(got.kinds, 'oo')
  })

  // Podman answers a container removed while Berth looks at it with a 500 ("does not exist in database"),
  // where Docker answers 404: both mean removed (main/engine/errors.ts).
  it('survives a restart with a marker and no repeated lines, and ends when the container is removed', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "echo run; trap 'exit 0' TERM; sleep 3600 & wait"], start: true })
    const { follower, got } = follow(c.Id)
    await follower.start()
    await eventually(() => got.lines.includes('run'), 'the first run', ENGINE_ANSWER_MS)
    await cli(['stop', c.Id])
    await eventually(() => got.phases.includes('waiting'), 'the pane to wait for a start', ENGINE_ANSWER_MS)
    // Podman gives a container made through its Docker API no stop timeout: `docker stop` kills it (README).
    const stopped = `— container stopped (exit code ${testEngineKind() === 'podman' ? 137 : 0}) —`
    assert.equal(got.lines.at(-1), stopped)
    assert.equal(got.kinds.at(-1), 'm')
    await cli(['start', c.Id])
    await eventually(() => got.lines.filter((l) => l === 'run').length === 2, 'the second run', CONTAINER_RUN_MS)
    assert.deepEqual(got.lines, ['run', stopped, '— container started again —', 'run'])
    assert.equal(got.kinds, 'ommo')
    await cli(['rm', '-f', c.Id])
    await eventually(() => got.phases.includes('removed'), 'the stream to end on removal', CONTAINER_RUN_MS)
    assert.equal(got.lines.at(-1), '— container removed —')
    assert.ok(follower.isClosed)
  })

  it('waits for a stopped container without a connection of its own, and leaves nothing open when closed', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', 'echo done'], start: true })
    await waitExit(c.Id)
    const { follower, got } = follow(c.Id)
    await follower.start()
    await eventually(() => got.phases.includes('waiting'), 'the pane to wait', ENGINE_ANSWER_MS)
    // Waiting costs no connection of its own: the engine's one /events stream says when it starts.
    assert.equal(openLogConnections(), 0)
    follower.close()
  })

  it('stops reading when the page stops acknowledging, and resumes without losing a line', async () => {
    const c = await createContainer(docker, { cmd: ['seq', '1', '200000'], start: true })
    await waitExit(c.Id)
    const { got, sink } = collector(() => follower, false)
    const follower = new LogFollower(docker, c.Id, { follow: false, tail: 'all', maxBatchLines: 1000, window: 2 }, sink)
    await follower.start()
    await eventually(() => got.seqs.length === 2, 'the window to fill', ENGINE_ANSWER_MS)
    // Main goes on reading until its backlog is two batches deep: lines it had to send, and held.
    await eventually(() => follower.pendingLines >= 2 * 1000, 'a backlog of two batches', ENGINE_ANSWER_MS)
    assert.equal(got.seqs.length, 2, 'nothing is sent beyond the window')
    assert.ok(follower.pendingLines < 1000 * 2 + 10_000, `main holds a bounded backlog (${follower.pendingLines} lines)`)
    const drain = () => got.seqs.length && follower.ack(got.seqs.at(-1) as number)
    await eventually(() => {
      drain()
      return got.phases.includes('ended')
    }, 'every line', READ_ALL_LINES_MS)
    assert.equal(got.lines.length, 200_000)
    assert.equal(got.lines[199_999], '200000')
    assert.ok(got.lines.every((l, i) => l === String(i + 1)), 'in order, none lost or repeated')
  })

  it('keeps batches of very long lines small', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "for i in 1 2 3 4 5 6; do head -c 300000 /dev/zero | tr '\\0' x; echo; done"], start: true })
    await waitExit(c.Id)
    const sizes: number[] = []
    const lengths: number[] = []
    const follower: LogFollower = new LogFollower(docker, c.Id, { follow: false, tail: 'all', maxBatchChars: 500_000 }, {
      lines: (batch) => {
        sizes.push(batch.lines.reduce((n, l) => n + l.length, 0))
        lengths.push(...batch.lines.map((l) => l.length))
        follower.ack(batch.seq)
      },
      state: () => {},
    })
    await follower.start()
    await eventually(() => lengths.length === 6, 'six lines', ENGINE_ANSWER_MS)
    assert.deepEqual(lengths, [300_000, 300_000, 300_000, 300_000, 300_000, 300_000], 'the engine’s 16 KiB parts are joined again')
    assert.ok(sizes.every((n) => n <= 600_000), `batches stay near the limit: ${sizes.join(', ')}`)
  })

  it('refuses a container that does not exist with a sentence', async () => {
    const { follower } = follow('no-such-container-here')
    await assert.rejects(follower.start(), (err: { code: string; message: string }) => err.code === 'not-found' && /container/.test(err.message))
  })
})
