// The containers calls that look inside one or change it, sent through the real router to the real
// engine, each compared with what the docker CLI reports on the same engine: inspect (`docker
// inspect`), changes (`docker diff`), restart (`docker restart -t`) and prune in two steps (`docker
// container prune`). Bad input is refused with a sentence, and changes nothing.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, eventually } from '../env/wait'

const KIND_LETTER = { added: 'A', changed: 'C', deleted: 'D' } as const

/** `docker inspect`, the whole answer. */
const cliInspect = async (ref: string) => (JSON.parse(await cli(['inspect', ref])) as Dockerode.ContainerInspectInfo[])[0]!

/** `docker create` of a labelled test container with these flags; resolves with its full id. */
const cliCreate = (flags: string[], cmd: string[] = IDLE) => cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', ...flags, BUSYBOX_IMAGE, ...cmd])

describe('containers: inspect, changes, restart and prune over the bridge (real engine, the CLI as the oracle)', () => {
  let b: TestBridge
  before(() => {
    b = testBridge()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
  })

  it('inspect answers what docker inspect reports, by name or id', async () => {
    const name = uniqueName('berth-bridge-inspect')
    await cliCreate(['--name', name, '-e', 'COLOUR=blue', '-w', '/tmp', '--restart', 'on-failure:2', '--label', 'team=a'])
    await cli(['start', name])
    const detail = valueOf(await b.call('containers', 'inspect', { id: name }))
    const info = await cliInspect(name)
    assert.equal(detail.id, info.Id)
    assert.equal(detail.name, name)
    assert.equal(detail.image, info.Config.Image)
    assert.equal(detail.imageId, info.Image)
    assert.equal(detail.created, info.Created)
    const s = info.State
    assert.deepEqual(detail.state, {
      status: s.Status, running: s.Running, paused: s.Paused, restarting: s.Restarting, oomKilled: s.OOMKilled, dead: s.Dead,
      pid: s.Pid, exitCode: s.ExitCode, error: s.Error ?? '', startedAt: s.StartedAt, finishedAt: s.FinishedAt,
    })
    assert.equal(detail.state.running, true)
    assert.deepEqual(detail.restartPolicy, { name: 'on-failure', maximumRetryCount: 2 })
    assert.deepEqual(detail.restartPolicy, { name: info.HostConfig.RestartPolicy?.Name, maximumRetryCount: info.HostConfig.RestartPolicy?.MaximumRetryCount })
    assert.deepEqual(detail.command, [info.Path, ...info.Args])
    assert.deepEqual(detail.env, info.Config.Env)
    assert.ok(detail.env.includes('COLOUR=blue'))
    assert.equal(detail.workdir, '/tmp')
    assert.deepEqual(detail.labels, info.Config.Labels)
    assert.equal(detail.labels.team, 'a')
    assert.equal(detail.networkMode, info.HostConfig.NetworkMode)
    assert.deepEqual(JSON.parse(detail.raw).Config, info.Config, 'the whole answer, as the CLI printed it')
    const byId = valueOf(await b.call('containers', 'inspect', { id: info.Id.slice(0, 12) }))
    assert.equal(byId.id, info.Id)
  })

  it('inspect and changes refuse bad input and a container that is not there, in a sentence', async () => {
    const id = await cliCreate([])
    const before = await cliInspect(id)
    for (const name of ['inspect', 'changes'] as const) {
      assert.match(refusal(await b.call('containers', name, { id: '../etc' }), 'invalid-input'), /^Berth refused the request: id is not a container id or name\.$/)
      assert.match(refusal(await b.call('containers', name, { id, extra: 1 }), 'invalid-input'), /unknown field "extra"/)
      assert.match(refusal(await b.call('containers', name, {}), 'invalid-input'), /id/)
      assert.match(refusal(await b.call('containers', name, { id: 'no-such-container-here' }), 'not-found'), /no-such-container-here/)
    }
    assert.deepEqual((await cliInspect(id)).State, before.State, 'nothing changed')
  })

  it('changes lists the writable layer exactly as docker diff does', async () => {
    const id = await cliCreate([], ['sh', '-c', 'mkdir -p /made/deep && echo a > /made/deep/new.txt && rm /bin/vi && touch /bin/ls'])
    await cli(['start', id])
    await cli(['wait', id])
    const ours = valueOf(await b.call('containers', 'changes', { id }))
      .map((c) => `${KIND_LETTER[c.kind]} ${c.path}`)
      .sort()
    const theirs = (await cli(['diff', id])).split('\n').filter(Boolean).sort()
    assert.deepEqual(ours, theirs)
    assert.ok(ours.includes('A /made/deep/new.txt') && ours.includes('D /bin/vi'), ours.join(', '))
  })

  // sh as PID 1 says when SIGTERM reaches it, then exits: a restart that kills at once never shows the line.
  const GRACEFUL = ['sh', '-c', "trap 'echo stopped-gracefully; exit 0' TERM; echo run-began; sleep 3600 & wait"]
  const runsOf = async (id: string) => (await cli(['logs', id])).split('\n').filter(Boolean)

  it('restart stops the container gracefully and starts it again, as docker restart -t 10 does', async () => {
    const ours = await cliCreate([], GRACEFUL)
    const theirs = await cliCreate([], GRACEFUL)
    for (const id of [ours, theirs]) await cli(['start', id])
    const firstRun = (await cliInspect(ours)).State.StartedAt
    // No timeout given: Docker's 10 s, also on Podman, whose containers made through its API get none (README).
    assert.deepEqual(await b.call('containers', 'restart', { id: ours }), { ok: true, value: undefined })
    await cli(['restart', '-t', '10', theirs])
    for (const id of [ours, theirs]) {
      const state = (await cliInspect(id)).State
      assert.equal(state.Running, true, 'running again')
      await eventually(async () => (await runsOf(id)).length >= 3, 'the second run to say it began', CONTAINER_RUN_MS)
      assert.deepEqual(await runsOf(id), ['run-began', 'stopped-gracefully', 'run-began'])
    }
    assert.ok((await cliInspect(ours)).State.StartedAt > firstRun, 'a new run')

    // A container that is not running is started, as docker restart does.
    const created = await cliCreate([])
    assert.ok((await b.call('containers', 'restart', { id: created, timeout: 1 })).ok)
    assert.equal((await cliInspect(created)).State.Running, true)
  })

  it('restart refuses bad input and a container that is not there, and restarts nothing', async () => {
    const id = await cliCreate([])
    await cli(['start', id])
    const before = (await cliInspect(id)).State
    for (const input of [{ id: 'a b' }, { id, timeout: -1 }, { id, timeout: 1.5 }, { id, timeout: '10' }, { id, timeout: 3601 }, { id, force: true }]) {
      assert.match(refusal(await b.call('containers', 'restart', input), 'invalid-input'), /^Berth refused the request: .+\.$/, JSON.stringify(input))
    }
    assert.match(refusal(await b.call('containers', 'restart', { id: 'no-such-container-here' }), 'not-found'), /no-such-container-here/)
    const after = (await cliInspect(id)).State
    assert.equal(after.StartedAt, before.StartedAt, 'not restarted')
    assert.equal(after.Running, true)
  })

  it("the prune preview lists exactly what docker container prune removes, each with docker inspect --size's bytes", async () => {
    const exited = await cliCreate([], ['sh', '-c', 'head -c 4000 /bin/busybox > /f'])
    await cli(['start', exited])
    await cli(['wait', exited])
    const created = await cliCreate([])
    const running = await cliCreate([])
    await cli(['start', running])
    const preview = valueOf(await b.call('containers', 'prunePreview', {}))
    const ids = preview.containers.map((c) => c.id)
    assert.ok(ids.includes(exited) && ids.includes(created) && !ids.includes(running), 'stopped ones only')
    for (const c of preview.containers) {
      assert.equal(c.size, Number(await cli(['inspect', '--size', '--format', '{{.SizeRw}}', c.id])), `${c.name} size`)
    }
    assert.equal(preview.space, preview.containers.reduce((sum, c) => sum + c.size, 0))
    assert.ok(preview.containers.find((c) => c.id === exited)!.size >= 4000, 'the written file counts')
    const removed = (await cli(['container', 'prune', '-f'])).split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l))
    assert.deepEqual([...removed].sort(), [...ids].sort())
  })

  it('prune removes only what the preview listed, keeping one started since and saying why', async () => {
    const gone = await cliCreate([])
    const startedSince = await cliCreate([])
    const preview = valueOf(await b.call('containers', 'prunePreview', {})).containers.map((c) => c.id)
    const madeSince = await cliCreate([])
    await cli(['start', startedSince])
    const result = valueOf(await b.call('containers', 'prune', { ids: preview }))
    assert.ok(result.removed.includes(gone))
    assert.match(result.kept.find((k) => k.id === startedSince)?.reason ?? '', /was started after the preview, so it stays/)
    const left = (await cli(['ps', '-a', '-q', '--no-trunc'])).split('\n')
    assert.ok(!left.includes(gone), 'docker ps -a no longer lists it')
    assert.ok(left.includes(startedSince) && left.includes(madeSince), 'never more than the user saw')
  })

  it('prune refuses ids that are not full container ids, removes nothing, and says which are gone', async () => {
    const stopped = await cliCreate([])
    for (const ids of [[stopped.slice(0, 12)], ['../etc'], [stopped, 7], 'all']) {
      assert.match(refusal(await b.call('containers', 'prune', { ids }), 'invalid-input'), /^Berth refused the request: ids.+\.$/, JSON.stringify(ids))
    }
    assert.match(refusal(await b.call('containers', 'prune', {}), 'invalid-input'), /ids/)
    assert.match(refusal(await b.call('containers', 'prunePreview', { all: true }), 'invalid-input'), /unknown field "all"/)
    const nobody = 'f'.repeat(64)
    const result = valueOf(await b.call('containers', 'prune', { ids: [nobody] }))
    assert.deepEqual(result.removed, [])
    assert.match(result.kept[0]?.reason ?? '', /No container|not found|no such/i)
    assert.ok((await cli(['ps', '-a', '-q', '--no-trunc'])).split('\n').includes(stopped), 'nothing was removed')
  })
})
