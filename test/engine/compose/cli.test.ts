// Berth's compose runner against the real compose CLI, on a private engine with its bridge network in a
// network namespace of this test's own (compose makes a network per project). What Berth did is
// compared with `docker-compose ps` and `docker inspect` on the same engine.
import { strict as assert } from 'node:assert'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { ComposeCli, ComposeRunRequest } from '@common/compose/command'
import type { ComposeOutputLine } from '@common/contract/compose'
import { runCompose } from '@main/engine/compose/cli'
import { findComposeCli } from '@main/engine/compose/find-cli'
import { prepareRun } from '@main/engine/compose/prepare'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { testEngineKind } from '../../env/engine'
import { docker } from '../../env/docker-cli'
import { BUSYBOX_IMAGE, testEndpoint, uniqueName } from '../../env/session'
import { IMAGE_TRANSFER_MS } from '../../env/wait'

const IDLE = `["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`
const COMPOSE = `services:
  web:
    image: ${BUSYBOX_IMAGE}
    command: ${IDLE}
    volumes: ["data:/data"]
  worker:
    build: ./worker
    image: berth-compose-worker:dev
    command: ${IDLE}
volumes:
  data: {}
`

let engine: NetnsEngine | undefined
let cli: ComposeCli | null = null
let folder = ''
const project = uniqueName('app').replace(/-/g, '')

/** `docker-compose ps` on the test's engine: the oracle for what the project has. */
function composePs(args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker-compose', ['-p', project, '-f', join(folder, 'compose.yaml'), 'ps', ...args], { cwd: folder, env: { ...process.env, DOCKER_HOST: engine!.host }, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout.trim()),
    )
  })
}

const onEngine = (args: string[]) => docker(args, { host: engine!.host })

async function run(request: Partial<ComposeRunRequest> & Pick<ComposeRunRequest, 'command'>, controller?: AbortController) {
  const full: ComposeRunRequest = { project, files: [join(folder, 'compose.yaml')], ...request }
  const files = await prepareRun(full)
  const lines: ComposeOutputLine[] = []
  const result = await runCompose(full, 'op', {
    cli: cli!,
    endpoint: testEndpoint(engine!.host),
    services: files.services.map((s) => s.name),
    cwd: files.workingDir,
    onLines: (l) => {
      lines.push(...l)
      // A cancel once the CLI has said something: it is running.
      controller?.abort()
    },
    ...(controller ? { signal: controller.signal } : {}),
  })
  return { result, lines }
}

describe('compose up, down, pull, build and restart through the user’s compose CLI', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'berth-compose-'))
    writeFileSync(join(folder, 'compose.yaml'), COMPOSE)
    mkdirSync(join(folder, 'worker'))
    writeFileSync(join(folder, 'worker', 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo built > /built\n`)
    cli = await findComposeCli()
    assert.ok(cli, 'a compose CLI is installed (test/env/prerequisites.list)')
    engine = await startNetnsEngine(testEngineKind())
  })
  after(async () => {
    await engine?.destroy()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  it('up -d --build makes the project’s containers on Berth’s engine, as docker-compose ps sees them, with output per service', { timeout: IMAGE_TRANSFER_MS * 2 }, async () => {
    const { result, lines } = await run({ command: 'up', build: true })
    assert.equal(result.exitCode, 0, lines.map((l) => l.text).join('\n'))
    assert.match(result.line, new RegExp(`^DOCKER_HOST=unix://\\S+ (docker compose|docker-compose) -p ${project} -f \\S+/compose.yaml up -d --build$`))
    const ps = await composePs(['-q'])
    assert.equal(ps.split('\n').filter(Boolean).length, 2, ps)
    const web = JSON.parse(await onEngine(['inspect', `${project}_web_1`, `${project}-web-1`].slice(0, 2))) as { State: { Running: boolean }; Config: { Labels: Record<string, string> } }[]
    assert.equal(web[0]?.State.Running, true)
    assert.equal(web[0]?.Config.Labels['com.docker.compose.service'], 'web')
    assert.ok(lines.some((l) => l.service === 'web'), `a line names web: ${JSON.stringify(lines)}`)
    assert.ok(lines.some((l) => l.service === 'worker'), `a line names worker: ${JSON.stringify(lines)}`)
    assert.match(await onEngine(['volume', 'ls', '-q']), new RegExp(`^${project}_data$`, 'm'))
  })

  it('restart restarts both services', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const before = JSON.parse(await onEngine(['inspect', `${project}_web_1`])) as { State: { StartedAt: string } }[]
    const { result, lines } = await run({ command: 'restart' })
    assert.equal(result.exitCode, 0, lines.map((l) => l.text).join('\n'))
    const afterwards = JSON.parse(await onEngine(['inspect', `${project}_web_1`])) as { State: { StartedAt: string; Running: boolean } }[]
    assert.notEqual(afterwards[0]?.State.StartedAt, before[0]?.State.StartedAt)
    assert.equal(afterwards[0]?.State.Running, true)
  })

  it('build builds the service’s image on Berth’s engine', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const imageId = () => onEngine(['image', 'inspect', '--format', '{{.Id}}', 'berth-compose-worker:dev'])
    const before = await imageId()
    writeFileSync(join(folder, 'worker', 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo built again > /built\n`)
    const { result, lines } = await run({ command: 'build' })
    assert.equal(result.exitCode, 0, lines.map((l) => l.text).join('\n'))
    assert.notEqual(await imageId(), before, 'the tag names a new image')
    assert.ok(lines.some((l) => l.service === 'worker'))
  })

  it('pull runs the CLI’s pull, with its exit code: the fixture image is on no registry this engine can reach', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const { result, lines } = await run({ command: 'pull' })
    // Docker looks for it on Docker Hub, which it cannot reach from the namespace; Podman answers with
    // the image it has (README, Podman), so its pull succeeds.
    if (engine!.kind === 'docker') assert.notEqual(result.exitCode, 0)
    else assert.equal(result.exitCode, 0, lines.map((l) => l.text).join('\n'))
    assert.ok(lines.some((l) => l.service === 'web'), JSON.stringify(lines))
  })

  it('down -v is refused unless the volumes confirmed are the ones it removes; then down keeps volumes unless asked', { timeout: IMAGE_TRANSFER_MS }, async () => {
    await assert.rejects(run({ command: 'down', removeVolumes: ['something_else'] }), /down -v would remove .*_data/)
    assert.equal((await composePs(['-q'])).split('\n').filter(Boolean).length, 2, 'nothing was run')
    const { result } = await run({ command: 'down' })
    assert.equal(result.exitCode, 0)
    assert.equal(await composePs(['-q']), '')
    assert.match(await onEngine(['volume', 'ls', '-q']), new RegExp(`^${project}_data$`, 'm'), 'down without -v keeps the named volume')
    await run({ command: 'up' })
    const down = await run({ command: 'down', removeVolumes: [`${project}_data`] })
    assert.equal(down.result.exitCode, 0)
    assert.match(down.result.line, / down -v$/)
    assert.doesNotMatch(await onEngine(['volume', 'ls', '-q']), new RegExp(`^${project}_data$`, 'm'))
  })

  it('an invalid file is refused before anything runs: nothing is created', { timeout: IMAGE_TRANSFER_MS }, async () => {
    writeFileSync(join(folder, 'compose.yaml'), COMPOSE.replace('    command:', '    comand:'))
    try {
      await assert.rejects(run({ command: 'up' }), /Nothing was run: \S+compose\.yaml:4:5: services\.web\.comand/)
      assert.equal(await onEngine(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]), '')
    } finally {
      writeFileSync(join(folder, 'compose.yaml'), COMPOSE)
    }
    assert.equal(await composePs(['-q']), '')
    assert.doesNotMatch(await onEngine(['network', 'ls', '--format', '{{.Name}}']), new RegExp(project))
  })

  it('cancel stops the CLI while it runs', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const { result, lines } = await run({ command: 'up' }, new AbortController())
    assert.ok(lines.length > 0)
    assert.equal(result.cancelled, true)
    assert.equal(result.exitCode, null)
    await run({ command: 'down' })
  })
})
