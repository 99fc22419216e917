import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { inspectContainer } from '@main/engine/containers/inspect'
import { containerChanges } from '@main/engine/containers/changes'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { alreadyGone, createContainer, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import { BUSYBOX_IMAGE } from '../../env/session'
import { CONTAINER_RUN_MS, eventually } from '../../env/wait'

const KIND_LETTER = { added: 'A', changed: 'C', deleted: 'D' } as const

describe('container inspect and diff (real engine, the CLI as the oracle)', () => {
  let docker: Dockerode
  before(() => {
    docker = testDocker()
  })
  after(() => removeTestContainers(docker))

  it('names each mount by kind (volume, anonymous volume, bind), with source, destination and RW/RO', async () => {
    const name = uniqueName('berth-test-inspect')
    const volume = uniqueName('berth-test-vol')
    await cli([
      'create', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none',
      '-v', `${volume}:/named`, '-v', '/anon', '-v', '/tmp:/host-tmp:ro',
      '-e', 'COLOUR=blue', '--restart', 'on-failure:3', '--expose', '8080', '-w', '/named',
      BUSYBOX_IMAGE, 'sh', '-c', 'exit 3',
    ])
    await cli(['start', name])
    // on-failure:3 runs it three more times, then leaves it exited.
    await eventually(async () => {
      const info = await docker.getContainer(name).inspect()
      return info.RestartCount === 3 && !info.State.Running && !info.State.Restarting
    }, 'the retries to end', CONTAINER_RUN_MS)
    try {
      const detail = await inspectContainer(docker, name)
      const byDest = Object.fromEntries(detail.mounts.map((m) => [m.destination, m]))
      assert.equal(byDest['/named']?.kind, 'volume')
      assert.equal(byDest['/named']?.name, volume)
      assert.equal(byDest['/anon']?.kind, 'anonymous-volume')
      assert.match(byDest['/anon']?.name ?? '', /^[0-9a-f]{64}$/)
      assert.equal(byDest['/host-tmp']?.kind, 'bind')
      assert.equal(byDest['/host-tmp']?.source, '/tmp')
      assert.equal(byDest['/host-tmp']?.rw, false)
      assert.equal(byDest['/named']?.rw, true)
      assert.equal(detail.state.exitCode, 3)
      assert.equal(`${detail.state.exitCode} ${detail.restartCount}`, await cli(['inspect', '--format', '{{.State.ExitCode}} {{.RestartCount}}', name]))
      assert.equal(detail.state.oomKilled, false)
      assert.deepEqual(detail.restartPolicy, { name: 'on-failure', maximumRetryCount: 3 })
      assert.deepEqual(detail.command, ['sh', '-c', 'exit 3'])
      assert.ok(detail.env.includes('COLOUR=blue'))
      // The engine's own record (Podman keeps no --expose on a container with no network).
      const exposed = Object.keys((JSON.parse(await cli(['inspect', '--format', '{{json .Config.ExposedPorts}}', name])) ?? {}) as object)
      assert.deepEqual(exposed, testEngineKind() === 'podman' ? [] : ['8080/tcp'])
      assert.deepEqual(detail.ports, exposed.map((container) => ({ container, host: [], asked: [] })))
      assert.equal(detail.workdir, '/named')
      assert.equal(detail.networkMode, 'none')
      assert.equal(JSON.parse(detail.raw).Id, detail.id)
    } finally {
      await cli(['rm', '-fv', name])
      await cli(['volume', 'rm', volume]).catch(alreadyGone)
    }
  })

  it('lists the writable layer exactly as docker diff does: added, changed, deleted', async () => {
    const c = await createContainer(docker, {
      cmd: ['sh', '-c', 'mkdir -p /made/deep && echo a > /made/deep/new.txt && echo b >> /etc/hosts-copy && rm /bin/vi && touch /bin/ls && echo done'],
      start: true,
    })
    await docker.getContainer(c.Id).wait()
    const fromCli = (await cli(['diff', c.Id])).split('\n').filter(Boolean).sort()
    const ours = (await containerChanges(docker, c.Id)).map((ch) => `${KIND_LETTER[ch.kind]} ${ch.path}`).sort()
    assert.deepEqual(ours, fromCli)
    assert.ok(ours.includes('D /bin/vi') && ours.includes('A /made/deep/new.txt') && ours.includes('C /bin'), ours.join(', '))
  })

  it('refuses a container that does not exist, by name', async () => {
    await assert.rejects(containerChanges(docker, 'no-such-container-here'), (err: { code: string }) => err.code === 'not-found')
    await assert.rejects(inspectContainer(docker, 'no-such-container-here'), (err: { code: string }) => err.code === 'not-found')
  })
})
