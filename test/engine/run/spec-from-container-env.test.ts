// Edit's form comes back as the user gave it: what the image sets and what the engine adds by itself
// (Podman's TERM=xterm, container=podman, HOSTNAME, its tmpfs options, ulimits, pid mode and stop
// signal) are left out, and nothing is said to be lost that nobody gave; a value the user chose
// stays. Containers made with the docker CLI on the real engine, read back as Edit reads them: run
// under `--engine podman` for what Podman adds, where the README says what differs.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { runSpecOf } from '@main/engine/run/spec-from-container'
import { buildImage, docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { TEST_LABEL } from '../../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'

const docker = testDocker()
const podman = testEngineKind() === 'podman'
const images: string[] = []

/** `docker run -d` with these flags, as a user would (Podman gives HOSTNAME to a container it started); its id. */
const created = (flags: string[], image = BUSYBOX_IMAGE, cmd = ['sleep', '3600']) =>
  cli(['run', '-d', '--name', uniqueName('berth-edit'), '--label', `${TEST_LABEL}=1`, '--network', 'none', ...flags, image, ...cmd])
const specOf = async (flags: string[], image?: string) => runSpecOf(docker, await created(flags, image))

after(async () => {
  await removeTestContainers(docker)
  for (const image of images) await cli(['rmi', image])
})

describe('Edit’s env (real engine)', () => {
  let termImage: string
  before(async () => {
    termImage = `${uniqueName('berth-test/term')}:1`
    images.push(termImage)
    await buildImage(termImage, `FROM ${BUSYBOX_IMAGE}\nENV TERM=linux\n`)
  })

  it('leaves out the image’s env and what the engine adds', async () => {
    if (podman) {
      const info = await docker.getContainer(await created(['-e', 'GREETING=hi'])).inspect()
      // What this test stands on: Podman did add them.
      for (const added of ['TERM=xterm', 'container=podman', `HOSTNAME=${info.Config.Hostname}`]) assert.ok(info.Config.Env.includes(added), `${added} in ${info.Config.Env.join(' ')}`)
    }
    assert.deepEqual((await specOf(['-e', 'GREETING=hi'])).spec.env, ['GREETING=hi'])
  })

  it('keeps a TERM and a HOSTNAME the user chose', async () => {
    assert.deepEqual((await specOf(['-e', 'TERM=vt100', '-e', 'GREETING=hi', '-e', 'HOSTNAME=box'])).spec.env.sort(), ['GREETING=hi', 'HOSTNAME=box', 'TERM=vt100'])
  })

  it('keeps TERM=xterm where the image sets another TERM: only the user overrides the image', async () => {
    assert.deepEqual((await specOf(['-e', 'TERM=xterm'], termImage)).spec.env, ['TERM=xterm'])
  })

  it('keeps TERM=xterm on Docker, which adds nothing; on Podman it is Podman’s own, given again', async () => {
    assert.deepEqual((await specOf(['-e', 'TERM=xterm'])).spec.env, podman ? [] : ['TERM=xterm'])
  })
})

describe('Edit’s mounts (real engine)', () => {
  it('leaves what --volumes-from gives with --volumes-from, though Podman lists it among the binds', async () => {
    const source = uniqueName('berth-edit-src')
    await cli(['create', '--name', source, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', '/shared', BUSYBOX_IMAGE, 'true'])
    const volume = uniqueName('berth-edit-data')
    const { spec } = await specOf(['-v', `${volume}:/data`, '--volumes-from', source])
    await removeTestContainers(docker)
    await cli(['volume', 'rm', volume])
    assert.deepEqual(spec.mounts, [{ kind: 'volume', source: volume, target: '/data', readOnly: false }])
    assert.deepEqual(spec.volumesFrom, [{ container: source, readOnly: false }])
  })
})

describe('Edit’s working dir (real engine)', () => {
  it('leaves out the / Podman records when neither the user nor the image set one', async () => {
    assert.equal((await specOf([])).spec.workdir, '')
  })

  it('keeps a working dir the user gave', async () => {
    assert.equal((await specOf(['-w', '/srv'])).spec.workdir, '/srv')
  })
})

describe('Edit names only settings someone gave (real engine)', () => {
  it('says nothing is lost for a plain container', async () => {
    if (podman) {
      const info = await docker.getContainer(await created([])).inspect()
      // What this test stands on: Podman did set them by itself.
      assert.ok(info.HostConfig.Ulimits?.length, 'Podman’s ulimits')
      assert.ok(info.HostConfig.PidMode, 'Podman’s pid mode')
    }
    assert.deepEqual((await specOf([])).notKept, [])
  })

  it('keeps a --pid and a --stop-signal that were given, and not the label Docker adds for --pid host', async () => {
    const id = await created(['--pid', 'host', '--stop-signal', 'SIGUSR1'])
    if (!podman) assert.deepEqual((await docker.getContainer(id).inspect()).HostConfig.SecurityOpt, ['label=disable'], 'what Docker adds by itself')
    const { spec, notKept } = await runSpecOf(docker, id)
    assert.deepEqual([spec.pid, spec.stopSignal, spec.securityOpt, notKept], ['host', podman ? '10' : 'SIGUSR1', [], []])
  })

  it('keeps a tmpfs mount’s given options, not the ones the engine adds to each', async () => {
    assert.deepEqual((await specOf(['--tmpfs', '/run:size=1m', '--tmpfs', '/scratch'])).spec.tmpfs.sort(), ['/run:size=1m', '/scratch'])
  })
})
