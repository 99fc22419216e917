// `npm run bench:engines`: Berth against the docker CLI over the same link to one engine, three ways:
// its local unix socket, tcp:// with TLS (--tlsverify, client certificates) and ssh:// (an sshd on
// loopback in front of the same engine, reached through `ssh`, as the CLI reaches it). For each:
//   - the container list (BENCH_CONTAINERS containers): Berth's first list on a new link, Berth's
//     list once its link is open (kept alive, as in the app), and `docker ps -a` (a new process and
//     link each time, as a user runs it);
//   - log throughput: every line of a stopped container (BENCH_LOG_LINES lines) through Berth's log
//     pipeline, against `docker logs <id> > /dev/null`.
// Its own private engine and sshd, removed afterwards; nothing leaves the machine.
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import Dockerode from 'dockerode'
import { listContainers } from '@main/engine/containers/containers'
import { parseHost } from '@main/engine/endpoint'
import { LogFollower } from '@main/engine/logs/logs'
import { DOCKER_CLI } from '../test/env/docker-cli'
import { buildFixtureImages } from '../test/env/fixtures'
import { createContainer } from '../test/env/session'
import { startSshd } from '../test/env/sshd'
import { startTlsEngine } from '../test/env/tls-engine'
import { eventually } from '../test/env/wait'
import { median, verdict } from './harness'

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 200)
const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 200_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const LOG_RUNS = Number(process.env.BENCH_LOG_RUNS ?? 3)
/** Berth / CLI: a list at most as long as the CLI's, logs at most 1.2× (as bench:logs on the socket). */
const TARGETS = { list: 1.0, logs: 1.2 }

interface Link {
  name: string
  options: Dockerode.DockerOptions
  cli: string[]
  env: NodeJS.ProcessEnv
}

const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10)

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** The docker CLI over the link, its output into /dev/null as a user's redirect would. */
async function timeCli(link: Link, args: string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w')
  const start = performance.now()
  const code = await new Promise<number | null>((done) => spawn(DOCKER_CLI, [...link.cli, ...args], { env: link.env, stdio: ['ignore', devNull, devNull] }).on('close', done))
  closeSync(devNull)
  if (code !== 0) throw new Error(`docker ${args.join(' ')} over ${link.name} exited with ${code}`)
  return performance.now() - start
}

/** Every line of the container's log through Berth's pipeline, each batch acknowledged at once. */
function readAllLogs(docker: Dockerode, id: string): Promise<number> {
  let lines = 0
  return new Promise((done, fail) => {
    const follower: LogFollower = new LogFollower(docker, id, { follow: false, tail: 'all' }, {
      lines: (batch) => {
        for (const kind of batch.kinds) if (kind !== 'm') lines++
        follower.ack(batch.seq)
      },
      state: (phase, message) => {
        if (phase === 'failed') fail(new Error(message))
        if (phase === 'ended') done(lines)
      },
    })
    follower.start().catch(fail)
  })
}

interface Figures {
  firstList: number
  list: number
  cliList: number
  logs: number
  cliLogs: number
}

async function measure(link: Link, logId: string): Promise<Figures> {
  const docker = new Dockerode(link.options)
  try {
    const firstList = await time(() => listContainers(docker))
    const lists: number[] = []
    const cliLists: number[] = []
    for (let i = 0; i < RUNS; i++) {
      lists.push(await time(() => listContainers(docker)))
      cliLists.push(await timeCli(link, ['ps', '-a', '--no-trunc']))
    }
    const logs: number[] = []
    const cliLogs: number[] = []
    for (let i = 0; i < LOG_RUNS; i++) {
      const start = performance.now()
      const read = await readAllLogs(docker, logId)
      if (read !== LOG_LINES) throw new Error(`Berth read ${read} log lines over ${link.name}, not ${LOG_LINES}`)
      logs.push(performance.now() - start)
      cliLogs.push(await timeCli(link, ['logs', logId]))
    }
    return { firstList, list: median(lists), cliList: median(cliLists), logs: median(logs), cliLogs: median(cliLogs) }
  } finally {
    const { agent } = link.options as { agent?: { destroy(): void } }
    agent?.destroy()
  }
}

async function main(): Promise<void> {
  const tls = await startTlsEngine()
  const sshd = await startSshd(tls.socketHost)
  try {
    sshd.trust()
    await buildFixtureImages(tls.socketHost)
    const local = new Dockerode(parseHost(tls.socketHost))
    console.log(`Making ${CONTAINERS} containers and one with ${LOG_LINES.toLocaleString('en')} log lines…`)
    for (let i = 0; i < CONTAINERS - 1; i += 25) await Promise.all(Array.from({ length: Math.min(25, CONTAINERS - 1 - i) }, () => createContainer(local)))
    const logger = await createContainer(local, { cmd: ['sh', '-c', `yes 'a log line of a typical length, with a few words and a number 12345' | head -n ${LOG_LINES}`], start: true })
    await eventually(async () => !(await local.getContainer(logger.Id).inspect()).State.Running, 'the log container to finish', 120_000)

    const links: Link[] = [
      { name: 'unix socket', options: parseHost(tls.socketHost), cli: ['-H', tls.socketHost], env: process.env },
      { name: 'tcp + TLS', options: parseHost(tls.host, tls.tls()), cli: tls.cliFlags(), env: process.env },
      { name: 'ssh', options: parseHost(sshd.host, {}, sshd.env), cli: ['-H', sshd.host], env: sshd.env },
    ]
    const results: Array<[Link, Figures]> = []
    for (const link of links) results.push([link, await measure(link, logger.Id)])

    console.log(`\n${CONTAINERS} containers, ${LOG_LINES.toLocaleString('en')} log lines; lists median of ${RUNS}, logs median of ${LOG_RUNS}; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`)
    for (const [link, f] of results) {
      const listRatio = f.list / f.cliList
      const logRatio = f.logs / f.cliLogs
      const remote = link.name !== 'unix socket'
      console.log(`\n${link.name}`)
      console.log(`  container list, first (new link) ${ms(f.firstList)}`)
      console.log(`  container list, Berth            ${ms(f.list)}   docker ps -a ${ms(f.cliList)}   Berth/CLI = ${listRatio.toFixed(2)}${remote ? ` (target ≤ ${TARGETS.list}) ${verdict(listRatio <= TARGETS.list)}` : ''}`)
      console.log(`  all log lines, Berth             ${ms(f.logs)}   docker logs  ${ms(f.cliLogs)}   Berth/CLI = ${logRatio.toFixed(2)}${remote ? ` (target ≤ ${TARGETS.logs}) ${verdict(logRatio <= TARGETS.logs)}` : ''}`)
      console.log(`  log throughput, Berth            ${Math.round(LOG_LINES / (f.logs / 1000)).toLocaleString('en')} lines/s, CLI ${Math.round(LOG_LINES / (f.cliLogs / 1000)).toLocaleString('en')} lines/s`)
    }
  } finally {
    await sshd.destroy()
    await tls.destroy()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
