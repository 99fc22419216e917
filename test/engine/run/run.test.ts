// `docker run` with Berth against Debian's 20.10 CLI: the same flags, two containers, the same
// inspect (Config and HostConfig fields a run sets). Ports are compared on an engine with a bridge in
// test/engine/run/ports.test.ts; this engine has none.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { quote } from 'shell-quote'
import { runContainer } from '@main/engine/run/run'
import { parseRunLine, runWords } from '@common/run/cli'
import { runSpecSchema, type RunSpec } from '@common/run/spec'
import { EngineError } from '@main/engine/errors'
import { alreadyGone, BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import { runFields } from '../../env/cli-oracle'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'

const IDLE_SH = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]

interface Case {
  title: string
  /** Flags between `run` and the image; NAME stands for the container's name. */
  flags: string[]
  cmd?: string[]
  envFile?: string
}

/** A spec from the same words the CLI gets, read by Berth's own parser and validated as main does. */
function specFor(flags: string[], cmd: string[], envFile: string | undefined): RunSpec {
  const parsed = parseRunLine(quote(['docker', 'run', ...flags, BUSYBOX_IMAGE, ...cmd]))
  assert.deepEqual(parsed.problems, [])
  assert.deepEqual(parsed.unsupported, [])
  if (envFile !== undefined) parsed.spec.envFile = envFile
  return runSpecSchema.parse(parsed.spec) as RunSpec
}

describe('docker run, compared with the 20.10 CLI', () => {
  let docker: Dockerode
  let scratch: string
  let source: string
  const volumes: string[] = []
  before(async () => {
    docker = testDocker()
    scratch = mkdtempSync(join(tmpdir(), 'berth-run-'))
    writeFileSync(join(scratch, 'index.html'), 'hello')
    // A container whose volumes --volumes-from takes.
    source = uniqueName('berth-vsrc')
    // Not labelled as a test container: it outlives each case, and goes in after().
    await cli(['create', '--network', 'none', '--name', source, '-v', '/shared', BUSYBOX_IMAGE, 'true'])
  })
  afterEach(() => removeTestContainers(docker))
  after(async () => {
    await removeTestContainers(docker)
    await docker.getContainer(source).remove({ force: true, v: true }).catch(alreadyGone)
    for (const v of volumes) await docker.getVolume(v).remove().catch(alreadyGone)
    await docker.pruneVolumes()
    rmSync(scratch, { recursive: true, force: true })
  })

  const cases = (): Case[] => {
    const data = uniqueName('berth-data')
    volumes.push(data)
    return [
      { title: 'detached with a name, env incl. __proto__/constructor keys and a key alone, labels', flags: ['-d', '--name', 'NAME', '--network', 'none', '-e', 'A=1', '-e', '__proto__=p', '-e', 'constructor=c', '-e', 'ONLY_KEY_NOT_SET', '-e', 'SPACED= two  words ', '--label', '__proto__=x', '--label', 'constructor=', '--label', 'toString=t'], cmd: IDLE_SH },
      { title: 'every mount kind, :ro, and the node_modules trick', flags: ['-d', '--name', 'NAME', '--network', 'none', '-v', `${data}:/data`, '-v', `${data}:/data-ro:ro`, '-v', '/anon', '-v', `${scratch}:/site:ro`, '-v', `${scratch}:/app`, '-v', '/app/node_modules'], cmd: IDLE_SH },
      { title: '--volumes-from (rw and ro), tmpfs with options', flags: ['-d', '--name', 'NAME', '--network', 'none', '--volumes-from', source, '--tmpfs', '/run', '--tmpfs', '/cache:size=64m,mode=1777'], cmd: IDLE_SH },
      { title: '--volumes-from :ro, restart on-failure:3, workdir, user, entrypoint', flags: ['-d', '--name', 'NAME', '--network', 'none', '--volumes-from', `${source}:ro`, '--restart', 'on-failure:3', '-w', '/tmp', '-u', '1000:1000', '--entrypoint', 'sh'], cmd: ['-c', "trap 'exit 0' TERM; sleep 3600 & wait"] },
      { title: 'network host, restart unless-stopped', flags: ['-d', '--name', 'NAME', '--network', 'host', '--restart', 'unless-stopped'], cmd: IDLE_SH },
      { title: '--rm, an empty entrypoint', flags: ['-d', '--rm', '--name', 'NAME', '--network', 'none', '--entrypoint', ''], cmd: IDLE_SH },
      { title: 'an env file, then -e', flags: ['-d', '--name', 'NAME', '--network', 'none', '-e', 'LAST=1'], cmd: IDLE_SH, envFile: '# comment\n\n  FIRST=one\nSECOND= spaced \n__proto__=file\n' },
    ]
  }

  // Podman 4.3's API takes no range of host ports for one container port, from the CLI or from Berth.
  const hostPortRange = ['-p', '7000-7005:70']
  const podman = testEngineKind() === 'podman'
  // Attached runs are only created (the terminal starts them), so they compare with `docker create`.
  const attached: Case[] = [
    { title: 'attached -it', flags: ['-it', '--name', 'NAME', '--network', 'none'] },
    { title: 'attached -i, no tty', flags: ['-i', '--name', 'NAME', '--network', 'none'], cmd: ['cat'] },
    { title: 'attached with ports and -P (created only: this engine has no bridge)', flags: ['--name', 'NAME', '-p', '8080:80', '-p', '127.0.0.1:9000-9001:90-91/udp', '-p', '53', ...(podman ? [] : hostPortRange), '-P'] },
  ]

  it('a range of host ports for one container port: as the CLI does on Docker, refused by the engine on Podman', { skip: !podman && 'compared with the CLI among the attached runs below' }, async () => {
    const flags = ['--name', uniqueName('berth-range'), ...hostPortRange, '--label', `${TEST_LABEL}=1`]
    await assert.rejects(cli(['create', ...flags, BUSYBOX_IMAGE]), /7000-7005/)
    await assert.rejects(runContainer(docker, specFor(flags, [], undefined)), /7000-7005/)
  })

  for (const detached of [true, false]) {
    it(detached ? 'detached runs match docker run -d' : 'attached runs match docker create', async () => {
      for (const c of detached ? cases() : attached) {
        const ours = uniqueName('berth-run')
        const theirs = uniqueName('cli-run')
        const name = (n: string) => c.flags.map((f) => (f === 'NAME' ? n : f))
        const flags = name(theirs)
        const args = [...flags, '--label', `${TEST_LABEL}=1`]
        if (c.envFile !== undefined) {
          const file = join(scratch, `${theirs}.env`)
          writeFileSync(file, c.envFile)
          args.push('--env-file', file)
        }
        const cliArgs = detached ? ['run', ...args] : ['create', ...args]
        await cli([...cliArgs, BUSYBOX_IMAGE, ...(c.cmd ?? [])])
        const spec = specFor([...name(ours), '--label', `${TEST_LABEL}=1`], c.cmd ?? [], c.envFile)
        const result = await runContainer(docker, spec)
        assert.equal(result.name, ours)
        assert.equal(result.started, detached, c.title)
        const mine = runFields(await docker.getContainer(ours).inspect(), { [source]: 'SOURCE' })
        const fromCli = runFields(await docker.getContainer(theirs).inspect(), { [source]: 'SOURCE' })
        assert.deepEqual(mine, fromCli, c.title)
        await removeTestContainers(docker)
      }
    })
  }

  it('a pasted docker create line, over several lines, makes what docker create makes and starts nothing; the line shown makes it again', async () => {
    const line = (name: string) =>
      `docker create --name ${name} \\
  --network none -e GREETING=hello \\
  --label ${TEST_LABEL}=1 -w /tmp \\
  ${BUSYBOX_IMAGE} ${quote(IDLE_SH)}`
    const ours = uniqueName('berth-create')
    const theirs = uniqueName('cli-create')
    const parsed = parseRunLine(line(ours))
    assert.equal(parsed.command, 'create')
    assert.deepEqual([parsed.problems, parsed.unsupported], [[], []])
    const result = await runContainer(docker, runSpecSchema.parse(parsed.spec) as RunSpec, { create: true })
    assert.equal(result.started, false)
    // The CLI, given the words a shell makes of the same lines.
    await cli(['create', '--name', theirs, '--network', 'none', '-e', 'GREETING=hello', '--label', `${TEST_LABEL}=1`, '-w', '/tmp', BUSYBOX_IMAGE, ...IDLE_SH])
    const mine = await docker.getContainer(ours).inspect()
    assert.equal(mine.State.Status, 'created')
    assert.deepEqual(runFields(mine, {}), runFields(await docker.getContainer(theirs).inspect(), {}))
    // The line the dialog shows for it, given to the CLI, makes the same container again.
    const again = uniqueName('cli-again')
    const shown = runWords({ ...parsed.spec, name: again }, 'create')
    assert.deepEqual(shown.slice(0, 2), ['docker', 'create'])
    await cli(shown.slice(1))
    assert.deepEqual(runFields(await docker.getContainer(again).inspect(), {}), runFields(mine, {}))
  })

  it('refuses a bind of /, /etc or the engine socket without confirmation, and leaves nothing', async () => {
    for (const host of ['/', '/etc/', '/var/run/docker.sock']) {
      const name = uniqueName('berth-danger')
      const spec = specFor(['-d', '--name', name, '--network', 'none', '-v', `${host}:/host:ro`], IDLE_SH, undefined)
      await assert.rejects(runContainer(docker, spec), (err: EngineError) => err.code === 'invalid-input' && /Confirm first/.test(err.message))
      await assert.rejects(docker.getContainer(name).inspect(), /no such container/i)
    }
    const name = uniqueName('berth-danger')
    const spec = specFor(['-d', '--name', name, '--network', 'none', '-v', '/etc:/host-etc:ro', '--label', `${TEST_LABEL}=1`], IDLE_SH, undefined)
    const ok = await runContainer(docker, spec, { confirmDangerous: true })
    assert.equal(ok.started, true)
  })

  it('a name taken or a missing --volumes-from says which, and leaves nothing behind', async () => {
    const taken = uniqueName('berth-taken')
    await runContainer(docker, specFor(['-d', '--name', taken, '--network', 'none', '--label', `${TEST_LABEL}=1`], IDLE_SH, undefined))
    await assert.rejects(runContainer(docker, specFor(['-d', '--name', taken, '--network', 'none'], IDLE_SH, undefined)), (err: EngineError) => err.code === 'conflict' && err.message.includes(taken))
    const orphan = uniqueName('berth-orphan')
    await assert.rejects(runContainer(docker, specFor(['-d', '--name', orphan, '--network', 'none', '--volumes-from', 'no-such-container-x'], IDLE_SH, undefined)), /volumes-from|no-such-container-x/)
    await assert.rejects(docker.getContainer(orphan).inspect(), /no such container/i)
  })

  it('created but not started (a command that does not exist) is kept and said so', async () => {
    const name = uniqueName('berth-nostart')
    const result = await runContainer(docker, specFor(['-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`], ['/no/such/binary'], undefined))
    assert.equal(result.started, false)
    assert.match(result.startError?.message ?? '', new RegExp(`Created "${name}" but it would not start`))
    assert.equal((await docker.getContainer(name).inspect()).State.Status, 'created')
  })

  it('a missing image is pulled first, and without a pull it is refused in words', async () => {
    const spec = specFor(['-d', '--network', 'none'], IDLE_SH, undefined)
    spec.image = 'berth-test/never-built:1'
    await assert.rejects(runContainer(docker, spec), (err: EngineError) => err.code === 'not-found' && /Pull it first/.test(err.message))
    const pulled: string[] = []
    await assert.rejects(
      runContainer(docker, spec, {
        pull: async (ref) => {
          pulled.push(ref)
          throw new EngineError('not-found', 'no registry here')
        },
      }),
      /no registry here/,
    )
    assert.deepEqual(pulled, ['berth-test/never-built:1'])
  })
})
