// `volumes.list` and the two-step prune sent through the real router to the real engine, compared with
// the docker CLI on the same engine: `docker volume ls`, which containers `docker ps -a --filter
// volume=` names as using each, and what `docker volume prune` removes. Bad names are refused in a
// sentence and remove nothing; a volume put to use after the preview is kept.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'

const lines = (text: string) => text.split('\n').filter(Boolean)
const cliVolumes = async () => new Set(lines(await cli(['volume', 'ls', '-q'])))
/** A test container using these volumes (`-v` words); resolves with its full id. */
const userOf = (mounts: string[], start = false) =>
  cli([start ? 'run' : 'create', ...(start ? ['-d'] : []), '--label', `${TEST_LABEL}=1`, '--network', 'none', ...mounts.flatMap((m) => ['-v', m]), BUSYBOX_IMAGE, 'sleep', '3600'])

describe('volumes: list and prune over the bridge (real engine, the CLI as the oracle)', () => {
  let b: TestBridge
  const made: string[] = []
  const volume = async (prefix: string) => {
    const name = uniqueName(prefix)
    made.push(name)
    await cli(['volume', 'create', '--label', 'team=a', name])
    return name
  }
  before(() => {
    b = testBridge()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
    const left = await cliVolumes()
    for (const name of made) if (left.has(name)) await cli(['volume', 'rm', name])
  })

  it('lists what docker volume ls lists, each with the containers docker ps -a --filter volume= names', async () => {
    const shared = await volume('berth-vol-shared')
    const idle = await volume('berth-vol-idle')
    const running = await userOf([`${shared}:/data`], true)
    const stopped = await userOf([`${shared}:/data`, '/anonymous'])
    // A bridge of its own: its first list is read from the engine now, after the changes above.
    const fresh = testBridge()
    try {
      const { items } = valueOf(await fresh.call('volumes', 'list', {}))
      assert.deepEqual(items.map((v) => `${v.name} ${v.driver}`).sort(), lines(await cli(['volume', 'ls', '--format', '{{.Name}} {{.Driver}}'])).sort())
      for (const v of items.filter((v) => [shared, idle].includes(v.name) || v.anonymous)) {
        const users = lines(await cli(['ps', '-a', '--no-trunc', '--filter', `volume=${v.name}`, '--format', '{{.ID}} {{.Names}} {{.State}}']))
        assert.deepEqual(v.containers.map((u) => `${u.id} ${u.name} ${u.running ? 'running' : 'created'}`).sort(), users.sort(), v.name)
      }
      const byName = new Map(items.map((v) => [v.name, v]))
      assert.deepEqual(byName.get(shared)?.containers.map((u) => u.id).sort(), [running, stopped].sort())
      assert.deepEqual(byName.get(idle)?.containers, [])
      assert.deepEqual(byName.get(idle)?.labels, { team: 'a' })
      const anonymous = JSON.parse(await cli(['inspect', '--format', '{{json .Mounts}}', stopped])) as Array<{ Name: string; Destination: string }>
      const anonymousName = anonymous.find((m) => m.Destination === '/anonymous')?.Name ?? ''
      assert.equal(byName.get(anonymousName)?.anonymous, true, 'the -v /anonymous volume')
      assert.equal(byName.get(shared)?.anonymous, false)
    } finally {
      fresh.close()
    }
    assert.match(refusal(await b.call('volumes', 'list', { all: true }), 'invalid-input'), /unknown field "all"/)
    await removeTestContainers(testDocker())
  })

  it('the prune preview lists exactly what docker volume prune removes', async () => {
    const unused = [await volume('berth-vol-unused'), await volume('berth-vol-unused')]
    const inUse = await volume('berth-vol-used')
    await userOf([`${inUse}:/data`])
    const preview = valueOf(await b.call('volumes', 'prunePreview', {})).volumes
    assert.ok(unused.every((v) => preview.includes(v)) && !preview.includes(inUse), 'unused ones only')
    const before = await cliVolumes()
    await cli(['volume', 'prune', '-f'])
    const after = await cliVolumes()
    assert.deepEqual([...preview].sort(), [...before].filter((v) => !after.has(v)).sort())
    assert.ok(after.has(inUse))
    await removeTestContainers(testDocker())
  })

  it('prune removes only the volumes confirmed, keeping one put to use since and saying why', async () => {
    const gone = await volume('berth-vol-gone')
    const usedSince = await volume('berth-vol-used-since')
    const preview = valueOf(await b.call('volumes', 'prunePreview', {})).volumes
    const madeSince = await volume('berth-vol-made-since')
    const user = await userOf([`${usedSince}:/data`])
    const result = valueOf(await b.call('volumes', 'prune', { names: preview }))
    assert.ok(result.removed.includes(gone))
    assert.match(result.kept.find((k) => k.name === usedSince)?.reason ?? '', new RegExp(`Volume "${usedSince}" is used by container .+\\. Remove it first`))
    const left = await cliVolumes()
    assert.ok(!left.has(gone), 'docker volume ls no longer lists it')
    assert.ok(left.has(usedSince) && left.has(madeSince), 'never more than the user saw')
    assert.ok(lines(await cli(['ps', '-aq', '--no-trunc'])).includes(user))
  })

  it('prune refuses names that are not volume names, removes nothing, and says which are gone', async () => {
    const kept = await volume('berth-vol-kept')
    for (const names of [['../etc'], ['-rf'], [kept, ''], kept]) {
      assert.match(refusal(await b.call('volumes', 'prune', { names }), 'invalid-input'), /^Berth refused the request: names.+\.$/, JSON.stringify(names))
    }
    assert.match(refusal(await b.call('volumes', 'prune', {}), 'invalid-input'), /names/)
    assert.match(refusal(await b.call('volumes', 'prunePreview', { names: [kept] }), 'invalid-input'), /unknown field "names"/)
    const result = valueOf(await b.call('volumes', 'prune', { names: ['berth-no-such-volume'] }))
    assert.deepEqual(result.removed, [])
    assert.match(result.kept[0]?.reason ?? '', /berth-no-such-volume/)
    assert.ok((await cliVolumes()).has(kept), 'nothing was removed')
  })
})
