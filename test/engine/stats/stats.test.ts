import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { StatsFollower } from '@main/engine/stats/follower'
import { memoryWithoutCache } from '@main/engine/stats/sample'
import { docker as cli } from '../../env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import type { StatsPhase, StatsSample } from '@common/contract/stats'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../../env/wait'

/** `1.5MiB / 7.7GiB` → bytes of the first figure, as the CLI's units (powers of 1024). */
function cliBytes(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)/.exec(text.trim())
  if (!m) throw new Error(`not a size: ${text}`)
  const unit = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1000, MB: 1e6, GB: 1e9 }[m[2] as string] ?? 1
  return Number(m[1]) * unit
}

describe('container stats (real engine, docker stats as the oracle)', () => {
  let engine: Engine
  before(async () => {
    engine = new Engine()
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'the engine to connect', ENGINE_ANSWER_MS)
  })
  after(async () => {
    await removeTestContainers(testDocker())
    engine.stop()
  })

  it('computes memory without the page cache, as the CLI does', () => {
    assert.equal(memoryWithoutCache({ usage: 1000, stats: { total_inactive_file: 300 } }), 700)
    assert.equal(memoryWithoutCache({ usage: 1000, stats: { inactive_file: 400 } }), 600)
    assert.equal(memoryWithoutCache({ usage: 1000, stats: { inactive_file: 4000 } }), 1000)
  })

  it('matches docker stats --no-stream memory, and comes back by itself after the container restarts', async () => {
    // A container holding a few MiB in memory (a tmpfs file counts as its memory, not as page cache it can drop).
    const c = await createContainer(engine.docker, {
      cmd: ['sh', '-c', "mkdir -p /dev/shm/x && head -c 8000000 /bin/busybox > /dev/null; dd if=/dev/zero of=/dev/shm/fill bs=1M count=6 2>/dev/null; trap 'exit 0' TERM; sleep 3600 & wait"],
      start: true,
    })
    const samples: StatsSample[] = []
    const phases: StatsPhase[] = []
    const follower = new StatsFollower(engine, c.Id, { sample: (s) => samples.push(s), state: (p) => phases.push(p) })
    try {
      const opened = await follower.start()
      assert.equal(opened.running, true)
      await eventually(() => samples.length >= 2, 'two samples', CONTAINER_RUN_MS)
      const row = JSON.parse(await cli(['stats', '--no-stream', '--format', '{{json .}}', c.Id])) as { MemUsage: string; MemPerc: string }
      const fromCli = cliBytes(row.MemUsage.split('/')[0] as string)
      const ours = samples[samples.length - 1] as StatsSample
      assert.ok(Math.abs(ours.memoryBytes - fromCli) <= Math.max(512 * 1024, fromCli * 0.1), `Berth ${ours.memoryBytes} vs docker stats ${fromCli}`)
      assert.ok(ours.memoryBytes > 5 * 1024 * 1024, 'the tmpfs file is counted')
      assert.ok(Math.abs(ours.memoryPercent - parseFloat(row.MemPerc)) < 0.5)
      assert.ok(ours.memoryLimitBytes > 0)

      await cli(['restart', '-t', '1', c.Id])
      // The old run's samples all came before the engine started the new one.
      const startedAt = Date.parse((await engine.docker.getContainer(c.Id).inspect()).State.StartedAt)
      await eventually(() => samples.some((s) => s.at > startedAt), 'a sample from the new run', CONTAINER_RUN_MS)
      assert.equal(phases[phases.length - 1], 'running')
    } finally {
      follower.close()
    }
  })

  it('says a stopped container is stopped, and starts streaming when it starts', async () => {
    const c = await createContainer(engine.docker, {})
    const samples: StatsSample[] = []
    const phases: StatsPhase[] = []
    const follower = new StatsFollower(engine, c.Id, { sample: (s) => samples.push(s), state: (p) => phases.push(p) })
    try {
      assert.equal((await follower.start()).running, false)
      assert.deepEqual(phases, ['stopped'])
      await engine.docker.getContainer(c.Id).start()
      await eventually(() => samples.length > 0, 'a sample after start', CONTAINER_RUN_MS)
      assert.equal(phases[phases.length - 1], 'running')
    } finally {
      follower.close()
    }
  })
})
