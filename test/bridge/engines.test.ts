// The engines domain over the real bridge, with two real engines as docker contexts (the run's and a
// private one of the other kind): the list against `docker context ls`, a socket found with no
// context, switching while a page has a log stream, a terminal and a stats stream open (each one
// closes, and the page is told), the lists afterwards against `docker --context X ps -a`, the
// remembered choice across a new bridge, and refused input that leaves the config folder as it was.
import { strict as assert } from 'node:assert'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createBridge, type Bridge } from '@main/bridge'
import { Engines } from '@main/engine/engines/engines'
import { openLogConnections } from '@main/engine/logs/logs'
import { callChannel } from '@common/contract/spec'
import type { CallName, CallOutput, Domain } from '@common/api'
import type { Result } from '@common/contract/shared'
import type { EngineList } from '@common/contract/engines'
import { refusal, testPage, valueOf, type PageEvent, type TestPage } from '../env/bridge-page'
import { dockerConfig, type DockerConfig } from '../env/docker-config'
import { startPrivateEngine, testEngineKind, type PrivateEngine } from '../env/engine'
import { copyFixtureImage } from '../env/private-images'
import { createContainer, removeTestContainers, requireEngine, testDocker } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../env/wait'

describe('engines over the bridge', () => {
  const hostA = requireEngine()
  const kindB = testEngineKind() === 'docker' ? 'podman' : 'docker'
  let b: PrivateEngine
  let config: DockerConfig
  let stateDir: string
  let engines: Engines
  let bridge: Bridge
  let page: TestPage
  const hub: PageEvent[] = []
  let webA = ''
  let webB = ''

  const call = <D extends Domain, C extends CallName<D>>(domain: D, name: C, input: unknown, from = page) =>
    bridge.router.dispatch(callChannel(domain, name), input, from.caller) as Promise<Result<CallOutput<D, C>>>
  const hubOf = <T>(domain: string, event: string) => hub.filter((e) => e.domain === domain && e.event === event).map((e) => e.payload as T)
  const socketB = () => b.host.slice('unix://'.length)

  const open = (options: ConstructorParameters<typeof Engines>[0] = {}) => {
    // A loaded machine can keep an engine from answering within the probe's usual budget.
    engines = new Engines({ where: config.where(), stateDir, probeBudgetMs: ENGINE_ANSWER_MS, sockets: [{ name: `${kindB} (test socket)`, path: socketB() }, { name: 'Nobody', path: '/nonexistent/docker.sock' }], ...options })
    engines.start()
    bridge = createBridge(engines)
    bridge.hub.subscribe((channel, payload) => {
      const [domain, event] = channel.slice('berth:event:'.length).split('.') as [string, string]
      hub.push({ domain, event, payload })
    })
    page = testPage()
  }
  const close = () => {
    page.leave()
    bridge.close()
    engines.stop()
  }

  before(async () => {
    b = await startPrivateEngine(kindB)
    await copyFixtureImage(b.host)
    webA = (await createContainer(testDocker(), { cmd: ['sh', '-c', "echo hello-from-a; trap 'exit 0' TERM; sleep 3600 & wait"], start: true })).Name.replace(/^\//, '')
    webB = (await createContainer(testDocker(b.host), { start: true })).Name.replace(/^\//, '')
    config = dockerConfig()
    await config.cli(['context', 'create', 'alpha', '--description', 'The run’s engine', '--docker', `host=${hostA}`])
    await config.cli(['context', 'use', 'alpha'])
    stateDir = mkdtempSync(join(tmpdir(), 'berth-state-'))
  })
  after(async () => {
    close()
    config.destroy()
    await removeTestContainers(testDocker())
    await b.destroy()
  })

  it('lists every context as `docker context ls` does, and a socket that answers with no context', async () => {
    open()
    assert.equal(engines.currentId, 'context:alpha', 'at launch, with nothing remembered: the CLI’s current context')
    const list = valueOf(await call('engines', 'list', {}))
    const cli = (await config.cli(['context', 'ls', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as { Name: string; DockerEndpoint: string; Current: boolean; Description: string })
    const contexts = list.engines.filter((e) => e.kind === 'context')
    assert.deepEqual(contexts.map((e) => [e.name, e.host, e.description, e.cliDefault]), cli.map((c) => [c.Name, c.DockerEndpoint, c.Description, c.Current]))
    assert.deepEqual(list.engines.filter((e) => e.inUse).map((e) => e.id), ['context:alpha'])
    assert.equal(list.engines.find((e) => e.id === 'context:alpha')?.reach.state, 'reachable')
    // The private engine of the other kind, found by its socket, with what it is; the absent one is not listed.
    const sockets = list.engines.filter((e) => e.kind === 'socket')
    assert.deepEqual(sockets.map((e) => [e.id, e.host, e.reach.product?.kind]), [[`socket:${socketB()}`, b.host, kindB]])
    assert.deepEqual(list.cliFlags, [])
    assert.equal(list.configDir, config.dir)

    // Once a context points at it, the socket is that context's.
    await config.cli(['context', 'create', 'beta', '--docker', `host=${b.host}`])
    const again = valueOf(await call('engines', 'list', {}))
    assert.deepEqual(again.engines.map((e) => e.id), ['context:alpha', 'context:beta', 'context:default'])
    assert.equal(again.engines.find((e) => e.id === 'context:beta')?.reach.product?.kind, kindB)
    assert.deepEqual(hubOf<EngineList>('engines', 'changed').at(-1), again, 'the changed list reached every page')
  })

  it('switches live: every stream of the old engine closes, and the lists are the new engine’s', async () => {
    assert.ok(valueOf(await call('logs', 'open', { stream: 'l', id: webA, tail: 10, follow: true })))
    assert.ok(valueOf(await call('terminal', 'exec', { session: 't', id: webA, size: { cols: 80, rows: 24 }, command: ['sh'] })))
    assert.ok(valueOf(await call('stats', 'open', { stream: 's', id: webA })))
    await eventually(() => page.of<{ lines: string[] }>('logs', 'lines').some((batch) => batch.lines.includes('hello-from-a')), 'the log line', ENGINE_ANSWER_MS)
    await eventually(() => page.of<{ phase: string }>('terminal', 'state').some((s) => s.phase === 'attached'), 'the terminal to attach', ENGINE_ANSWER_MS)
    await eventually(() => page.of('stats', 'sample').length > 0, 'a stats sample', CONTAINER_RUN_MS)
    assert.equal(openLogConnections(), 1)

    const used = valueOf(await call('engines', 'use', { id: 'context:beta' }))
    assert.deepEqual(used.engines.filter((e) => e.inUse).map((e) => e.id), ['context:beta'])
    assert.deepEqual(used.cliFlags, ['--context', 'beta'])

    // What the page saw: each stream closed, with the reason.
    const closing = /switched to the engine "beta".*"alpha" closed/
    assert.ok(page.of<{ stream: string; phase: string; message?: string }>('logs', 'state').some((s) => s.stream === 'l' && s.phase === 'failed' && closing.test(s.message ?? '')))
    assert.ok(page.of<{ session: string; phase: string; message?: string }>('terminal', 'state').some((s) => s.session === 't' && s.phase === 'failed' && closing.test(s.message ?? '')))
    assert.ok(page.of<{ stream: string; phase: string; message?: string }>('stats', 'state').some((s) => s.stream === 's' && s.phase === 'removed' && closing.test(s.message ?? '')))
    await eventually(() => openLogConnections() === 0, 'the log stream to the old engine to close', ENGINE_ANSWER_MS)
    refusal(await call('terminal', 'input', { session: 't', data: new TextEncoder().encode('echo x\n') }), 'not-found')
    refusal(await call('logs', 'older', { stream: 'l', before: '2000-01-01T00:00:00.000000000Z', skip: 0, count: 1 }), 'not-found')

    // What every page heard: the switch, then the new engine's status.
    const [switched] = hubOf<{ from: { id: string; name: string }; to: { id: string; name: string }; list: EngineList }>('engines', 'switched')
    assert.deepEqual([switched?.from, switched?.to], [{ id: 'context:alpha', name: 'alpha' }, { id: 'context:beta', name: 'beta' }])
    assert.ok(switched?.list.engines.find((e) => e.id === 'context:beta')?.inUse)
    const switchedAt = hub.findIndex((e) => e.event === 'switched')
    assert.ok(hub.slice(switchedAt).some((e) => e.domain === 'engine' && e.event === 'status'))

    // The lists are the new engine's, as the CLI sees it through the context.
    const names = valueOf(await call('containers', 'list', {})).items.map((c) => c.name).sort()
    const cliNames = (await config.cli(['--context', 'beta', 'ps', '-a', '--format', '{{.Names}}'])).split('\n').filter(Boolean).sort()
    assert.deepEqual(names, cliNames)
    assert.ok(names.includes(webB) && !names.includes(webA))
    await eventually(() => engines.current.connection.status.state === 'connected', 'the new engine to connect', ENGINE_ANSWER_MS)
    assert.equal(engines.current.connection.status.product?.kind, kindB)
    // The compose CLI is pointed at the new engine too.
    const compose = valueOf(await call('compose', 'cli', { refresh: true }))
    if (compose.cli?.name !== 'podman-compose') assert.deepEqual(compose.env, { name: 'DOCKER_HOST', value: b.host })
    // A stream opened now is on the new engine.
    assert.ok(valueOf(await call('stats', 'open', { stream: 's2', id: webB })))
    refusal(await call('stats', 'open', { stream: 's3', id: webA }), 'not-found')
  })

  it('refuses bad input and what would pull the floor from under Berth or the CLI, writing nothing', async () => {
    const before = config.hash()
    for (const input of [{ id: 'context:no such' }, { id: 'elsewhere' }, { id: 'context:alpha', extra: 1 }]) refusal(await call('engines', 'use', input), 'invalid-input')
    refusal(await call('engines', 'use', { id: 'context:gone' }), 'not-found')
    refusal(await call('engines', 'use', { id: 'socket:/etc/passwd' }), 'not-found')
    assert.match(refusal(await call('engines', 'remove', { name: 'beta' }), 'in-use'), /Berth shows "beta"/)
    assert.match(refusal(await call('engines', 'remove', { name: 'alpha' }), 'in-use'), /docker CLI uses "alpha"/)
    assert.match(refusal(await call('engines', 'add', { name: 'default', host: hostA }), 'invalid-input'), /default/)
    refusal(await call('engines', 'add', { name: '-x', host: hostA }), 'invalid-input')
    refusal(await call('engines', 'add', { name: 'web', host: 'http://127.0.0.1:2375' }), 'invalid-input')
    refusal(await call('engines', 'add', { name: 'web', host: hostA, tls: { ca: 'relative.pem' } }), 'invalid-input')
    assert.match(refusal(await call('engines', 'add', { name: 'web', host: hostA, tls: { cert: '/nonexistent/cert.pem' } }), 'invalid-input'), /certificate file "\/nonexistent\/cert.pem" cannot be read/)
    assert.match(refusal(await call('engines', 'add', { name: 'web', host: 'unix:///nonexistent/docker.sock' }), 'engine-unreachable'), /Nothing was added/)
    refusal(await call('engines', 'add', { name: 'alpha', host: hostA }), 'conflict')
    refusal(await call('engines', 'makeCliDefault', { name: 'gone' }), 'not-found')
    assert.equal(await call('engines', 'pickFile', { title: 'CA file' }).then(valueOf), null, 'browser mode has no file dialog')
    assert.equal(config.hash(), before)
    assert.equal(engines.currentId, 'context:beta')
  })

  it('adds, selects for the CLI and removes a context, telling every page', async () => {
    const added = valueOf(await call('engines', 'add', { name: 'alpha-2', description: 'Added by Berth', host: hostA }))
    assert.ok(added.added && added.entry.id === 'context:alpha-2' && added.entry.reach.state === 'reachable', JSON.stringify(added))
    assert.ok((await config.cli(['context', 'ls', '--format', '{{.Name}}'])).split('\n').includes('alpha-2'))
    const made = valueOf(await call('engines', 'makeCliDefault', { name: 'beta' }))
    assert.equal(await config.cli(['context', 'ls', '--format', '{{if .Current}}{{.Name}}{{end}}']), 'beta')
    assert.deepEqual(made.cliFlags, [], 'the engine Berth shows is now the CLI’s default')
    assert.deepEqual(hubOf<EngineList>('engines', 'changed').at(-1), made)
    valueOf(await call('engines', 'makeCliDefault', { name: 'alpha' }))
    const removed = valueOf(await call('engines', 'remove', { name: 'alpha-2' }))
    assert.ok(!removed.engines.some((e) => e.name === 'alpha-2'))
    assert.ok(!(await config.cli(['context', 'ls', '--format', '{{.Name}}'])).split('\n').includes('alpha-2'))
  })

  it('remembers the engine shown for the next launch, and falls back to the CLI’s when it is gone', async () => {
    close()
    open()
    assert.equal(engines.currentId, 'context:beta', 'the remembered choice beats the CLI’s current context')
    assert.deepEqual(valueOf(await call('engines', 'list', {})).engines.filter((e) => e.inUse).map((e) => e.id), ['context:beta'])
    close()
    await config.cli(['context', 'rm', 'beta'])
    open()
    assert.equal(engines.currentId, 'context:alpha')
    const list = valueOf(await call('engines', 'list', {}))
    assert.match(list.notice ?? '', /showed last \(beta\) is gone/)
    assert.equal(engines.current.connection.endpoint.host, hostA)
  })
})
