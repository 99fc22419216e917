// Group actions on a compose project, through the real router on the real engine, against the CLI:
// two projects made alike as Compose v2 makes them (labels and names app-web-1), one stopped,
// started, restarted and removed by Berth, the other by docker-compose 1.29 with a compose file of
// the same services; `docker ps -a` must then show both the same. Bad names change nothing.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { refusal, testBridge, valueOf, type TestBridge } from '../../env/bridge-page'
import { docker as cli } from '../../env/docker-cli'
import { compose, composeFolder, composeV2Flags, runV2Container } from '../../env/compose-project'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { CONTAINER_RUN_MS, eventually } from '../../env/wait'

const SERVICES = [['web', 1], ['web', 2], ['db', 1]] as const

/** `docker ps -a` of a project: service, number and state of each, its own name left out, sorted. */
async function psOf(project: string): Promise<string[]> {
  const format = '{{.Label "com.docker.compose.service"}}-{{.Label "com.docker.compose.container-number"}} {{.State}} {{.Status}}'
  const out = await cli(['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', format])
  // The status's time span differs by a second or two between the two projects.
  return out.split('\n').filter(Boolean).map((l) => l.replace(/ (Up|Exited \(\d+\)) .*$/, ' $1')).sort()
}

async function makeProject(project: string): Promise<void> {
  await Promise.all(SERVICES.map(([service, n]) => runV2Container(project, service, n)))
}

describe('projects: group actions, compared with docker-compose on the same engine', () => {
  let b: TestBridge
  const opened: string[] = []
  const folder = composeFolder({ web: { networkNone: true }, db: { networkNone: true } })
  before(() => {
    b = testBridge({ openWindow: (route) => opened.push(route) })
  })
  after(async () => {
    b.close()
    folder.remove()
    await removeTestContainers(testDocker())
  })

  it('lists each container with its project, service, number, working dir and files', async () => {
    const project = uniqueName('rows').replace(/[^a-z0-9-]/g, '')
    await makeProject(project)
    b.engine.start()
    await eventually(async () => (await b.call('containers', 'list', {})).ok, 'the list', CONTAINER_RUN_MS)
    await eventually(
      async () => valueOf(await b.call('containers', 'list', {})).items.filter((c) => c.compose?.project === project).length === 3,
      'the three containers of the project in the list',
      CONTAINER_RUN_MS,
    )
    const rows = valueOf(await b.call('containers', 'list', {})).items.filter((c) => c.compose?.project === project)
    const web2 = rows.find((c) => c.name === `${project}-web-2`)
    assert.deepEqual(web2?.compose, { project, service: 'web', number: 2, workingDir: '/srv/app', configFiles: ['/srv/app/compose.yaml'] })
    const plain = valueOf(await b.call('containers', 'list', {})).items.filter((c) => !c.compose)
    assert.ok(plain.every((c) => !('compose' in c)), 'containers without the labels have no compose part')
  })

  it('stop, start and restart leave docker ps as docker-compose stop, start and restart do', async () => {
    const ours = uniqueName('berth').replace(/[^a-z0-9-]/g, '')
    const theirs = uniqueName('oracle').replace(/[^a-z0-9-]/g, '')
    await Promise.all([makeProject(ours), makeProject(theirs)])
    assert.deepEqual(await psOf(ours), await psOf(theirs))

    const stopped = valueOf(await b.call('projects', 'stop', { project: ours }))
    assert.deepEqual(stopped.containers, [`${ours}-db-1`, `${ours}-web-1`, `${ours}-web-2`])
    await compose(['-p', theirs, '-f', folder.file, 'stop'])
    assert.deepEqual(await psOf(ours), await psOf(theirs))
    assert.ok((await psOf(ours)).every((l) => / exited /.test(l)), 'every container stopped')

    valueOf(await b.call('projects', 'start', { project: ours }))
    await compose(['-p', theirs, '-f', folder.file, 'start'])
    assert.deepEqual(await psOf(ours), await psOf(theirs))
    assert.ok((await psOf(ours)).every((l) => / running /.test(l)), 'every container running')

    const startedAt = async (p: string) => (await cli(['inspect', '--format', '{{.State.StartedAt}}', `${p}-web-1`]))
    const before = await startedAt(ours)
    valueOf(await b.call('projects', 'restart', { project: ours }))
    await compose(['-p', theirs, '-f', folder.file, 'restart'])
    assert.deepEqual(await psOf(ours), await psOf(theirs))
    assert.notEqual(await startedAt(ours), before, 'restarted: a new run')
  })

  it('remove takes every container of the project, as docker-compose rm -s -f does', async () => {
    const ours = uniqueName('berth').replace(/[^a-z0-9-]/g, '')
    const theirs = uniqueName('oracle').replace(/[^a-z0-9-]/g, '')
    await Promise.all([makeProject(ours), makeProject(theirs)])
    const removed = valueOf(await b.call('projects', 'remove', { project: ours }))
    assert.equal(removed.containers.length, 3)
    await compose(['-p', theirs, '-f', folder.file, 'rm', '-s', '-f'])
    assert.deepEqual(await psOf(ours), [])
    assert.deepEqual(await psOf(ours), await psOf(theirs))
  })

  it('refuses a bad project name, and one no container carries, in a sentence, changing nothing', async () => {
    const project = uniqueName('kept').replace(/[^a-z0-9-]/g, '')
    await makeProject(project)
    const before = await psOf(project)
    for (const bad of ['App', '../etc', '', '-x', 'a b', `${project},other`]) {
      for (const call of ['start', 'stop', 'restart', 'remove', 'services'] as const) {
        assert.match(refusal(await b.call('projects', call, { project: bad }), 'invalid-input'), /^Berth refused the request: project (is not a compose project name|is empty)/)
      }
    }
    assert.match(refusal(await b.call('projects', 'stop', { project, extra: 1 }), 'invalid-input'), /unknown field "extra"/)
    assert.match(refusal(await b.call('projects', 'stop', { project: 'no-such-project' }), 'not-found'), /no compose project "no-such-project"/)
    assert.match(refusal(await b.call('projects', 'openLogs', { stream: 's', project: 'no-such-project', tail: 10 }), 'not-found'), /no-such-project/)
    assert.deepEqual(await psOf(project), before, 'nothing changed')
  })

  it('lets a project page pop out, by its route', async () => {
    assert.deepEqual(valueOf(await b.call('window', 'popOut', { route: '/projects/app/logs?popout=1' })), { opened: true })
    assert.deepEqual(opened, ['/projects/app/logs?popout=1'])
    refusal(await b.call('window', 'popOut', { route: '/projects/../etc' }), 'invalid-input')
  })

  it('gives each service its networks and volumes, as docker inspect has them', async () => {
    const project = uniqueName('svc').replace(/[^a-z0-9-]/g, '')
    await cli(['volume', 'create', '--label', 'berth.test=1', `${project}_data`])
    try {
      await runV2Container(project, 'db', 1)
      await cli(['run', '-d', '-v', `${project}_data:/var/lib/data`, '-v', '/tmp:/host:ro', ...composeV2Flags(project, 'web', 1), BUSYBOX_IMAGE, 'sleep', '3600'])
      const services = valueOf(await b.call('projects', 'services', { project }))
      // Docker lists the `none` network; Podman lists none: as its `docker inspect` says.
      const networksOf = async (name: string) => Object.keys(JSON.parse(await cli(['inspect', '--format', '{{json .NetworkSettings.Networks}}', name])) ?? {}).sort()
      assert.deepEqual(services, [
        { service: 'db', networks: await networksOf(`${project}-db-1`), volumes: [] },
        { service: 'web', networks: await networksOf(`${project}-web-1`), volumes: ['/tmp:/host:ro', `${project}_data:/var/lib/data`] },
      ])
    } finally {
      await removeTestContainers(testDocker())
      await cli(['volume', 'rm', `${project}_data`])
    }
  })
})
