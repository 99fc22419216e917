// `npm test`: runs the unit tests (no engine), then, on each engine in turn, Docker then Podman (its
// Docker-compatible API), each a private engine of its own started here (unless DOCKER_HOST names one):
// builds the fixture images, runs the engine and bridge tests (node:test) and the browser tests
// (Playwright), and stops the engine. Closing lines give the totals per suite and engine.
// Unit tests are the ones under test/common/ and test/renderer/: pure logic, so they run once, before
// any engine starts, with DOCKER_HOST naming a socket nobody listens on (one that reaches for an engine
// fails, and never finds the machine's own).
//   tsx test/run.ts                        everything
//   tsx test/run.ts node [files or folders…] node:test only (or just these): the unit tests once, the rest on both engines
//   tsx test/run.ts e2e [playwright args…]  Playwright only, on both engines (e.g. a spec name to filter on)
//   --engine docker|podman (anywhere), or BERTH_TEST_ENGINE: that engine only
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { ENGINE_KINDS, startPrivateEngine, type EngineKind, type PrivateEngine } from './env/engine'
import { buildFixtureImages } from './env/fixtures'
import { ensurePrerequisites, MissingPrerequisites } from './env/prerequisites'

interface Tally {
  passed: number
  failed: number
  skipped: number
}

const ROOT = resolve(__dirname, '..')
/** Pure logic, by folder: these need no engine and gain nothing from running on two. */
const UNIT_FOLDERS = ['common', 'renderer'].map((name) => join('test', name) + sep)

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

/** The node:test files to run, from the command line's files and folders (all of test/ by default), unit tests apart. */
function nodeTestFiles(given: string[]): { unit: string[]; engine: string[] } {
  const files = (given.length ? given : [join(ROOT, 'test')]).flatMap((arg) => {
    const path = resolve(arg)
    if (!existsSync(path)) throw new Error(`No test file or folder "${arg}".`)
    return statSync(path).isDirectory() ? findTests(path, '.test.ts') : [relative(ROOT, path)]
  })
  const unit = (file: string) => UNIT_FOLDERS.some((folder) => file.startsWith(folder))
  return { unit: files.filter(unit), engine: files.filter((file) => !unit(file)) }
}

async function runNodeTests(env: NodeJS.ProcessEnv, files: string[]): Promise<Tally> {
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

type Suite = 'unit' | 'node' | 'e2e'

/** What runs where: the unit tests once with no engine, then the node and browser suites on each engine asked for. */
function plan(only: 'node' | 'e2e' | undefined, engine: EngineKind | undefined, files: { unit: string[]; engine: string[] }): { kind: EngineKind | null; suites: Suite[] }[] {
  const steps: { kind: EngineKind | null; suites: Suite[] }[] = []
  if (only !== 'e2e' && files.unit.length) steps.push({ kind: null, suites: ['unit'] })
  for (const kind of engine ? [engine] : ENGINE_KINDS) {
    const suites: Suite[] = []
    if (only !== 'e2e' && files.engine.length) suites.push('node')
    if (only !== 'node') suites.push('e2e')
    if (suites.length) steps.push({ kind, suites })
  }
  return steps
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
  const args = process.argv.slice(2)
  let engineChoice = engineArg(args)
  const [only, ...rest] = args
  // An engine named by DOCKER_HOST is the one engine of this run: say which kind it is, or it is taken for Docker.
  const given = process.env.DOCKER_HOST
  if (given) engineChoice ??= 'docker'
  const suitesOnly = only === 'node' || only === 'e2e' ? only : undefined
  const files = suitesOnly === 'e2e' ? { unit: [], engine: [] } : nodeTestFiles(suitesOnly === 'node' ? rest : [])
  const steps = plan(suitesOnly, engineChoice, files)
  // Before anything starts: a missing dockerd would otherwise end in a spawn ENOENT stack trace.
  if (steps.some((step) => step.kind)) ensurePrerequisites()
  const scratch = mkdtempSync(join(tmpdir(), 'berth-test-'))
  let engine: PrivateEngine | undefined
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    // The CLI and Berth read credentials and contexts from here, never from the user's ~/.docker.
    DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? join(scratch, 'docker-config'),
    BERTH_TEST_SCRATCH: scratch,
    // Browser mode remembers the engine it showed under the user's config folder: the run's own.
    XDG_CONFIG_HOME: join(scratch, 'config'),
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
  const lines: { label: string; counts: string }[] = []
  const totals: Tally = { passed: 0, failed: 0, skipped: 0 }
  try {
    for (const step of steps) {
      const env: NodeJS.ProcessEnv = { ...base }
      if (!step.kind) {
        // No engine at all: whatever a unit test sends to this socket fails, and the machine's own engine is never found.
        env.DOCKER_HOST = `unix://${join(scratch, 'no-engine.sock')}`
        delete env.BERTH_TEST_ENGINE
        console.log('\nUnit tests, with no engine')
      } else {
        env.BERTH_TEST_ENGINE = step.kind
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
      }
      // One closing line per suite and engine, so the counts of the two engines stand side by side.
      for (const suite of step.suites) {
        const started = Date.now()
        const tally =
          suite === 'e2e' ? await runBrowserTests(env, scratch, suitesOnly === 'e2e' ? rest : []) : await runNodeTests(env, suite === 'unit' ? files.unit : files.engine)
        for (const key of ['passed', 'failed', 'skipped'] as const) totals[key] += tally[key]
        const label = step.kind ? `${step.kind.padEnd(6)} (${suite === 'node' ? 'node suites' : 'end-to-end'}):` : 'unit tests (no engine):'
        const seconds = Math.round((Date.now() - started) / 1000)
        lines.push({ label, counts: `${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped, ${seconds} s` })
      }
      await engine?.destroy()
      engine = undefined
    }
    const width = Math.max(...lines.map((line) => line.label.length))
    console.log(`\n${lines.map((line) => `${line.label.padEnd(width)} ${line.counts}`).join('\n')}`)
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
