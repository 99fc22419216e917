// `npm run bench:lists`: how fast Berth lists containers and images, against the docker CLI doing
// the same in the same run, with many containers on the engine. Also how long an outside change
// takes to reach Berth's live lists. Starts a private engine unless DOCKER_HOST is set.
import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { Engine } from '../main/engine'
import { listContainers } from '../main/engine/containers/containers'
import { listImages } from '../main/engine/images/images'
import type { ContainerSummary } from '../common/types'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { createContainer, eventually, removeTestContainers, testDocker } from '../test/env/session'

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 300)
const RUNS = 15

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

async function timeMany(fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) samples.push(await time(fn))
  return median(samples)
}

const cli = (...args: string[]) => execFileSync('docker', args, { stdio: ['ignore', 'ignore', 'inherit'] })

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  const docker = testDocker()
  try {
    await buildFixtureImages()
    console.log(`Creating ${CONTAINERS} containers…`)
    for (let i = 0; i < CONTAINERS; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, CONTAINERS - i) }, () => createContainer(docker)))
    }
    await createContainer(docker, { start: true })

    const rows: Array<[string, number, number]> = [
      ['containers (docker ps -a)', await timeMany(() => cli('ps', '-a', '--no-trunc')), await timeMany(() => listContainers(docker))],
      ['images (docker images)', await timeMany(() => cli('images', '--no-trunc')), await timeMany(() => listImages(docker))],
    ]

    // Outside change → Berth's live list: the engine's die event to the refreshed list.
    const live = new Engine()
    let latest: ContainerSummary[] = []
    live.watch({ containers: (l) => (latest = l) })
    live.start()
    await eventually(() => live.connection.status.state === 'connected' && latest.length > 0, 'first list', 10_000)
    const latencies: number[] = []
    for (let i = 0; i < 10; i++) {
      const c = await createContainer(docker, { start: true })
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'running'), 'start')
      const t = performance.now()
      await docker.getContainer(c.Id).kill()
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'exited'), 'exit')
      latencies.push(performance.now() - t)
    }
    live.stop()

    console.log(`\nLists with ${CONTAINERS + 11} containers, median of ${RUNS} runs (Berth = engine call, CLI = process run)`)
    console.log('| list | docker CLI | Berth | Berth / CLI |')
    console.log('| --- | ---: | ---: | ---: |')
    for (const [name, a, b] of rows) console.log(`| ${name} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(b / a).toFixed(2)} |`)
    console.log(`\nOutside kill → Berth's live list refreshed: median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (10 runs)`)
  } finally {
    await removeTestContainers(docker)
    await engine?.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
