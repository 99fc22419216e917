// What the tests need on the machine, checked before anything starts, from one list
// (prerequisites.list) that .ci/run installs from too. As root on Debian, what is missing is
// installed; elsewhere the run stops with the install command to type.
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'

export interface Prerequisite {
  /** A program on PATH, or an absolute path (busybox must be the static one the fixtures copy). */
  program: string
  /** The Debian package that has it. */
  debianPackage: string
}

/** Stops the run with a sentence, not a stack trace. */
export class MissingPrerequisites extends Error {}

export function readPrerequisites(file = join(__dirname, 'prerequisites.list')): Prerequisite[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [program = '', debianPackage = ''] = line.split(/\s+/)
      return { program, debianPackage }
    })
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Where the program is, as a shell would find it (PATH plus the sbin folders root has). */
export function findProgram(program: string): string | undefined {
  if (isAbsolute(program)) return executable(program) ? program : undefined
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin']
  return dirs.map((dir) => join(dir, program)).find(executable)
}

export function missingPrerequisites(list = readPrerequisites()): Prerequisite[] {
  return list.filter((p) => !findProgram(p.program))
}

const installLine = (packages: string[]) => `apt-get install -y --no-install-recommends ${packages.join(' ')}`

/** Checks every prerequisite; installs the missing ones where it can, else throws MissingPrerequisites. */
export function ensurePrerequisites(): void {
  const missing = missingPrerequisites()
  if (missing.length === 0) return
  const packages = [...new Set(missing.map((p) => p.debianPackage))]
  const programs = missing.map((p) => p.program).join(', ')
  const canInstall = process.getuid?.() === 0 && existsSync('/etc/debian_version') && findProgram('apt-get')
  if (!canInstall) {
    throw new MissingPrerequisites(
      `The tests need ${programs}, which this machine does not have. On Debian or Ubuntu, install them with:\n` +
        `  sudo ${installLine(packages)}\n` +
        '(elsewhere, install the same programs from your system\'s packages), then run npm test again.',
    )
  }
  console.log(`Installing what the tests need (${programs} missing): ${packages.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env })
  const still = missingPrerequisites()
  if (still.length) {
    throw new MissingPrerequisites(`Installing ${packages.join(' ')} did not bring ${still.map((p) => p.program).join(', ')}: the tests cannot run.`)
  }
}
