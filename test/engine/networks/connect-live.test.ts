// Connecting and disconnecting containers, bad input refused over the bridge, and the list following
// the engine's events, on an engine with its bridge in a network namespace of this test's own. The
// oracle is `docker network inspect` / `docker inspect` after the same thing done by the CLI.
import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { callChannel, eventChannel } from '@common/contract/spec'
import { connectContainer, disconnectContainer } from '@main/engine/networks/connect'
import { listNetworks } from '@main/engine/networks/networks'
import { inspectContainer } from '@main/engine/containers/inspect'
import type { EngineError } from '@main/engine/errors'
import type { NetworkSummary } from '@common/contract/networks'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { docker as dockerCli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { IDLE, TEST_LABEL } from '../../env/fixtures'
import { BUSYBOX_IMAGE, removeTestNetworks, testEndpoint, uniqueName } from '../../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const isCode = (code: string, pattern?: RegExp) => (err: EngineError) => err.code === code && (!pattern || pattern.test(err.message))
const caller: Caller = { send: () => {}, onClose: () => {} }

interface Endpoint {
  Aliases: string[] | null
  IPAddress: string
  MacAddress: string
}

describe('connecting containers, refusing bad input, following events (real engine with its bridge)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let ns: NetnsEngine
  let docker: Dockerode
  let engine: Engine
  let bridge: Bridge
  const cli = (args: string[]) => dockerCli(args, { host: ns.host })
  const started = async () => {
    const name = uniqueName('net-c')
    await cli(['run', '-d', '--name', name, '--label', TEST_LABEL, BUSYBOX_IMAGE, ...IDLE])
    return name
  }
  /** The container's settings on one network, as `docker inspect` shows them; its short id left out of the aliases. */
  const endpointOf = async (container: string, network: string) => {
    const all = JSON.parse(await cli(['inspect', '--format', '{{json .NetworkSettings.Networks}}', container])) as Record<string, Endpoint>
    const e = all[network]
    const id = (await cli(['inspect', '--format', '{{.Id}}', container])).slice(0, 12)
    return e && { aliases: (e.Aliases ?? []).filter((a) => a !== id).sort(), ip: e.IPAddress, mac: e.MacAddress }
  }
  const dispatch = (name: string, input: unknown) => bridge.router.dispatch(callChannel('networks', name), input, caller)

  before(async () => {
    ns = await startNetnsEngine(testEngineKind())
    docker = ns.docker
    engine = new Engine({ endpoint: testEndpoint(ns.host) })
    bridge = createBridge(engine)
  })
  afterEach(() => removeTestNetworks(docker))
  after(async () => {
    bridge?.close()
    engine?.stop()
    await ns?.destroy()
  })

  it('connects with aliases and disconnects as `docker network connect --alias` / `disconnect` do', async () => {
    const network = uniqueName('net-join')
    await cli(['network', 'create', network])
    const ours = await started()
    const theirs = await started()
    await connectContainer(docker, network, ours, ['db', 'primary'])
    await cli(['network', 'connect', '--alias', 'db', '--alias', 'primary', network, theirs])
    const [a, b] = await Promise.all([endpointOf(ours, network), endpointOf(theirs, network)])
    assert.deepEqual(a?.aliases, b?.aliases)
    assert.deepEqual(a?.aliases, ['db', 'primary'])

    // The row lists both, with the addresses `docker network inspect` gives.
    const inspected = JSON.parse(await cli(['network', 'inspect', '--format', '{{json .Containers}}', network])) as Record<string, { Name: string; IPv4Address: string; MacAddress: string }>
    const row = (await listNetworks(docker)).find((n) => n.name === network) as NetworkSummary
    const fromCli = Object.values(inspected).map((c) => ({ name: c.Name, ipv4: c.IPv4Address, mac: c.MacAddress })).sort((x, y) => (x.name < y.name ? -1 : 1))
    assert.deepEqual(row.containers.map((c) => ({ name: c.name, ipv4: c.ipv4, mac: c.mac })), fromCli)
    assert.ok(row.containers.every((c) => c.running && c.inUse && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c.ipv4)))
    // Aliases are the container's (its page shows them): Docker's container list leaves them out.
    assert.deepEqual((await inspectContainer(docker, ours)).networks.find((n) => n.name === network)?.aliases, ['db', 'primary'])

    await assert.rejects(connectContainer(docker, network, ours), isCode('conflict', /already connected/))
    await disconnectContainer(docker, network, ours)
    await cli(['network', 'disconnect', network, theirs])
    assert.equal(await endpointOf(ours, network), undefined)
    assert.equal(await cli(['network', 'inspect', '--format', '{{len .Containers}}', network]), '0')
    await assert.rejects(disconnectContainer(docker, network, ours), isCode('conflict', /not connected/))
    await assert.rejects(connectContainer(docker, uniqueName('nonet'), ours), isCode('not-found', /No network/))
    await assert.rejects(connectContainer(docker, network, uniqueName('nobody')), isCode('not-found', /No container/))
  })

  it('refuses bad names, subnets, gateways, drivers and aliases with a sentence, creating nothing', async () => {
    const before = await cli(['network', 'ls', '-q'])
    const bad: Array<[string, unknown, RegExp]> = [
      ['create', { name: 'has space' }, /name is not a network name/],
      ['create', { name: '-rf' }, /name is not a network name/],
      ['create', { name: '' }, /name must not be empty/],
      ['create', { name: 'ok-net', subnet: '10.0.0.0/33' }, /subnet is not a subnet in CIDR form/],
      ['create', { name: 'ok-net', subnet: '10.1.2.3/16' }, /subnet is not a subnet in CIDR form.*no host bits/i],
      ['create', { name: 'ok-net', subnet: '300.0.0.0/8' }, /subnet is not a subnet/],
      ['create', { name: 'ok-net', subnet: 'fd00::1::/64' }, /subnet is not a subnet/],
      ['create', { name: 'ok-net', subnet: '10.5.0.0/16', gateway: '10.6.0.1' }, /gateway is not inside the subnet 10\.5\.0\.0\/16/],
      ['create', { name: 'ok-net', gateway: '10.6.0.1' }, /gateway needs a subnet/],
      ['create', { name: 'ok-net', driver: 'overlay' }, /driver is not a driver Berth can create a network with: bridge, macvlan, ipvlan/],
      ['create', { name: 'ok-net', labels: { 'a=b': 'c' } }, /labels/],
      ['create', { name: 'ok-net', extra: 1 }, /unknown field/],
      ['connect', { network: 'ok-net', container: 'x', aliases: ['bad alias'] }, /aliases\[0\] is not a DNS name/],
      ['remove', { name: 'a/b' }, /name is not a network name or id/],
    ]
    for (const [call, input, sentence] of bad) {
      const result = await dispatch(call, input)
      assert.equal(result.ok, false, JSON.stringify(input))
      assert.equal(!result.ok && result.error.code, 'invalid-input')
      // The router words issues in lower case ("cidr").
      assert.match(!result.ok ? result.error.message : '', new RegExp(sentence.source, 'i'), JSON.stringify(input))
      assert.match(!result.ok ? result.error.message : '', /^Berth refused the request: /)
    }
    assert.equal(await cli(['network', 'ls', '-q']), before, 'nothing was created')
    // Good ones pass, stored as given: an IPv6 subnet, and labels with any key.
    const made = await dispatch('create', { name: 'ok-net', subnet: 'fd00:7::/64', labels: { __proto__: 'x', 'com.docker.compose.project': 'p' } })
    assert.ok(made.ok, !made.ok ? made.error.message : '')
    const labels = JSON.parse(await cli(['network', 'inspect', '--format', '{{json .Labels}}', 'ok-net'])) as Record<string, string>
    assert.deepEqual(labels, { __proto__: 'x', 'com.docker.compose.project': 'p' })
    assert.ok(JSON.parse(await cli(['network', 'inspect', '--format', '{{json .IPAM.Config}}', 'ok-net'])).some((c: { Subnet: string }) => c.Subnet === 'fd00:7::/64'))
  })

  it('follows the engine: a network made, joined, left and removed outside Berth shows up in the list it keeps', async () => {
    engine.start()
    // What every page hears: the bridge's changed events, from the list main keeps.
    const heard: string[] = []
    const unsubscribe = bridge.hub.subscribe((channel) => heard.push(channel))
    const row = async (name: string) => (await engine.snapshot('networks')).items.find((n) => n.name === name)
    await engine.snapshot('networks')
    const podman = testEngineKind() === 'podman'
    const network = uniqueName('net-live')
    await cli(['network', 'create', network])
    // Podman 4.3 sends no event for a network made or removed: the page's Refresh (networks.refresh) lists again.
    if (podman) {
      assert.equal(await row(network), undefined, 'no event, so not listed yet (if Podman sends one now, the README can say so)')
      await dispatch('refresh', {})
    }
    await eventually(async () => !!(await row(network)), `${network} listed`, ENGINE_ANSWER_MS)
    const container = await started()
    await cli(['network', 'connect', network, container])
    await eventually(async () => (await row(network))?.containers.some((c) => c.name === container && c.ipv4 !== '') ?? false, `${container} on ${network}, with its address`, ENGINE_ANSWER_MS)
    await cli(['stop', '-t', '0', container])
    // Docker drops a stopped container's endpoint (its address goes); Podman keeps it attached.
    await eventually(async () => (await row(network))?.containers.find((c) => c.name === container)?.running === false, `${container} shown stopped`, ENGINE_ANSWER_MS)
    await cli(['network', 'disconnect', network, container])
    await eventually(async () => (await row(network))?.containers.length === 0, `${container} gone from ${network}`, ENGINE_ANSWER_MS)
    await cli(['network', 'rm', network])
    if (podman) await dispatch('refresh', {})
    await eventually(async () => !(await row(network)), `${network} gone`, ENGINE_ANSWER_MS)
    unsubscribe()
    assert.ok(heard.filter((c) => c === eventChannel('networks', 'changed')).length >= 4, `pages heard each change: ${heard.join(', ')}`)

    // Berth's own create and remove are listed by the time they answer, on either engine.
    const ours = uniqueName('net-ours')
    assert.ok((await dispatch('create', { name: ours })).ok)
    assert.ok(await row(ours))
    assert.ok((await dispatch('remove', { name: ours })).ok)
    assert.equal(await row(ours), undefined)
  })
})
