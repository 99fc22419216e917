// "Save as compose" against its oracle: containers made by `docker run` lines (the 20.10 CLI), saved
// by Berth's engine function, brought up from the file by docker-compose 1.29 in a new project on the
// same engine; each new container's inspect equals its original's, apart from what Compose sets by
// design (compose-oracle.ts). Cases that need a bridge (ports, user networks) run on an engine inside
// a network namespace of the test's own.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { composeFile, previewCompose } from '@main/engine/compose/save/save'
import { alreadyGone, BUSYBOX_IMAGE, removeTestContainers, requireEngine, testDocker, uniqueName } from '../../../env/session'
import { IDLE, TEST_LABEL } from '../../../env/fixtures'
import { docker as cli } from '../../../env/docker-cli'
import { testEngineKind } from '../../../env/engine'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../../env/netns-engine'
import { compose, savedFields } from './compose-oracle'

interface Line {
  /** NAME stands for the container's name, SRC for another container's of the same case. */
  name: string
  flags: string[]
  cmd?: string[]
}

const podman = testEngineKind() === 'podman'

/**
 * Runs the lines with the CLI, saves them with Berth (each flagged value replaced by its variable),
 * stops them, brings the file up in a new project with the values in the environment, and compares.
 * Returns the yaml, for checks of its own.
 */
async function roundTrip(docker: Dockerode, host: string, dir: string, lines: Line[]): Promise<{ yaml: string; names: Map<string, string> }> {
  const names = new Map(lines.map((l) => [l.name, uniqueName(`save-${l.name}`)]))
  for (const line of lines) {
    const flags = line.flags.flatMap((f) => [...names].reduce((s, [key, real]) => s.replaceAll(`@${key}`, real), f))
    await cli(['run', '-d', '--name', names.get(line.name)!, '--label', `${TEST_LABEL}=1`, ...flags, BUSYBOX_IMAGE, ...(line.cmd ?? IDLE)], { host })
  }
  const real = [...names.values()]
  const first = await composeFile(docker, real, [])
    .then(() => null)
    .catch((err: Error) => err)
  const preview = await previewCompose(docker, real)
  if (preview.secrets.length) assert.match(String(first?.message), /Choose whether to keep/)
  const saved = await composeFile(docker, real, preview.secrets.map((s) => ({ id: s.id, choice: 'variable' as const })))
  for (const s of preview.secrets) assert.ok(!saved.yaml.includes(s.value), `${s.key}'s value is not in the file`)
  const file = join(dir, `${uniqueName('compose')}.yaml`)
  writeFileSync(file, saved.yaml)
  const project = uniqueName('saved').replace(/-/g, '')
  const serviceOf = new Map(preview.services.map((s) => [s.container, s.service]))
  const originals = new Map<string, Dockerode.ContainerInspectInfo>()
  for (const name of real) originals.set(name, await docker.getContainer(name).inspect())
  for (const name of real) await docker.getContainer(name).stop({ t: 0 }).catch(() => {})
  const vars = Object.fromEntries(preview.secrets.map((s) => [s.variable, s.value]))
  try {
    await compose(host, ['-p', project, '-f', file, 'up', '-d', '--no-build'], vars)
    const service = (name: string) => serviceOf.get(name) ?? (name.startsWith(`${project}_`) ? name.slice(project.length + 1).replace(/_1$/, '') : name)
    for (const [name, original] of originals) {
      const [made] = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${serviceOf.get(name)}`] } })
      assert.ok(made, `compose made a container for ${name}\n${saved.yaml}`)
      const copy = await docker.getContainer(made.Id).inspect()
      assert.deepEqual(await savedFields(docker, copy, service), await savedFields(docker, original, service), `${name}, saved as\n${saved.yaml}`)
    }
  } finally {
    await compose(host, ['-p', project, '-f', file, 'down', '--timeout', '0'], vars).catch(() => {})
  }
  return { yaml: saved.yaml, names }
}

describe('save as compose, brought up again by docker-compose 1.29', () => {
  let docker: Dockerode
  let dir: string
  let data: string
  before(async () => {
    docker = testDocker()
    dir = mkdtempSync(join(tmpdir(), 'berth-save-'))
    writeFileSync(join(dir, 'index.html'), 'hello')
    data = uniqueName('save-data')
    await docker.createVolume({ Name: data })
  })
  after(async () => {
    await removeTestContainers(docker)
    await docker.getVolume(data).remove().catch(alreadyGone)
    await docker.pruneVolumes()
    rmSync(dir, { recursive: true, force: true })
  })

  const host = () => requireEngine()

  it('env (a secret, a "$"), labels, workdir, user, restart, entrypoint and command, tty and stdin', async () => {
    const { yaml } = await roundTrip(docker, host(), dir, [
      {
        name: 'app',
        flags: ['-it', '--network', 'none', '-e', 'PLAIN=1', '-e', 'DOLLAR=$HOME and $$', '-e', 'DB_PASSWORD=hunter2', '-e', 'SPACED= a b ', '--label', 'app=web', '--label', 'price=$5', '-w', '/tmp', '-u', '1000:1000', '--restart', 'on-failure:3', '--entrypoint', 'sh'],
        cmd: ['-c', "trap 'exit 0' TERM; sleep 3600 & wait"],
      },
    ])
    assert.match(yaml, /DB_PASSWORD=\$\{DB_PASSWORD\}/)
    assert.match(yaml, /DOLLAR=\$\$HOME and \$\$\$\$/)
  })

  it('every mount kind with its options: binds ro and with a propagation, named (nocopy), anonymous, --mount, tmpfs with size and mode', async () => {
    const { yaml } = await roundTrip(docker, host(), dir, [
      {
        name: 'files',
        flags: ['--network', 'none', '-v', `${data}:/data`, '-v', `${data}:/data-ro:ro`, '-v', `${data}:/nocopy:nocopy`, '-v', '/anon', '-v', `${dir}:/site:ro`, '-v', `${dir}:/app:ro,rprivate`,
          '--mount', `type=bind,source=${dir},target=/m-bind,readonly,bind-propagation=private`, '--mount', `type=volume,source=${data},target=/m-vol,volume-nocopy`, '--mount', 'type=tmpfs,target=/m-tmp,tmpfs-size=1048576',
          '--tmpfs', '/run', '--tmpfs', '/cache:size=64m,mode=1777'],
      },
    ])
    // The user's volume is reused by its name, never made anew nor removed by `down -v`.
    assert.match(yaml, new RegExp(`volumes:\\n  ${data}:\\n    name: ${data}\\n    external: true`))
  })

  it('volumes_from a saved container (as its service) and one not saved (as container:NAME)', async () => {
    const outside = uniqueName('save-outside')
    await cli(['create', '--name', outside, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', '/outside', BUSYBOX_IMAGE, 'true'])
    const { yaml } = await roundTrip(docker, host(), dir, [
      { name: 'src', flags: ['--network', 'none', '-v', '/shared'] },
      { name: 'user', flags: ['--network', 'none', '--volumes-from', '@src:ro', '--volumes-from', outside] },
    ])
    assert.match(yaml, /volumes_from:\n {6}- save-src-[0-9a-f]{8}:ro\n {6}- container:save-outside-[0-9a-f]{8}/)
  })

  it('another container\'s network namespace (service:NAME), --expose, --no-healthcheck, a domain name, an empty entrypoint', async () => {
    const { yaml, names } = await roundTrip(docker, host(), dir, [
      { name: 'net', flags: ['--network', 'none'] },
      { name: 'side', flags: ['--network', 'container:@net'] },
      { name: 'bare', flags: ['--network', 'none', '--expose', '7000', '--expose', '7001/udp', '--no-healthcheck', '--domainname', 'example.org', '--entrypoint', ''] },
    ])
    assert.match(yaml, /network_mode: service:save-net-[0-9a-f]{8}\n/)
    assert.match(yaml, /healthcheck:\n {6}disable: true\n/)
    // Podman refuses to remove a container whose namespace another one uses: that one goes first.
    await docker.getContainer(names.get('side')!).remove({ force: true })
  })

  it('limits and security: memory, swap, cpus, shares, cpuset, pids, ulimits, shm; caps, security_opt, read_only; hostname, init, stop signal and timeout, healthcheck, logging', async () => {
    await roundTrip(docker, host(), dir, [
      {
        name: 'limited',
        flags: ['--network', 'none', '--memory', '64m', '--memory-swap', '256m', '--cpus', '0.5', '--cpu-shares', '512', '--cpuset-cpus', '0', '--pids-limit', '100', '--shm-size', '32m',
          // Podman (runc here) fails to start a container given any --ulimit: its nofile limit is refused.
          ...(podman ? [] : ['--ulimit', 'core=0:1']),
          '--cap-add', 'NET_ADMIN', '--cap-drop', 'MKNOD', '--security-opt', 'no-new-privileges', '--read-only', '--hostname', 'box',
          // Podman's --init needs catatonit, which this machine's Podman lacks.
          ...(podman ? [] : ['--init']), '--stop-signal', 'SIGUSR1', '--stop-timeout', '5',
          '--health-cmd', 'true', '--health-interval', '5s', '--health-retries', '2', '--log-opt', 'max-size=1m',
          // The 20.10 CLI checks a device against the server's OS, which Podman's API does not name.
          ...(podman ? [] : ['--device', '/dev/null:/dev/nothing:r'])],
      },
    ])
  })
})

describe('save as compose with ports and networks (an engine with a bridge, in a network namespace)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let engine: NetnsEngine
  let dir: string
  before(async () => {
    engine = await startNetnsEngine(testEngineKind())
    dir = mkdtempSync(join(tmpdir(), 'berth-save-net-'))
  })
  after(async () => {
    await engine?.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  it('ports (host ip, a range, udp, a random one) on the default bridge; a user network with an alias and a static address; dns and extra hosts', async () => {
    const net = uniqueName('save-net')
    await cli(['network', 'create', '--subnet', '172.30.0.0/24', net], { host: engine.host })
    const { yaml } = await roundTrip(engine.docker, engine.host, dir, [
      { name: 'web', flags: ['-p', '8080:80', '-p', '127.0.0.1:9000-9001:90-91/udp', ...(podman ? [] : ['-p', '53']), '--add-host', 'db.local:10.0.0.5', '--dns', '10.0.0.53'] },
      // Podman 4.3's inspect shows no IPAMConfig, so a static address cannot be read back there.
      { name: 'api', flags: ['--network', net, '--network-alias', 'backend', ...(podman ? [] : ['--ip', '172.30.0.10'])] },
    ])
    assert.match(yaml, /network_mode: bridge/)
    assert.match(yaml, /- 127\.0\.0\.1:9000-9001:90-91\/udp\n/)
    assert.match(yaml, new RegExp(`networks:\\n  ${net}:\\n    name: ${net}\\n    external: true`))
  })
})
