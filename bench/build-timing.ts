// What `npm run bench:build` measures: a 40-step Dockerfile built by Berth (the engine functions the
// Build page calls) and by `/usr/bin/docker build` with the same builder, cold (a fresh first step,
// so nothing below it is cached) and fully cached, alternating which goes first.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type Dockerode from 'dockerode'
import { buildImage } from '@main/engine/build/build'
import type { Builder } from '@common/contract/build'
import { cliBuild } from '../test/env/cli-oracle'
import { fixtureImage } from '../test/env/fixtures'

export const STEPS = 40

/** A context whose Dockerfile has 40 steps: FROM, then RUN and COPY by turns; `nonce` makes it cold. */
export function writeContext(dir: string, nonce: string): void {
  const lines = [`FROM ${fixtureImage('busybox')}`, `RUN echo ${nonce} > /nonce`]
  for (let i = 2; i < STEPS; i++) {
    if (i % 3 === 0) {
      writeFileSync(join(dir, `f${i}.txt`), `file ${i}\n`)
      lines.push(`COPY f${i}.txt /files/`)
    } else lines.push(`RUN echo ${i} > /r${i}`)
  }
  writeFileSync(join(dir, 'Dockerfile'), `${lines.join('\n')}\n`)
}

export interface Timing {
  builder: Builder
  phase: 'cold' | 'cached'
  cli: number[]
  berth: number[]
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return (performance.now() - start) / 1000
}

async function berthBuild(docker: Dockerode, dir: string, builder: Builder): Promise<void> {
  const { result } = await buildImage(docker, 'bench', { folder: dir, tags: [], buildArgs: [], builder, network: 'none' })
  if (result.failure) throw new Error(`Berth's build failed: ${result.failure.message}`)
}

const cliRun = (dir: string, builder: Builder) => cliBuild(builder, ['--network=none', dir])

/** `runs` rounds; each builds a fresh context cold, then again cached, with Berth and the CLI in turn. */
export async function timeBuilds(docker: Dockerode, builder: Builder, runs: number): Promise<Timing[]> {
  const cold: Timing = { builder, phase: 'cold', cli: [], berth: [] }
  const cached: Timing = { builder, phase: 'cached', cli: [], berth: [] }
  for (let round = 0; round < runs; round++) {
    // Two contexts with different first steps: neither tool can reuse the other's cache.
    const dirs = { berth: mkdtempSync(join(tmpdir(), 'berth-bench-build-')), cli: mkdtempSync(join(tmpdir(), 'berth-bench-build-cli-')) }
    writeContext(dirs.berth, randomBytes(6).toString('hex'))
    writeContext(dirs.cli, randomBytes(6).toString('hex'))
    const order = round % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const)
    for (const phase of [cold, cached]) {
      for (const who of order) {
        const seconds = await timed(() => (who === 'berth' ? berthBuild(docker, dirs.berth, builder) : cliRun(dirs.cli, builder)))
        phase[who].push(seconds)
        console.error(`${builder} ${phase.phase} round ${round + 1}: ${who === 'berth' ? 'Berth' : 'docker build'} ${seconds.toFixed(2)} s`)
      }
    }
  }
  return [cold, cached]
}

