// `-p` for real: an engine with its bridge inside a network namespace of this test's own. A busybox
// httpd published on 8080 answers inside the namespace; the port bindings match the 20.10 CLI's; a
// port already taken leaves the container created, with a sentence naming the port.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { quote } from 'shell-quote'
import { runContainer } from '@main/engine/run/run'
import { recreateContainer } from '@main/engine/run/recreate'
import { listContainers } from '@main/engine/containers/containers'
import { parseRunLine } from '@common/run/cli'
import { runSpecSchema, type RunSpec } from '@common/run/spec'
import { BUSYBOX_IMAGE, uniqueName } from '../../env/session'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { runFields } from '../../env/cli-oracle'
import { docker as cli } from '../../env/docker-cli'
import { CONTAINER_RUN_MS, eventually } from '../../env/wait'

const spec = (words: string[]): RunSpec => {
  const parsed = parseRunLine(quote(['docker', 'run', ...words]))
  assert.deepEqual([...parsed.problems, ...parsed.unsupported], [])
  return runSpecSchema.parse(parsed.spec) as RunSpec
}

describe('published ports (an engine with a bridge, in a network namespace)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let engine: NetnsEngine
  let www: string
  before(async () => {
    engine = await startNetnsEngine()
    www = mkdtempSync(join(tmpdir(), 'berth-www-'))
    writeFileSync(join(www, 'index.html'), 'served by berth\n')
  })
  after(async () => {
    await engine?.destroy()
    rmSync(www, { recursive: true, force: true })
  })

  it('serves a -p 8080:80 httpd with a :ro bind inside the namespace, with the CLI\'s port bindings', async () => {
    const flags = ['-p', '8080:80', '-p', '127.0.0.1:9000-9001:90-91/udp', '-p', '53', '-v', `${www}:/www:ro`]
    const httpd = ['httpd', '-f', '-p', '80', '-h', '/www']
    const result = await runContainer(engine.docker, spec(['-d', '--name', 'web', ...flags, BUSYBOX_IMAGE, ...httpd]))
    assert.equal(result.started, true)
    let body = ''
    await eventually(async () => (body = await engine.inNamespace(['wget', '-qO-', 'http://127.0.0.1:8080/'], 5000).catch(() => '')) !== '', 'httpd to answer', CONTAINER_RUN_MS)
    assert.equal(body, 'served by berth')
    // The same flags through the CLI (other host ports, so both can run), then the same inspect.
    const cliFlags = ['-p', '8081:80', '-p', '127.0.0.1:9002-9003:90-91/udp', '-p', '53', '-v', `${www}:/www:ro`]
    await cli(['run', '-d', '--name', 'cli-web', ...cliFlags, BUSYBOX_IMAGE, ...httpd], { host: engine.host })
    const ours = runFields(await engine.docker.getContainer('web').inspect())
    const theirs = runFields(await engine.docker.getContainer('cli-web').inspect())
    const hostPorts = (fields: Record<string, unknown>) => JSON.stringify(fields).replace(/"HostPort":"(\d+)"/g, '"HostPort":"N"')
    assert.equal(hostPorts(ours), hostPorts(theirs))
    assert.deepEqual((ours.HostConfig as { PortBindings: unknown }).PortBindings, {
      '53/tcp': [{ HostIp: '', HostPort: '' }],
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '90/udp': [{ HostIp: '127.0.0.1', HostPort: '9000' }],
      '91/udp': [{ HostIp: '127.0.0.1', HostPort: '9001' }],
    })
    assert.equal(await engine.inNamespace(['wget', '-qO-', 'http://127.0.0.1:8081/'], 5000), 'served by berth')
  })

  it('a port already taken: created, not started, and the sentence says why; a recreate onto it puts the old one back', async () => {
    const clash = uniqueName('berth-clash')
    const result = await runContainer(engine.docker, spec(['-d', '--name', clash, '-p', '8080:80', BUSYBOX_IMAGE, 'httpd', '-f', '-p', '80']))
    assert.equal(result.started, false)
    assert.match(result.startError?.message ?? '', /8080/)
    assert.match(result.startError?.message ?? '', /would not start/)
    assert.equal((await engine.docker.getContainer(clash).inspect()).State.Status, 'created')
    await engine.docker.getContainer(clash).remove()

    const other = uniqueName('berth-moving')
    const first = await runContainer(engine.docker, spec(['-d', '--name', other, '-p', '8090:80', '-v', `${www}:/www:ro`, BUSYBOX_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']))
    await assert.rejects(
      recreateContainer(engine.docker, first.id, spec(['-d', '--name', other, '-p', '8080:80', BUSYBOX_IMAGE, 'httpd', '-f', '-p', '80'])),
      /Could not recreate .*The old container is back as it was\./s,
    )
    const back = await engine.docker.getContainer(other).inspect()
    assert.equal(back.Id, first.id)
    assert.equal(back.State.Running, true)
    assert.equal(await engine.inNamespace(['wget', '-qO-', 'http://127.0.0.1:8090/'], 5000), 'served by berth')
  })

  it('lists published ports as docker ps does: once per binding, every-address ones once for both families', async () => {
    const name = uniqueName('berth-listed')
    const flags = ['-p', '8070:80', '-p', '127.0.0.1:8071:81', '-p', '127.0.0.2:8071:81', '-p', '127.0.0.1:9070:90/udp', '-p', '95', '--expose', '443']
    await cli(['run', '-d', '--name', name, ...flags, BUSYBOX_IMAGE, 'httpd', '-f', '-p', '80'], { host: engine.host })
    const listed = (await listContainers(engine.docker)).find((c) => c.name === name)
    // What this stands on: the engine lists an every-address binding for each family, and 443 unpublished.
    const raw = (await engine.docker.listContainers({ filters: { name: [name] } }))[0]?.Ports ?? []
    if (engine.kind === 'docker') assert.deepEqual(raw.filter((p) => p.PrivatePort === 80).map((p) => p.IP).sort(), ['0.0.0.0', '::'])
    assert.ok(raw.some((p) => p.PrivatePort === 443 && p.PublicPort === undefined), JSON.stringify(raw))
    const created = (await engine.docker.getContainer(name).inspect()).Created
    assert.equal(listed?.created, Math.floor(Date.parse(created) / 1000) * 1000, 'created, to the second, in ms')
    const random = listed?.ports.find((p) => p.containerPort === 95)?.hostPort
    assert.ok(random, 'a container port alone gets a host port of the engine\'s choosing')
    const anyAddress = (ip?: string) => (ip === '::' ? '0.0.0.0' : ip)
    assert.deepEqual(listed?.ports.map((p) => (p.hostIp ? { ...p, hostIp: anyAddress(p.hostIp) } : p)), [
      { containerPort: 80, protocol: 'tcp', hostPort: 8070, hostIp: '0.0.0.0' },
      { containerPort: 81, protocol: 'tcp', hostPort: 8071, hostIp: '127.0.0.1' },
      { containerPort: 81, protocol: 'tcp', hostPort: 8071, hostIp: '127.0.0.2' },
      { containerPort: 90, protocol: 'udp', hostPort: 9070, hostIp: '127.0.0.1' },
      { containerPort: 95, protocol: 'tcp', hostPort: random, hostIp: '0.0.0.0' },
      { containerPort: 443, protocol: 'tcp' },
    ])
    // The CLI's own listing, for the same container: one entry per binding above.
    const ps = await cli(['ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}'], { host: engine.host })
    assert.equal(ps.split(', ').filter((p) => !p.startsWith(':::')).length, 6, ps)
    await engine.docker.getContainer(name).remove({ force: true })
  })
})
