// podman-compose, the last CLI Berth falls back to, acts on the Podman service Berth shows (its podman
// runs remote, through CONTAINER_HOST), not on the machine's own Podman storage. Podman only: against
// a Docker engine Berth refuses it (podman cannot act on one).
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { ComposeOutputLine } from '@common/contract/compose'
import { runCompose } from '@main/engine/compose/cli'
import { findComposeCli, whichOnPath } from '@main/engine/compose/find-cli'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { testEngineKind } from '../../env/engine'
import { docker } from '../../env/docker-cli'
import { BUSYBOX_IMAGE, testEndpoint } from '../../env/session'
import { IMAGE_TRANSFER_MS } from '../../env/wait'

describe('podman-compose on the Podman service', { skip: (testEngineKind() !== 'podman' && 'Podman only') || (!canMakeNetnsEngine() && 'needs root, ip and nsenter') }, () => {
  let engine: NetnsEngine | undefined
  const dir = mkdtempSync(join(tmpdir(), 'berth-podman-compose-'))
  const bin = join(dir, 'bin')
  // A docker config of its own: podman reads its logins there, and fails on a DOCKER_CONFIG with no config.json.
  const env = () => ({ ...process.env, PATH: bin, HOME: dir, DOCKER_CONFIG: join(dir, 'docker-config') })
  before(async () => {
    mkdirSync(bin)
    mkdirSync(join(dir, 'docker-config'))
    writeFileSync(join(dir, 'docker-config', 'config.json'), '{}')
    for (const name of ['podman-compose', 'podman', 'python3']) symlinkSync(whichOnPath(name, process.env.PATH ?? '')!, join(bin, name))
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  web:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n`)
    engine = await startNetnsEngine('podman')
  })
  after(async () => {
    await engine?.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  it('up makes the container on Berth’s engine; down removes it', { timeout: IMAGE_TRANSFER_MS * 2 }, async () => {
    const cli = await findComposeCli(env())
    assert.equal(cli?.name, 'podman-compose')
    const lines: ComposeOutputLine[] = []
    const options = { cli: cli!, endpoint: testEndpoint(engine!.host), services: ['web'], cwd: dir, env: env(), onLines: (l: ComposeOutputLine[]) => lines.push(...l) }
    const request = { project: 'pc', files: [join(dir, 'compose.yaml')] }
    const up = await runCompose({ ...request, command: 'up' }, 'up', options)
    assert.equal(up.exitCode, 0, lines.map((l) => l.text).join('\n'))
    assert.match(up.line, /^CONTAINER_HOST=unix:\/\/\S+ podman-compose -p pc -f \S+ up -d$/)
    const running = () => docker(['ps', '--format', '{{.Names}}', '--filter', 'label=io.podman.compose.project=pc'], { host: engine!.host })
    assert.match(await running(), /pc_web_1/, lines.map((l) => l.text).join('\n'))
    assert.ok(lines.some((l) => l.service === 'web'), JSON.stringify(lines))
    const down = await runCompose({ ...request, command: 'down' }, 'down', options)
    assert.equal(down.exitCode, 0, lines.map((l) => l.text).join('\n'))
    assert.equal(await running(), '')
  })

  it('a podman command that fails fails the run, though podman-compose itself ends with 0', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const cli = await findComposeCli(env())
    writeFileSync(join(dir, 'broken.yaml'), `services:\n  web:\n    image: ${BUSYBOX_IMAGE}\n    command: ["/no/such/program"]\n`)
    const lines: ComposeOutputLine[] = []
    const options = { cli: cli!, endpoint: testEndpoint(engine!.host), services: ['web'], cwd: dir, env: env(), onLines: (l: ComposeOutputLine[]) => lines.push(...l) }
    const request = { project: 'pcbroken', files: [join(dir, 'broken.yaml')] }
    const up = await runCompose({ ...request, command: 'up' }, 'up', options)
    assert.notEqual(up.exitCode, 0, lines.map((l) => l.text).join('\n'))
    await runCompose({ ...request, command: 'down' }, 'down', options)
  })
})
