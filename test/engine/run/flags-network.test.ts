// The networking flags that need a network of the user's own (--network-alias, --ip, --mac-address)
// with the hostname and DNS ones beside them, on an engine with a bridge inside a network namespace
// of the test's own: `docker create` by the 20.10 CLI and Berth's run make the same inspect, the
// displayed line makes it again, and the alias answers by name from another container.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { quote } from 'shell-quote'
import { runContainer } from '@main/engine/run/run'
import { runSpecOf } from '@main/engine/run/spec-from-container'
import { parseRunLine, runWords } from '@common/run/cli'
import { runSpecSchema, type RunSpec } from '@common/run/spec'
import { BUSYBOX_IMAGE } from '../../env/session'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { flagFields } from './flag-fields'

const spec = (words: string[]): RunSpec => {
  const parsed = parseRunLine(quote(['docker', 'create', ...words]))
  assert.deepEqual([...parsed.problems, ...parsed.unsupported], [])
  return runSpecSchema.parse(parsed.spec) as RunSpec
}

describe('networking flags on a network of its own (an engine with a bridge, in a network namespace)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let engine: NetnsEngine
  before(async () => {
    engine = await startNetnsEngine(testEngineKind())
    await cli(['network', 'create', '--subnet', '172.30.0.0/24', 'appnet'], { host: engine.host })
  })
  after(() => engine?.destroy())

  it('--network-alias, --ip, --mac-address, --hostname, --dns: as the CLI makes them, and the alias answers', async () => {
    const flags = (name: string, ip: string, mac: string) => ['--name', name, '--network', 'appnet', '--network-alias', 'db', '--network-alias', 'db.internal', '--ip', ip,
      '--mac-address', mac, '--hostname', 'db1', '--domainname', 'example.test', '--add-host', 'cache:10.0.0.6', '--expose', '5432', BUSYBOX_IMAGE, 'sleep', '3600']
    await cli(['create', ...flags('cli-db', '172.30.0.10', '02:42:ac:1e:00:0a')], { host: engine.host })
    await runContainer(engine.docker, spec(flags('berth-db', '172.30.0.11', '02:42:ac:1e:00:0b')), { create: true })
    await engine.docker.getContainer('berth-db').start()
    await cli(['start', 'cli-db'], { host: engine.host })
    const fields = async (name: string) => {
      const f = flagFields(await engine.docker.getContainer(name).inspect()) as { Config: Record<string, unknown>; Networks: Record<string, { IPAMConfig: { IPv4Address?: string } | null }> }
      // Each container has its own address and MAC, the one it was given: compared apart.
      const ipam = f.Networks.appnet?.IPAMConfig
      return { ...f, Config: { ...f.Config, MacAddress: typeof f.Config.MacAddress === 'string' ? '<given>' : f.Config.MacAddress }, Networks: { appnet: { ...f.Networks.appnet, IPAMConfig: ipam ? { ...ipam, IPv4Address: '<given>' } : ipam } } }
    }
    const mine = await fields('berth-db')
    assert.deepEqual(mine, await fields('cli-db'))
    const inspect = await engine.docker.getContainer('berth-db').inspect()
    assert.equal(inspect.NetworkSettings.Networks.appnet?.IPAddress, '172.30.0.11')
    assert.equal(inspect.NetworkSettings.Networks.appnet?.MacAddress, '02:42:ac:1e:00:0b')

    // The displayed line, given to the CLI, makes it again.
    const shown = runWords(spec(flags('cli-shown', '172.30.0.12', '02:42:ac:1e:00:0c')), 'create')
    await cli(shown.slice(1), { host: engine.host })
    assert.deepEqual(await fields('cli-shown'), mine)
    // Read back (Edit…), it keeps the network, the aliases and the address. Podman's inspect does not
    // say whether an address or MAC was asked for or picked (no IPAMConfig, no Config.MacAddress), so
    // there they are left to the engine.
    const back = (await runSpecOf(engine.docker, 'berth-db')).spec
    const podman = engine.kind === 'podman'
    assert.deepEqual([back.network, back.networkAlias, back.ip, back.macAddress, back.hostname], ['appnet', ['db', 'db.internal'], podman ? '' : '172.30.0.11', podman ? '' : '02:42:ac:1e:00:0b', 'db1'])

    // Another container on the network reaches it by its alias.
    // Detached, then its logs once it exits: the CLI's attach to Podman can miss a short output.
    const pinger = await cli(['run', '-d', '--network', 'appnet', BUSYBOX_IMAGE, 'ping', '-c', '1', '-W', '5', 'db.internal'], { host: engine.host })
    const code = await cli(['wait', pinger], { host: engine.host })
    const out = await cli(['logs', pinger], { host: engine.host, output: 'all' })
    if (engine.kind === 'podman') {
      // This Podman's networks (CNI without its dnsname plugin) resolve no names at all, aliases or
      // not: the alias is kept (above), and a name lookup fails as it does for the CLI's container.
      assert.deepEqual([code, out.trim()], ['1', "ping: bad address 'db.internal'"])
    } else {
      assert.equal(code, '0')
      assert.match(out, /172\.30\.0\.1[01]/)
    }
  })
})
