// `containers.run` and `containers.recreate` sent through the real router to the real engine, with the
// docker CLI as the oracle: a run is the container `docker run` makes from the same words (the fields
// of `docker inspect` a run sets), and an Edit is the container `docker run` makes from the edited
// words, under the old name, the old one gone. Bad input is refused in a sentence and leaves the
// engine as it was; a recreate that fails puts the old container back.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { quote } from 'shell-quote'
import { parseRunLine } from '@common/run/cli'
import type { RunSpec } from '@common/run/spec'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { runFields } from '../env/cli-oracle'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'

/** The spec Berth's own parser reads from the words the CLI gets (the Run dialog's "paste a docker run line"). */
function specFor(words: string[]): RunSpec {
  const parsed = parseRunLine(quote(['docker', 'run', ...words]))
  assert.deepEqual(parsed.problems, [])
  assert.deepEqual(parsed.unsupported, [])
  return parsed.spec
}

const inspect = (ref: string) => testDocker().getContainer(ref).inspect()
/** Every container's name, as `docker ps -a` lists them. */
const allNames = async () => (await cli(['ps', '-a', '--format', '{{.Names}}'])).split('\n').filter(Boolean)

describe('run and recreate over the bridge (real engine, docker run as the oracle)', () => {
  let b: TestBridge
  const volumes: string[] = []
  before(() => {
    b = testBridge()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
    for (const v of volumes) await cli(['volume', 'rm', v])
  })

  it('runs a detached container as docker run -d makes it, and an attached one as docker create does', async () => {
    const data = uniqueName('berth-run-data')
    volumes.push(data)
    const flags = (name: string) => [
      '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-e', 'A=1', '-e', '__proto__=p', '--label', 'team=a',
      '--restart', 'on-failure:3', '-w', '/tmp', '-v', `${data}:/data`, '-v', '/anon', '--tmpfs', '/run',
    ]
    const ours = uniqueName('berth-run')
    const theirs = uniqueName('cli-run')
    const result = valueOf(await b.call('containers', 'run', { spec: specFor(['-d', ...flags(ours), BUSYBOX_IMAGE, ...IDLE]) }))
    await cli(['run', '-d', ...flags(theirs), BUSYBOX_IMAGE, ...IDLE])
    const mine = await inspect(ours)
    assert.deepEqual(result, { id: mine.Id, name: ours, started: true, warnings: [] })
    assert.equal(mine.State.Running, true)
    assert.deepEqual(runFields(mine), runFields(await inspect(theirs)))

    const attached = uniqueName('berth-run-it')
    const cliAttached = uniqueName('cli-run-it')
    const attachedRun = valueOf(await b.call('containers', 'run', { spec: specFor(['-it', ...flags(attached).slice(0, 6), BUSYBOX_IMAGE]) }))
    await cli(['create', '-it', ...flags(cliAttached).slice(0, 6), BUSYBOX_IMAGE])
    assert.equal(attachedRun.started, false, 'the terminal starts it')
    assert.equal((await inspect(attached)).State.Status, 'created')
    assert.deepEqual(runFields(await inspect(attached)), runFields(await inspect(cliAttached)))
  })

  it('refuses a bad spec, a dangerous bind without the word, a taken name and an image it cannot get, and leaves nothing', async () => {
    const name = uniqueName('berth-refused')
    const good = specFor(['-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
    const bad: Array<[unknown, RegExp]> = [
      [{ spec: { ...good, image: '' } }, /spec\.image is required/],
      [{ spec: { ...good, workdir: 'tmp' } }, /spec\.workdir must be an absolute path/],
      [{ spec: { ...good, restart: { name: 'always', maxRetries: 2 } } }, /a retry count only goes with on-failure/],
      [{ spec: { ...good, mounts: [{ kind: 'bind', source: 'relative', target: '/x', readOnly: false }] } }, /host path "relative" must be absolute/],
      [{ spec: { ...good, extra: 1 } }, /unknown field "extra"/],
      [{ spec: good, operation: 'a b' }, /operation/],
      [{ spec: { ...good, mounts: [{ kind: 'bind', source: '/', target: '/host', readOnly: true }] } }, /^Confirm first: /],
    ]
    for (const [input, message] of bad) assert.match(refusal(await b.call('containers', 'run', input), 'invalid-input'), message)
    assert.ok(!(await allNames()).includes(name), 'nothing was created')

    const taken = uniqueName('berth-taken')
    await cli(['create', '--name', taken, '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE])
    const takenId = (await inspect(taken)).Id
    assert.match(refusal(await b.call('containers', 'run', { spec: { ...good, name: taken } }), 'conflict'), new RegExp(`"${taken}" already exists`))
    assert.equal((await inspect(taken)).Id, takenId, 'the container of that name is untouched')

    // An image the engine lacks is pulled first: from a registry that is not there (a closed port on this machine).
    const absent = await b.call('containers', 'run', { spec: { ...good, image: '127.0.0.1:9/berth-test/absent:1' } })
    assert.equal(absent.ok, false, JSON.stringify(absent))
    assert.match(!absent.ok ? absent.error.message : '', /127\.0\.0\.1:9/)
    assert.ok(!(await allNames()).includes(name), 'nothing was created')
  })

  it('recreates a container from its edited spec under its name, as docker run makes it from the edited words', async () => {
    const name = uniqueName('berth-edit')
    const flags = ['--label', `${TEST_LABEL}=1`, '--network', 'none', '--label', 'team=a', '-w', '/tmp']
    await cli(['run', '-d', '--name', name, ...flags, '-e', 'STAGE=1', BUSYBOX_IMAGE, ...IDLE])
    const old = await inspect(name)
    const { spec } = valueOf(await b.call('containers', 'runSpec', { id: name }))
    const edited = { ...spec, env: spec.env.map((e) => (e === 'STAGE=1' ? 'STAGE=2' : e)) }
    assert.ok(edited.env.includes('STAGE=2'), JSON.stringify(spec.env))
    const result = valueOf(await b.call('containers', 'recreate', { id: name, spec: edited }))
    const made = await inspect(name)
    assert.deepEqual(result, { id: made.Id, name, started: true, warnings: [], replaced: old.Id })
    assert.notEqual(made.Id, old.Id)
    assert.equal(made.State.Running, true)
    await assert.rejects(inspect(old.Id), /no such container/i, 'the old one is gone')
    assert.deepEqual((await allNames()).filter((n) => n.startsWith(name)), [name], 'no container left aside')

    const twin = uniqueName('cli-edit')
    await cli(['run', '-d', '--name', twin, ...flags, '-e', 'STAGE=2', BUSYBOX_IMAGE, ...IDLE])
    assert.deepEqual(runFields(made), runFields(await inspect(twin)))
  })

  it('refuses a bad edit and a container that is not there, and puts the old one back when the new one cannot be made', async () => {
    const name = uniqueName('berth-keep')
    await cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE, ...IDLE])
    const old = await inspect(name)
    const { spec } = valueOf(await b.call('containers', 'runSpec', { id: name }))
    for (const [input, message] of [
      [{ id: name, spec: { ...spec, image: 'Bad Image' } }, /spec\.image is not an image id or reference/],
      [{ id: '../etc', spec }, /id is not a container id or name/],
      [{ id: name, spec, pull: 'yes' }, /pull expected boolean/],
      [{ id: name, spec: { ...spec, mounts: [{ kind: 'bind', source: '/etc', target: '/host-etc', readOnly: true }] } }, /^Confirm first: /],
    ] as Array<[unknown, RegExp]>) {
      assert.match(refusal(await b.call('containers', 'recreate', input), 'invalid-input'), message)
    }
    assert.match(refusal(await b.call('containers', 'recreate', { id: 'no-such-container-here', spec }), 'not-found'), /no-such-container-here/)

    // The new one cannot take a name another container has: the old one comes back, under its name, running.
    const other = uniqueName('berth-other')
    await cli(['create', '--name', other, '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE])
    const failed = refusal(await b.call('containers', 'recreate', { id: name, spec: { ...spec, name: other } }), 'conflict')
    assert.match(failed, new RegExp(`^Could not recreate "${name}": A container named "${other}" already exists\\. Pick another name, or remove that one first\\. The old container is back as it was\\.$`))
    const back = await inspect(name)
    assert.equal(back.Id, old.Id)
    assert.equal(back.State.Running, true)
    assert.deepEqual((await allNames()).filter((n) => n.startsWith(name)), [name], 'no container left aside')
  })
})
