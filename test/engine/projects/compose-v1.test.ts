// A real docker-compose 1.29 project (v1 names: app_web_1), on an engine with a bridge network in a
// network namespace of the test's own (Compose makes app_default): Berth groups it from its labels,
// and its group actions leave `docker-compose ps` as docker-compose's own stop, start and rm leave
// the same project brought up a second time under another name.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { createBridge, type Bridge } from '@main/bridge'
import { callChannel } from '@common/contract/spec'
import type { CallName, CallOutput } from '@common/api'
import type { Result } from '@common/contract/shared'
import { testEndpoint } from '../../env/session'
import { testPage, valueOf } from '../../env/bridge-page'
import { compose, composeFolder } from '../../env/compose-project'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { CONTAINER_RUN_MS, eventually } from '../../env/wait'

describe('projects: a docker-compose 1.29 project (netns engine)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let netns: NetnsEngine
  let engine: Engine
  let bridge: Bridge
  const page = testPage()
  const folder = composeFolder({ web: {}, db: {} })
  const call = <C extends CallName<'projects'>>(name: C, input: unknown) =>
    bridge.router.dispatch(callChannel('projects', name), input, page.caller) as Promise<Result<CallOutput<'projects', C>>>
  /** `docker-compose ps` as the oracle: each container's state, its project's name replaced. */
  const ps = async (project: string) =>
    (await compose(['-p', project, '-f', folder.file, 'ps'], { host: netns.host }))
      .split('\n')
      .slice(2)
      .map((l) => l.replace(new RegExp(`^${project}_`), 'P_').replace(/\s+/g, ' ').trim().replace(/ Up( .*)?$/, ' Up'))
      .sort()
  const up = (project: string) => compose(['-p', project, '-f', folder.file, 'up', '-d', '--no-build', '--scale', 'web=2'], { host: netns.host, timeoutMs: 300_000 })

  before(async () => {
    netns = await startNetnsEngine()
    engine = new Engine({ endpoint: testEndpoint(netns.host) })
    bridge = createBridge(engine)
    engine.start()
  })
  after(async () => {
    page.leave()
    bridge?.close()
    engine?.stop()
    folder.remove()
    await netns?.destroy()
  })

  it('groups app_web_1 and its kin from their labels, and stops, starts and removes them as docker-compose does', async () => {
    await Promise.all([up('app'), up('oracle')])
    await eventually(async () => (await engine.snapshot('containers')).items.filter((c) => c.compose?.project === 'app').length === 3, 'the project in the list', CONTAINER_RUN_MS)
    const rows = (await engine.snapshot('containers')).items.filter((c) => c.compose?.project === 'app')
    assert.deepEqual(rows.map((c) => `${c.name} ${c.compose?.service} ${c.compose?.number}`).sort(), ['app_db_1 db 1', 'app_web_1 web 1', 'app_web_2 web 2'])
    assert.ok(rows.every((c) => c.compose?.workingDir === folder.dir && c.compose?.configFiles?.[0] === folder.file), JSON.stringify(rows[0]?.compose))
    const services = valueOf(await call('services', { project: 'app' }))
    assert.deepEqual(services.map((s) => `${s.service} ${s.networks.join(',')}`), ['db app_default', 'web app_default'])

    assert.deepEqual((await ps('app')).map((l) => l.replace(/ Exit \d+$/, '')), (await ps('oracle')).map((l) => l.replace(/ Exit \d+$/, '')))
    valueOf(await call('stop', { project: 'app' }))
    await compose(['-p', 'oracle', '-f', folder.file, 'stop'], { host: netns.host })
    assert.deepEqual(await ps('app'), await ps('oracle'))
    assert.ok((await ps('app')).every((l) => / Exit 0$/.test(l)), (await ps('app')).join('\n'))

    valueOf(await call('start', { project: 'app' }))
    await compose(['-p', 'oracle', '-f', folder.file, 'start'], { host: netns.host })
    assert.deepEqual(await ps('app'), await ps('oracle'))
    assert.ok((await ps('app')).every((l) => / Up$/.test(l)), (await ps('app')).join('\n'))

    valueOf(await call('remove', { project: 'app' }))
    await compose(['-p', 'oracle', '-f', folder.file, 'rm', '-s', '-f'], { host: netns.host })
    assert.deepEqual(await ps('app'), [])
    assert.deepEqual(await ps('oracle'), [])
  })
})
