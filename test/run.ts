// `npm test`: starts a private engine (unless DOCKER_HOST names one), builds the fixture images,
// runs the engine and bridge tests (node:test) and the browser tests (Playwright), stops the engine,
// and prints closing lines with the totals per suite and engine. The node suites run on Docker; the browser
// suite runs on Docker and again on Podman (its Docker-compatible API), each on its own private engine.
//   tsx test/run.ts                       everything
//   tsx test/run.ts node [files…]         node:test suites only (or just these files), on Docker
//   tsx test/run.ts e2e [playwright args…] Playwright only, on both engines (e.g. a spec name to filter on)
//   --engine docker|podman (anywhere), or BERTH_TEST_ENGINE: that engine only
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { ENGINE_KINDS, startPrivateEngine, type EngineKind, type PrivateEngine } from './env/engine'
import { buildFixtureImages } from './env/fixtures'
import { ensurePrerequisites, MissingPrerequisites } from './env/prerequisites'

interface Tally {
  passed: number
  failed: number
  skipped: number
}

const ROOT = resolve(__dirname, '..')

function findTests(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'e2e' || name === 'node_modules' ? [] : findTests(path, suffix)
    return name.endsWith(suffix) ? [relative(ROOT, path)] : []
  })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      output += chunk.toString()
    })
    child.on('close', (code) => done({ code: code ?? 1, output }))
  })
}

async function runNodeTests(env: NodeJS.ProcessEnv, only: string[]): Promise<Tally> {
  const files = only.length ? only : findTests(join(ROOT, 'test'), '.test.ts')
  const { code, output } = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    env,
  )
  const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0)
  const tally = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') }
  if (code !== 0 && tally.failed === 0) tally.failed = 1
  return tally
}

async function runBrowserTests(env: NodeJS.ProcessEnv, reportDir: string, extra: string[]): Promise<Tally> {
  const report = join(reportDir, 'playwright.json')
  const { code } = await run(
    process.execPath,
    [require.resolve('@playwright/test/cli'), 'test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json', ...extra],
    { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  )
  try {
    const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: Record<string, number> }).stats
    const tally = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 }
    if (code !== 0 && tally.failed === 0) tally.failed = 1
    return tally
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }
  }
}

type Suite = 'node' | 'e2e'

/** Which suites run on which engine: node on one, e2e on both unless one engine is asked for. */
function plan(only: string | undefined, engine: EngineKind | undefined): { kind: EngineKind; suites: Suite[] }[] {
  if (only === 'node') return [{ kind: engine ?? 'docker', suites: ['node'] }]
  const kinds = engine ? [engine] : [...ENGINE_KINDS]
  return kinds.map((kind, i) => ({ kind, suites: only === 'e2e' || i > 0 ? ['e2e'] : ['node', 'e2e'] }))
}

function engineArg(args: string[]): EngineKind | undefined {
  const at = args.findIndex((a) => a === '--engine' || a.startsWith('--engine='))
  const flag = args[at] ?? ''
  const value = at < 0 ? process.env.BERTH_TEST_ENGINE : flag.includes('=') ? flag.split('=')[1] : args[at + 1]
  if (at >= 0) args.splice(at, flag.includes('=') ? 1 : 2)
  if (value === undefined || value === '') return undefined
  if (!ENGINE_KINDS.includes(value as EngineKind)) throw new Error(`--engine must be one of ${ENGINE_KINDS.join(', ')}, not "${value}".`)
  return value as EngineKind
}

async function main(): Promise<number> {
  // Before anything starts: a missing dockerd would otherwise end in a spawn ENOENT stack trace.
  ensurePrerequisites()
  const args = process.argv.slice(2)
  let engineChoice = engineArg(args)
  const [only, ...rest] = args
  const scratch = mkdtempSync(join(tmpdir(), 'berth-test-'))
  let engine: PrivateEngine | undefined
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    // The CLI and Berth read credentials and contexts from here, never from the user's ~/.docker.
    DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? join(scratch, 'docker-config'),
    BERTH_TEST_SCRATCH: scratch,
    // Whatever temp files the tests make go under the scratch dir, removed at the end of the run.
    TMPDIR: join(scratch, 'tmp'),
  }
  mkdirSync(join(scratch, 'tmp'))
  const cleanup = async () => {
    await engine?.destroy()
    engine = undefined
    rmSync(scratch, { recursive: true, force: true })
  }
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)))
  // An engine named by DOCKER_HOST is the one engine of this run: say which kind it is, or it is taken for Docker.
  const given = process.env.DOCKER_HOST
  if (given) engineChoice ??= 'docker'
  const lines: string[] = []
  const totals: Tally = { passed: 0, failed: 0, skipped: 0 }
  try {
    for (const step of plan(only === 'node' || only === 'e2e' ? only : undefined, engineChoice)) {
      const env: NodeJS.ProcessEnv = { ...base, BERTH_TEST_ENGINE: step.kind }
      if (!given) {
        engine = await startPrivateEngine(step.kind)
        env.DOCKER_HOST = engine.host
        console.log(`\nPrivate ${step.kind} engine at ${engine.host}`)
      } else {
        console.log(`\nUsing the engine in DOCKER_HOST (${step.kind}): ${given}`)
      }
      process.env.DOCKER_HOST = env.DOCKER_HOST
      process.env.DOCKER_CONFIG = env.DOCKER_CONFIG
      const images = await buildFixtureImages()
      console.log(`Fixture images: ${images.join(', ')}`)
      // One closing line per suite and engine, so the end-to-end counts of the two engines stand side by side.
      for (const suite of step.suites) {
        const started = Date.now()
        const tally = suite === 'node' ? await runNodeTests(env, only === 'node' ? rest : []) : await runBrowserTests(env, scratch, only === 'e2e' ? rest : [])
        for (const key of ['passed', 'failed', 'skipped'] as const) totals[key] += tally[key]
        const what = suite === 'node' ? 'node suites' : 'end-to-end'
        const seconds = Math.round((Date.now() - started) / 1000)
        lines.push(`${step.kind.padEnd(6)} ${`(${what}):`.padEnd(14)} ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped, ${seconds} s`)
      }
      await engine?.destroy()
      engine = undefined
    }
    console.log(`\n${lines.join('\n')}`)
    console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
    return totals.failed === 0 && totals.passed > 0 ? 0 : 1
  } finally {
    await cleanup()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof MissingPrerequisites ? err.message : err)
    process.exit(1)
  },
)
