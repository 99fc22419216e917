// `npm run bench:cp`: copies a 1 GiB file into a container and back out, with Berth's engine
// functions (tar packed and unpacked on the fly) and with `docker cp`, alternating, in one run.
// Prints throughput ratios (Berth / CLI) each way and Berth's peak RSS growth while copying.
// Starts a private engine unless DOCKER_HOST is set. BENCH_CP_MB changes the file size.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, openSync, closeSync, writeSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { copyIn, copyOut } from '@main/engine/files/copy'
import { listDirectory } from '@main/engine/files/read'
import { ensureHelperImage, HELPER_IMAGE } from '@main/engine/volumes/helper-image'
import type { FileTarget } from '@common/contract/volumes'
import { engineFromEnvOrPrivate } from '../test/env/engine'
import { testDocker } from '../test/env/session'
import { median } from './harness'

const MB = 1024 * 1024
const SIZE = Number(process.env.BENCH_CP_MB ?? 1024) * MB
const RUNS = Number(process.env.BENCH_CP_RUNS ?? 3)
const NAME = 'big.bin'

const cli = (...args: string[]) => execFileSync('docker', args, { stdio: ['ignore', 'ignore', 'inherit'] })

/** Incompressible data, written in 1 MiB blocks so making it costs no memory. */
function makeFile(path: string): void {
  const block = randomBytes(MB)
  const fd = openSync(path, 'w')
  for (let written = 0; written < SIZE; written += MB) {
    block.writeUInt32LE(written / MB, 0)
    writeSync(fd, block, 0, Math.min(MB, SIZE - written))
  }
  closeSync(fd)
}

/** Runs `fn`, timing it and sampling this process's RSS every 10 ms. */
async function measure(fn: () => unknown): Promise<{ seconds: number; rssGrowth: number }> {
  // Each copy starts with no dirty pages of the previous one still being written back.
  execFileSync('sync')
  const base = process.memoryUsage().rss
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const start = performance.now()
  await fn()
  const seconds = (performance.now() - start) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { seconds, rssGrowth: peak - base }
}

async function main(): Promise<void> {
  const engine = await engineFromEnvOrPrivate()
  const docker = testDocker()
  const scratch = mkdtempSync(join(tmpdir(), 'berth-bench-cp-'))
  const containers: string[] = []
  try {
    const source = join(scratch, NAME)
    makeFile(source)
    await ensureHelperImage(docker)
    // Created, never started: `docker cp` and Berth both work on stopped containers.
    const make = async () => {
      const c = await docker.createContainer({ Image: HELPER_IMAGE, Labels: { 'berth.bench': '1' }, HostConfig: { NetworkMode: 'none' } })
      containers.push(c.id)
      return c.id
    }
    const berthId = await make()
    const cliId = await make()
    const target: FileTarget = { kind: 'container', id: berthId }
    const outBerth = join(scratch, 'out-berth')
    const outCli = join(scratch, 'out-cli')

    const samples = { berthIn: [] as number[], cliIn: [] as number[], berthOut: [] as number[], cliOut: [] as number[] }
    let rssGrowth = 0
    for (let run = 0; run < RUNS; run++) {
      console.log(`run ${run + 1}/${RUNS}…`)
      // Who goes first alternates, so neither always meets the other's dirty pages being written back.
      const berthFirst = run % 2 === 0
      const inBerth = async () => {
        const m = await measure(() => copyIn(docker, target, '/', [source]))
        samples.berthIn.push(m.seconds)
        rssGrowth = Math.max(rssGrowth, m.rssGrowth)
      }
      const inCli = async () => samples.cliIn.push((await measure(() => cli('cp', source, `${cliId}:/`))).seconds)
      for (const step of berthFirst ? [inBerth, inCli] : [inCli, inBerth]) await step()

      for (const dir of [outBerth, outCli]) rmSync(dir, { recursive: true, force: true })
      execFileSync('mkdir', ['-p', outBerth, outCli])
      const outBerthStep = async () => {
        const m = await measure(() => copyOut(docker, target, `/${NAME}`, outBerth))
        samples.berthOut.push(m.seconds)
        rssGrowth = Math.max(rssGrowth, m.rssGrowth)
      }
      const outCliStep = async () => samples.cliOut.push((await measure(() => cli('cp', `${cliId}:/${NAME}`, outCli))).seconds)
      for (const step of berthFirst ? [outBerthStep, outCliStep] : [outCliStep, outBerthStep]) await step()
      if (statSync(join(outBerth, NAME)).size !== SIZE) throw new Error('Berth copied out the wrong number of bytes.')
    }

    const rate = (seconds: number) => SIZE / MB / seconds
    const rows = [
      ['into a container', rate(median(samples.berthIn)), rate(median(samples.cliIn))],
      ['out of a container', rate(median(samples.berthOut)), rate(median(samples.cliOut))],
    ] as const
    const pairs = (berth: number[], docker: number[]) => berth.map((b, i) => ((docker[i] ?? NaN) / b).toFixed(2)).join(' ')
    console.log(`\nper-run ratios in:  ${pairs(samples.berthIn, samples.cliIn)}`)
    console.log(`per-run ratios out: ${pairs(samples.berthOut, samples.cliOut)}`)
    console.log(`\n${SIZE / MB} MiB file, median of ${RUNS} runs each`)
    console.log('direction            Berth MiB/s   docker cp MiB/s   ratio (target >= 0.9)')
    for (const [label, berth, docker] of rows) {
      console.log(`${label.padEnd(20)} ${berth.toFixed(0).padStart(11)} ${docker.toFixed(0).padStart(17)}   ${(berth / docker).toFixed(2)}`)
    }
    console.log(`Berth peak RSS growth while copying: ${(rssGrowth / MB).toFixed(1)} MB (target <= 64 MB)`)
    // The engine has no "list a folder" call: a listing reads the folder's archive, skipping file bytes.
    const listing = await measure(() => listDirectory(docker, target, '/'))
    console.log(`Listing "/" of that container (holding the ${SIZE / MB} MiB file): ${(listing.seconds * 1000).toFixed(0)} ms`)
  } finally {
    await Promise.all(containers.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})))
    rmSync(scratch, { recursive: true, force: true })
    await engine?.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
