// `npm run check:electron`: Electron's security checklist, checked by Electronegativity over the
// sources (main/, preload/, renderer/, scanned together so its app-wide checks see the whole app) and
// over the build in out/ (the bundles Electron really loads, and the renderer's compiled .vue
// templates, which the tool does not read as sources).
// The tool exits 0 whatever it finds, so this script fails on any finding that electronegativity.json
// does not argue, on an argument whose finding is gone (the file must stay true), and on a file the
// tool could not parse (a file not read is a file not checked).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import run, { type Finding, type Report } from '@doyensec/electronegativity'

const ROOT = resolve(__dirname, '..')

interface Config {
  excludedChecks: { check: string; why: string }[]
  argued: { scan: Scan; check: string; file: string; count?: number; why: string }[]
}
type Scan = 'sources' | 'build'

/** The Electron version the checks assume: the tool cannot see the binary, which is not installed in CI. */
function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> }
  const version = /\d+\.\d+\.\d+/.exec(pkg.devDependencies?.electron ?? '')?.[0]
  if (!version) throw new Error('package.json names no Electron version in devDependencies')
  return version
}

async function scanFolder(input: string, config: Config): Promise<Report> {
  return run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion(),
    excludeFromScan: config.excludedChecks.map((c) => c.check),
  })
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(join(ROOT, 'electronegativity.json'), 'utf8')) as Config
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('out/ has no build: run `npx electron-vite build` first')

  // The three source folders side by side, without the tests and scripts around them.
  const staged = mkdtempSync(join(tmpdir(), 'berth-electronegativity-'))
  const results: { scan: Scan; report: Report }[] = []
  try {
    for (const dir of ['main', 'preload', 'renderer']) cpSync(join(ROOT, dir), join(staged, dir), { recursive: true })
    results.push({ scan: 'sources', report: await scanFolder(staged, config) })
  } finally {
    rmSync(staged, { recursive: true, force: true })
  }
  results.push({ scan: 'build', report: await scanFolder(join(ROOT, 'out'), config) })

  let failures = 0
  for (const { scan, report } of results) {
    const where = scan === 'sources' ? 'main/, preload/, renderer/' : 'out/'
    console.log(`\n${scan} (${where}): ${report.issues.length} finding(s)`)
    for (const error of report.errors) {
      console.log(`  ${error.tolerable ? 'warning' : 'NOT READ'}  ${error.file}: ${error.message}`)
      if (!error.tolerable) failures++
    }
    const groups = new Map<string, Finding[]>()
    for (const issue of report.issues) {
      const key = `${issue.id} ${unhashed(issue.file)}`
      groups.set(key, [...(groups.get(key) ?? []), issue])
    }
    for (const [key, issues] of groups) {
      const argument = config.argued.find((a) => a.scan === scan && `${a.check} ${a.file}` === key)
      const argued = argument !== undefined && (argument.count ?? 1) === issues.length
      if (!argued) failures++
      for (const i of issues) {
        console.log(`  ${argued ? 'argued' : 'FINDING'}  ${i.id}  ${i.file}:${i.location.line}:${i.location.column}  ${i.severity.name}/${i.confidence.name}`)
        console.log(`      ${i.description}${i.sample ? `: ${i.sample.slice(0, 120)}` : ''}`)
      }
      if (argument && !argued) console.log(`      electronegativity.json argues ${argument.count ?? 1} of these, not ${issues.length}`)
      else if (argument) console.log(`      why: ${argument.why}`)
    }
    for (const a of config.argued.filter((a) => a.scan === scan && !groups.has(`${a.check} ${a.file}`))) {
      console.log(`  STALE  ${a.check}  ${a.file}: argued in electronegativity.json but no longer found; remove the argument`)
      failures++
    }
  }
  console.log(failures === 0 ? '\nNo unargued finding.' : `\n${failures} problem(s): fix the code, or argue the finding in electronegativity.json.`)
  process.exitCode = failures === 0 ? 0 : 1
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})

/** A built asset's name without the content hash Vite puts in it (`assets/index-D7XaLNgH.js` → `assets/index.js`), so an argument outlives the next build. */
function unhashed(file: string): string {
  return file.replace(/^(renderer\/assets\/[^/]+?)-[A-Za-z0-9_-]{8}(\.js)$/, '$1$2')
}
