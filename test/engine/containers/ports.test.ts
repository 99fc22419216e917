// Ports asked (-p, -P: the host config) beside ports published (what the engine did), and why they
// differ. The docker CLI makes each container and is the oracle for both halves: what Berth shows as
// asked and published is what `docker inspect` holds. The run's engine has no bridge network
// (dockerd --bridge=none), so the default network publishes nothing either; published ports on a
// bridge are in test/e2e/run-ports.spec.ts.
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { inspectContainer } from '@main/engine/containers/inspect'
import { docker as cli } from '../../env/docker-cli'
import { TEST_LABEL } from '../../env/fixtures'
import { testEngineKind } from '../../env/engine'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'

const docker = testDocker()
after(() => removeTestContainers(docker))

async function runWith(args: string[], start = true): Promise<string> {
  const name = uniqueName('berth-test-ports')
  await cli([start ? 'run' : 'create', ...(start ? ['-d'] : []), '--name', name, '--label', `${TEST_LABEL}=1`, ...args, BUSYBOX_IMAGE, 'sleep', '600'])
  return name
}

type Bindings = Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null

/** One part of `docker inspect`, each port with its bindings written by `f`, ports without any left out. */
async function cliPorts(name: string, field: string, f: (b: { HostIp: string; HostPort: string }) => string): Promise<Record<string, string[]>> {
  const bindings = JSON.parse(await cli(['inspect', '--format', `{{json ${field}}}`, name])) as Bindings
  return Object.fromEntries(Object.entries(bindings ?? {}).filter(([, v]) => v?.length).map(([port, v]) => [port, (v ?? []).map(f)]))
}

/** The CLI's view of the same container: asked, as `-p` wrote it, and published. */
async function oracle(name: string): Promise<{ asked: Record<string, string[]>; published: Record<string, string[]> }> {
  return {
    asked: await cliPorts(name, '.HostConfig.PortBindings', (b) => (b.HostIp ? `${b.HostIp}:${b.HostPort}` : b.HostPort || 'any port')),
    published: await cliPorts(name, '.NetworkSettings.Ports', (b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`),
  }
}

async function compare(name: string): Promise<string | undefined> {
  const detail = await inspectContainer(docker, name)
  const cliView = await oracle(name)
  const asked = Object.fromEntries(detail.ports.filter((p) => p.asked.length && !p.asked[0]!.endsWith('(-P)')).map((p) => [p.container, p.asked]))
  const published = Object.fromEntries(detail.ports.filter((p) => p.host.length).map((p) => [p.container, p.host]))
  assert.deepEqual(asked, cliView.asked, 'asked, as the host config holds it')
  assert.deepEqual(published, cliView.published, 'published, as the network settings hold it')
  return detail.portsNote
}

describe('ports asked and published', () => {
  it('--network none: asked, not published, and it says there is no network to publish through', async () => {
    const name = await runWith(['--network', 'none', '-p', '8080:80', '-p', '127.0.0.1::81'])
    const note = await compare(name)
    if (testEngineKind() === 'podman') {
      // Podman drops -p from a container with no network: there is nothing asked left to show.
      assert.equal(note, undefined)
      return
    }
    assert.equal(note, "2 ports were asked to be published but are not: it has no network (--network none), so there is nothing to publish through. Run it on a bridge network to publish ports.")
    const detail = await inspectContainer(docker, name)
    assert.deepEqual(detail.ports.map((p) => [p.container, p.asked]), [['80/tcp', ['8080']], ['81/tcp', ['127.0.0.1:']]])
  })

  it('--network host: it listens on the host’s own ports, so -p has no effect', async () => {
    const name = await runWith(['--network', 'host', '-p', '8081:80'])
    const note = await compare(name)
    if (testEngineKind() === 'podman') return assert.equal(note, undefined)
    assert.equal(note, "80/tcp was asked to be published but is not: it uses the host's network (--network host), where the engine publishes nothing; it listens on the host's own ports, so -p has no effect.")
  })

  it('a created container: published only while it runs', async () => {
    const name = await runWith(['-p', '8082:80', ...(testEngineKind() === 'podman' ? [] : ['--network', 'none'])], false)
    const note = await compare(name)
    // Podman publishes a created container's ports already (its CLI shows them too).
    if (testEngineKind() === 'podman') return assert.equal(note, undefined)
    assert.equal(note, "80/tcp was asked to be published but is not: the engine publishes a container's ports only while it runs.")
  })

  it('the default network of an engine without a bridge: on no network, and it says why', { skip: testEngineKind() === 'podman' && 'Podman publishes on its default network here' }, async () => {
    const name = await runWith(['-p', '8083:80'])
    const note = await compare(name)
    assert.match(note ?? '', /^80\/tcp was asked to be published but is not: it is on no network, because the engine has no default bridge network/)
  })

  it('-P with nothing exposed asks for nothing; exposed only is not a difference', async () => {
    const name = await runWith(['--network', 'none', '--expose', '90'])
    assert.equal(await compare(name), undefined)
    const detail = await inspectContainer(docker, name)
    // Podman drops --expose from a container with no network, as it drops -p.
    assert.deepEqual(detail.ports.map((p) => [p.container, p.host, p.asked]), testEngineKind() === 'podman' ? [] : [['90/tcp', [], []]])
  })
})
