// `npm run bench:build`: Berth's build against `docker build` (Debian's 20.10 client, same builder)
// on a 40-step Dockerfile, cold and fully cached, in the same run. Prints medians and the ratio
// (the goal is Berth ≤ 1.05× the CLI). Starts a private engine unless DOCKER_HOST is set;
// BENCH_RUNS sets the rounds (3), BENCH_BUILDERS the builders (buildkit,classic).
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { buildFixtureImages } from '../test/env/fixtures'
import { testDocker } from '../test/env/session'
import type { Builder } from '@common/contract/build'
import { STEPS, timeBuilds, type Timing } from './build-timing'
import { median } from './harness'

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  try {
    if (engine) await buildFixtureImages()
    const runs = Number(process.env.BENCH_RUNS ?? 3)
    const builders = (process.env.BENCH_BUILDERS ?? 'buildkit,classic').split(',') as Builder[]
    const rows: Timing[] = []
    for (const builder of builders) rows.push(...(await timeBuilds(testDocker(), builder, runs)))
    console.log(`\n${STEPS}-step Dockerfile, median of ${runs} (seconds):\n`)
    console.log('| builder | build | docker build | Berth | Berth / CLI |')
    console.log('| --- | --- | ---: | ---: | ---: |')
    for (const row of rows) {
      const cli = median(row.cli)
      const berth = median(row.berth)
      console.log(`| ${row.builder} | ${row.phase} | ${cli.toFixed(2)} | ${berth.toFixed(2)} | ${(berth / cli).toFixed(2)}× |`)
    }
  } finally {
    await engine?.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
