// `npm test`: starts a private engine (unless DOCKER_HOST names one), builds the fixture images,
// runs the engine and bridge tests (node:test) and the browser tests (Playwright), stops the engine,
// and prints one closing line with the totals.
//   tsx test/run.ts            everything
//   tsx test/run.ts node [files…]        node:test suites only (or just these files)
//   tsx test/run.ts e2e [playwright args…] Playwright only (e.g. a spec name to filter on)
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { startPrivateEngine, type PrivateEngine } from './env/engine'
import { buildFixtureImages } from './env/fixtures'

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

async function main(): Promise<number> {
  const [only, ...rest] = process.argv.slice(2)
  const scratch = mkdtempSync(join(tmpdir(), 'berth-test-'))
  let engine: PrivateEngine | undefined
  const env: NodeJS.ProcessEnv = {
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
    rmSync(scratch, { recursive: true, force: true })
  }
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)))
  try {
    if (!env.DOCKER_HOST) {
      engine = await startPrivateEngine()
      env.DOCKER_HOST = engine.host
      console.log(`Private engine at ${engine.host}`)
    } else {
      console.log(`Using the engine in DOCKER_HOST: ${env.DOCKER_HOST}`)
    }
    process.env.DOCKER_HOST = env.DOCKER_HOST
    process.env.DOCKER_CONFIG = env.DOCKER_CONFIG
    const images = await buildFixtureImages()
    console.log(`Fixture images: ${images.join(', ')}`)

    const totals: Tally = { passed: 0, failed: 0, skipped: 0 }
    const add = (t: Tally) => {
      totals.passed += t.passed
      totals.failed += t.failed
      totals.skipped += t.skipped
    }
    if (only !== 'e2e') add(await runNodeTests(env, only === 'node' ? rest : []))
    if (only !== 'node') add(await runBrowserTests(env, scratch, only === 'e2e' ? rest : []))
    console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
    return totals.failed === 0 && totals.passed > 0 ? 0 : 1
  } finally {
    await cleanup()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
