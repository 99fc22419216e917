// Compose projects for the tests, made the way the tools make them: containers created through the
// docker CLI with exactly the labels and names Compose v2 gives (`app-web-1`), and a compose file
// for docker-compose 1.29 (installed from apt), which the tests run as the oracle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker, type CliOptions } from './docker-cli'
import { IDLE, TEST_LABEL } from './fixtures'
import { BUSYBOX_IMAGE } from './session'
import { execFile } from 'node:child_process'

export const COMPOSE_CLI = '/usr/bin/docker-compose'

/** The labels Compose v2 puts on `<project>-<service>-<n>`, as `docker compose up` writes them. */
export function composeV2Flags(project: string, service: string, n: number, workingDir = '/srv/app'): string[] {
  const labels = {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(n),
    'com.docker.compose.oneoff': 'False',
    'com.docker.compose.version': '2.24.6',
    'com.docker.compose.config-hash': 'a1b2c3',
    'com.docker.compose.project.working_dir': workingDir,
    'com.docker.compose.project.config_files': `${workingDir}/compose.yaml`,
    'com.docker.compose.depends_on': '',
    'com.docker.compose.image': 'sha256:0',
    [TEST_LABEL]: '1',
  }
  return ['--name', `${project}-${service}-${n}`, '--network', 'none', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])]
}

/** `docker run -d` of one container of a project as Compose v2 makes it; resolves with its id. */
export const runV2Container = (project: string, service: string, n: number, cmd: string[] = IDLE, options: CliOptions = {}) =>
  docker(['run', '-d', ...composeV2Flags(project, service, n), BUSYBOX_IMAGE, ...cmd], options)

/** A folder with a compose file naming these services, each running `cmd` from the fixture image, never pulled. */
export function composeFolder(services: Record<string, { cmd?: string[]; networkNone?: boolean }>): { dir: string; file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-'))
  const file = join(dir, 'docker-compose.yml')
  const lines = ['version: "2.4"', 'services:']
  for (const [name, s] of Object.entries(services)) {
    lines.push(`  ${name}:`, `    image: ${BUSYBOX_IMAGE}`, '    pull_policy: never', `    command: ${JSON.stringify(s.cmd ?? IDLE)}`, `    labels: { ${JSON.stringify(TEST_LABEL)}: "1" }`)
    if (s.networkNone) lines.push('    network_mode: none')
  }
  writeFileSync(file, lines.join('\n') + '\n')
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** docker-compose 1.29 on the engine at `host` (or the run's): resolves with its stdout. */
export function compose(args: string[], options: { host?: string; cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  const env = { ...process.env, ...(options.host ? { DOCKER_HOST: options.host } : {}), COMPOSE_INTERACTIVE_NO_CLI: '1' }
  return new Promise((resolve, reject) => {
    execFile(COMPOSE_CLI, args, { env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker-compose ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(stdout.trim())
    })
  })
}
