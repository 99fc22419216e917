// Networks against a real engine with its bridge, in a network namespace of the test's own
// (test/env/netns-engine.ts): the engine makes real bridges there, never on this machine. The docker
// CLI on the same engine is the oracle: what `docker network create / rm / prune` does, Berth does.
import { strict as assert } from 'node:assert'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { createNetwork, inspectNetwork, listNetworks, previewNetworkPrune, pruneNetworks, removeNetwork } from '@main/engine/networks/networks'
import type { EngineError } from '@main/engine/errors'
import type { CreateNetworkInput } from '@common/contract/networks'
import { canMakeNetnsEngine, startNetnsEngine, type NetnsEngine } from '../../env/netns-engine'
import { docker as dockerCli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { IDLE, TEST_LABEL } from '../../env/fixtures'
import { networkFields } from '../../env/cli-oracle'
import { BUSYBOX_IMAGE, removeTestNetworks, uniqueName } from '../../env/session'

const isCode = (code: string, pattern?: RegExp) => (err: EngineError) => err.code === code && (!pattern || pattern.test(err.message))

describe('networks (real engine with its bridge, in a namespace)', { skip: !canMakeNetnsEngine() && 'needs root, ip and nsenter' }, () => {
  let ns: NetnsEngine
  let docker: Dockerode
  const cli = (args: string[]) => dockerCli(args, { host: ns.host })
  /** A container on `network`, started or not, made by the CLI as a user would. */
  const containerOn = async (network: string, start: boolean, extra: string[] = []) => {
    const name = uniqueName('net-c')
    await cli([start ? 'run' : 'create', ...(start ? ['-d'] : []), '--name', name, '--label', TEST_LABEL, '--network', network, ...extra, BUSYBOX_IMAGE, ...IDLE])
    return name
  }

  before(async () => {
    ns = await startNetnsEngine(testEngineKind())
    docker = ns.docker
  })
  afterEach(() => removeTestNetworks(docker))
  after(() => ns?.destroy())

  it('creates the network `docker network create` makes with the same flags, as `docker network inspect` shows both', async () => {
    const cases: Array<{ input: Omit<CreateNetworkInput, 'name'>; flags: string[] }> = [
      { input: {}, flags: [] },
      { input: { subnet: '10.31.0.0/16', gateway: '10.31.0.254', internal: true }, flags: ['--subnet', '10.31.0.0/16', '--gateway', '10.31.0.254', '--internal'] },
      { input: { subnet: '10.32.5.0/24', labels: { 'com.docker.compose.project': 'shop', tier: 'db' } }, flags: ['--subnet', '10.32.5.0/24', '--label', 'com.docker.compose.project=shop', '--label', 'tier=db'] },
    ]
    for (const [i, { input, flags }] of cases.entries()) {
      const ours = uniqueName('net-berth')
      const theirs = uniqueName('net-cli')
      const made = await createNetwork(docker, { name: ours, ...input })
      // The CLI's twin gets the next range of the same size, so the two never overlap.
      const twinFlags = flags.map((f) => f.replace(/^10\.(\d+)\./, (_, n: string) => `10.${Number(n) + 100}.`))
      await cli(['network', 'create', ...twinFlags, theirs])
      const [berth, oracle] = await Promise.all([networkFields(cli, ours), networkFields(cli, theirs)])
      // Without --subnet the engine picks the next free range: the shape of the answer is compared.
      const picked = (json: string) => (input.subnet ? json : json.replace(/"\d+\.\d+\.\d+\.\d+(\/\d+)?"/g, '"<picked>$1"'))
      const unshifted = picked(JSON.stringify(oracle)).replace(/"10\.(\d+)\./g, (_, n: string) => `"10.${Number(n) - 100}.`)
      assert.deepEqual(JSON.parse(picked(JSON.stringify(berth))), JSON.parse(unshifted), `case ${i}: ${flags.join(' ')}`)

      // What Berth answers and lists is what the engine reports.
      assert.equal(made.name, ours)
      const row = (await listNetworks(docker)).find((n) => n.name === ours)
      assert.ok(row, 'listed')
      const ipam = JSON.parse(await cli(['network', 'inspect', '--format', '{{json .IPAM.Config}}', ours])) as Array<{ Subnet: string; Gateway?: string }>
      // Podman 4.3 says "<nil>" for an internal network's gateway, which it does not have.
      assert.deepEqual(row.subnets, ipam.map((c) => ({ subnet: c.Subnet, gateway: c.Gateway === '<nil>' ? '' : (c.Gateway ?? '') })))
      assert.equal(row.internal, input.internal ?? false)
      assert.equal(row.driver, 'bridge')
      assert.equal(row.scope, 'local')
      assert.equal(row.predefined, false)
      assert.deepEqual(row.containers, [])
    }
  })

  it('refuses a name taken and a subnet that overlaps another, saying so, and creates nothing', async () => {
    const name = uniqueName('net-taken')
    await cli(['network', 'create', '--subnet', '10.40.0.0/16', name])
    const before = await cli(['network', 'ls', '-q'])
    await assert.rejects(createNetwork(docker, { name }), isCode('conflict', /already exists/))
    const other = uniqueName('net-overlap')
    await assert.rejects(createNetwork(docker, { name: other, subnet: '10.40.3.0/24' }), isCode('conflict', /overlaps/))
    assert.equal(await cli(['network', 'ls', '-q']), before)
  })

  it('refuses to remove a network in use as the engine does, naming the containers, and changes nothing', async () => {
    const name = uniqueName('net-busy')
    const twin = uniqueName('net-busy-cli')
    await createNetwork(docker, { name })
    await cli(['network', 'create', twin])
    const running = await containerOn(name, true)
    await containerOn(twin, true)
    await assert.rejects(removeNetwork(docker, name), isCode('in-use', new RegExp(`${running} \\(running\\)`)))
    await assert.rejects(cli(['network', 'rm', twin]), /active endpoints|being used/)
    assert.equal((await inspectNetwork(docker, name)).containers.map((c) => c.name).join(), running)
    await assert.rejects(removeNetwork(docker, 'bridge'), isCode('conflict', /made by the engine/))
    await assert.rejects(removeNetwork(docker, uniqueName('gone')), isCode('not-found', /No network/))
  })

  it('treats a network only a stopped container is on as the engine does (Docker removes it, Podman refuses)', async () => {
    const name = uniqueName('net-stopped')
    const twin = uniqueName('net-stopped-cli')
    await createNetwork(docker, { name })
    await cli(['network', 'create', twin])
    const stopped = await containerOn(name, false)
    await containerOn(twin, false)
    const cliRemoved = await cli(['network', 'rm', twin]).then(() => true, () => false)
    assert.equal(cliRemoved, testEngineKind() === 'docker', 'the oracle: Docker removes it, Podman refuses')
    const member = (await inspectNetwork(docker, name)).containers.find((c) => c.name === stopped)
    assert.equal(member?.running, false)
    if (cliRemoved) {
      await removeNetwork(docker, name)
      await assert.rejects(inspectNetwork(docker, name), isCode('not-found'))
    } else {
      await assert.rejects(removeNetwork(docker, name), isCode('in-use', new RegExp(`container ${stopped}\\. Disconnect it`)))
      assert.ok(await inspectNetwork(docker, name))
    }
  })

  it('previews exactly what `docker network prune` removes', async () => {
    const unused = [uniqueName('net-unused'), uniqueName('net-unused')]
    const busy = uniqueName('net-run')
    const held = uniqueName('net-held')
    for (const n of [...unused, busy, held]) await cli(['network', 'create', n])
    await containerOn(busy, true)
    await containerOn(held, false)
    const preview = await previewNetworkPrune(docker)
    const out = await cli(['network', 'prune', '-f'])
    const deleted = out.split('\n').slice(1).map((l) => l.trim()).filter(Boolean)
    assert.deepEqual([...preview.networks].sort(), [...deleted].sort())
    assert.ok(unused.every((n) => preview.networks.includes(n)))
    assert.equal(preview.networks.includes(busy), false)
    assert.equal(preview.networks.some((n) => ['bridge', 'host', 'none'].includes(n)), false)
  })

  it('prunes only what was previewed and is still unused, keeping one a container joined since, and saying why', async () => {
    const a = uniqueName('net-pa')
    const b = uniqueName('net-pb')
    await createNetwork(docker, { name: a })
    await createNetwork(docker, { name: b })
    const preview = await previewNetworkPrune(docker)
    assert.ok(preview.networks.includes(a) && preview.networks.includes(b))
    const joined = await containerOn(b, true)
    const later = uniqueName('net-later')
    await createNetwork(docker, { name: later })
    const result = await pruneNetworks(docker, [a, b])
    assert.deepEqual(result.removed, [a])
    assert.equal(result.kept.length, 1)
    assert.match(result.kept[0]?.reason ?? '', new RegExp(joined))
    const left = (await listNetworks(docker)).map((n) => n.name)
    assert.equal(left.includes(a), false)
    assert.ok(left.includes(b) && left.includes(later), 'one in use and one made after the preview stay')
  })
})
