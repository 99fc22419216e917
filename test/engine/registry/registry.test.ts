// Registry workflows through the bridge, against the private engine and a real registry with
// htpasswd auth. Every event, answer and line of output is recorded, and the last test checks
// that the password is in none of them.
import { strict as assert } from 'node:assert'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { Engine } from '@main/engine'
import { registryError } from '@main/engine/registry/errors'
import { CredentialStore } from '@main/engine/registry/credentials'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { callChannel } from '@common/contract/spec'
import type { Result } from '@common/contract/shared'
import type { TransferProgress, TransferResult } from '@common/contract/registry'
import { docker as dockerCli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { buildUniqueImage } from '../../env/registry-images'
import { startTestRegistry, type TestRegistry } from '../../env/registry'
import { BUSYBOX_IMAGE, testDocker, uniqueName } from '../../env/session'

const recorded: string[] = []
const captureOutput = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    recorded.push(String(chunk))
    return write(chunk, ...rest)
  }) as typeof stream.write
}
captureOutput(process.stdout)
captureOutput(process.stderr)

const progress: TransferProgress[] = []
const caller: Caller = {
  send: (domain, event, payload) => {
    recorded.push(JSON.stringify({ domain, event, payload }))
    if (domain === 'registry' && event === 'progress') progress.push(payload as TransferProgress)
  },
  onClose: () => {},
}

describe('registry', () => {
  let registry: TestRegistry
  let engine: Engine
  let bridge: Bridge
  let docker: Dockerode
  let image: string

  async function call<T>(name: string, input: unknown): Promise<Result<T>> {
    const result = (await bridge.router.dispatch(callChannel('registry', name), input, caller)) as Result<T>
    recorded.push(JSON.stringify(result))
    return result
  }

  async function failure(name: string, input: unknown): Promise<{ code: string; message: string }> {
    const result = await call(name, input)
    assert.equal(result.ok, false, `${name} should have failed`)
    return (result as { error: { code: string; message: string } }).error
  }

  before(async () => {
    registry = await startTestRegistry()
    engine = new Engine()
    docker = testDocker()
    const credentials = new CredentialStore({ configDir: mkdtempSync(join(tmpdir(), 'berth-docker-config-')) })
    bridge = createBridge(engine, { credentials })
    bridge.hub.subscribe((channel, payload) => recorded.push(JSON.stringify({ channel, payload })))
    image = `${registry.engineHost}/team/${uniqueName('app')}:1.0`
    await buildUniqueImage(image)
  })

  after(async () => {
    // Whatever `before` got to start: a registry left running would outlive the run.
    bridge?.close()
    await registry?.stop()
  })

  it('logs in with the right password and refuses a wrong one, an unknown host and a silent port', async () => {
    const wrong = await failure('login', { registry: registry.engineHost, username: registry.username, password: 'not-the-password' })
    assert.equal(wrong.code, 'unauthorized')
    assert.match(wrong.message, /refused the username or password/)

    const unknown = await failure('login', { registry: 'no-such-registry.invalid', username: 'a', password: registry.password })
    assert.equal(unknown.code, 'not-found')
    assert.match(unknown.message, /could be found/)

    const silent = await failure('login', { registry: '127.0.0.1:1', username: 'a', password: registry.password })
    assert.equal(silent.code, 'not-found')
    assert.match(silent.message, /did not answer \(connection refused\)/)

    assert.deepEqual(await call('logins', {}), { ok: true, value: [] }, 'a failed login stores nothing')
    const tooLong = await failure('login', { registry: registry.engineHost, username: 'a', password: 'x'.repeat(5000) })
    assert.equal(tooLong.code, 'invalid-input')
  })

  it('refuses a push before login with a way forward, and pushes with per-layer progress after', async () => {
    const denied = await failure('push', { reference: image, operation: 'push-1' })
    assert.equal(denied.code, 'unauthorized')
    assert.equal(denied.message, `denied: log in to ${registry.engineHost} first`)

    const login = await call<{ registry: string; username: string; storage: string; note: string }>('login', {
      registry: registry.engineHost,
      username: registry.username,
      password: registry.password,
    })
    assert.ok(login.ok)
    assert.equal(login.value.registry, registry.engineHost)
    assert.equal(login.value.storage, 'session', 'no helper and no secret box: kept for the session only')
    assert.match(login.value.note, /Not stored/)
    assert.deepEqual(await call('logins', {}), { ok: true, value: [{ registry: registry.engineHost, username: registry.username, storage: 'session' }] })

    progress.length = 0
    const pushed = await call<TransferResult>('push', { reference: image, operation: 'push-2' })
    assert.ok(pushed.ok, JSON.stringify(pushed))
    assert.match(pushed.value.digest ?? '', /^sha256:[0-9a-f]{64}$/)
    const mine = progress.filter((p) => p.operation === 'push-2')
    assert.ok(mine.length >= 2)
    const last = mine[mine.length - 1]!
    assert.equal(last.finished, true)
    assert.equal(last.overall, 1)
    if (testEngineKind() === 'podman') {
      // Podman 4.3's Docker API reports a push as a whole: its stream names no layer.
      assert.deepEqual(last.layers, [])
    } else {
      assert.ok(last.layers.length >= 2, 'busybox layer and our own layer')
      assert.ok(last.layers.every((l) => l.state === 'pushed' || l.state === 'exists'))
      assert.ok(mine.some((p) => p.layers.some((l) => l.state === 'preparing' || l.state === 'pushing')))
    }

    // Pushed again: the registry has every layer already.
    const again = await call<TransferResult>('push', { reference: image, operation: 'push-3' })
    assert.ok(again.ok)
    assert.equal(again.value.layersTransferred, 0)
    assert.equal(again.value.digest, pushed.value.digest)
  })

  it('pulls the image back after it was removed locally, layer by layer', async () => {
    await docker.getImage(image).remove()
    progress.length = 0
    const pulled = await call<TransferResult>('pull', { reference: image, operation: 'pull-1' })
    assert.ok(pulled.ok, JSON.stringify(pulled))
    assert.equal(pulled.value.reference, image)
    assert.equal(pulled.value.cancelled, false)
    assert.match(pulled.value.digest ?? '', /^sha256:/)
    const last = progress[progress.length - 1]!
    assert.equal(last.finished, true)
    const states = new Set(last.layers.map((l) => l.state))
    assert.ok(states.has('exists'), 'the busybox layer was already there')
    assert.ok(states.has('done'), 'our own layer was downloaded and extracted')
    await docker.getImage(image).inspect()
  })

  it('fails a pull visibly when the registry has no such tag, and explains bad references', async () => {
    const missing = await failure('pull', { reference: image.replace(':1.0', ':nope'), operation: 'pull-2' })
    assert.equal(missing.code, 'not-found')
    assert.match(missing.message, /manifest unknown/)
    const bad = await failure('pull', { reference: `${registry.engineHost}/Team/App`, operation: 'pull-3' })
    assert.equal(bad.code, 'invalid-input')
    assert.match(bad.message, /lowercase/)
  })

  it('says the registry cannot be reached when the engine has no network, naming the host, not a typo', async () => {
    // The private engine reaches nothing: this is the engine's real offline answer, through the bridge.
    const offline = await failure('pull', { reference: 'busybox', operation: 'pull-offline' })
    const raw = await dockerCli(['pull', 'busybox']).then(
      () => assert.fail('pulled with no network'),
      (err: Error) => err.message,
    )
    assert.match(raw, /lookup registry-1\.docker\.io|network is unreachable|i\/o timeout/, 'the CLI fails the same way')
    for (const error of [offline, registryError(raw, 'docker.io', 'pull', 'busybox')]) {
      assert.equal(error.code, 'not-found')
      assert.match(error.message, /^Can't reach the registry docker\.io \(/)
      assert.match(error.message, /Check the network connection/)
      assert.doesNotMatch(error.message, /typo/)
    }
    // Any host, when the machine has no route or no DNS server to ask; a name that is not there is still a typo.
    const noRoute = 'Get "https://example.test:5000/v2/": dial tcp 10.1.2.3:5000: connect: network is unreachable'
    assert.match(registryError(noRoute, 'example.test:5000', 'pull').message, /Can't reach the registry example\.test:5000 \(no route to it\)/)
    const noResolver = 'Get "https://example.test/v2/": dial tcp: lookup example.test on [::1]:53: read udp [::1]:51234->[::1]:53: read: connection refused'
    assert.match(registryError(noResolver, 'example.test', 'pull').message, /Can't reach the registry example\.test \(example\.test does not resolve\)/)
    const timeout = 'Get "https://ghcr.io/v2/": dial tcp 140.82.112.33:443: i/o timeout'
    assert.match(registryError(timeout, 'ghcr.io', 'pull').message, /Can't reach the registry ghcr\.io \(no answer in time\)/)
    const typo = 'Get "https://registry.exmaple.com/v2/": dial tcp: lookup registry.exmaple.com on 10.0.0.1:53: no such host'
    assert.match(registryError(typo, 'registry.exmaple.com', 'pull').message, /No registry host "registry\.exmaple\.com" could be found.*typos/)
  })

  it('cancels a pull the page started, and only its own', async () => {
    const pulling = call<TransferResult>('pull', { reference: image, operation: 'pull-4' })
    const cancelled = await call<{ cancelled: boolean }>('cancel', { operation: 'pull-4' })
    assert.deepEqual(cancelled, { ok: true, value: { cancelled: true } })
    const result = await pulling
    assert.ok(result.ok)
    assert.equal(result.value.cancelled, true)
    const other: Caller = { send: () => {}, onClose: () => {} }
    const stranger = await bridge.router.dispatch(callChannel('registry', 'cancel'), { operation: 'pull-4' }, other)
    assert.deepEqual(stranger, { ok: true, value: { cancelled: false } })
  })

  it('tags an image under a second name, keeping the first', async () => {
    const target = `${registry.engineHost}/team/copy:2.0`
    const tagged = await call<{ target: string }>('tag', { source: BUSYBOX_IMAGE, target })
    assert.deepEqual(tagged, { ok: true, value: { source: BUSYBOX_IMAGE, target } })
    // Podman names its images in full (docker.io/…): as the CLI names them.
    const tags = ((await docker.getImage(BUSYBOX_IMAGE).inspect()).RepoTags ?? []).map((t) => t.replace(/^docker\.io\//, ''))
    assert.ok(tags.includes(BUSYBOX_IMAGE), tags.join(' '))
    assert.ok(tags.includes(target), tags.join(' '))
    const defaulted = await call<{ target: string }>('tag', { source: BUSYBOX_IMAGE, target: 'berth-test/renamed' })
    assert.ok(defaulted.ok && defaulted.value.target === 'berth-test/renamed:latest')
    assert.match((await failure('tag', { source: BUSYBOX_IMAGE, target: 'Bad Name' })).message, /space/)
    assert.equal((await failure('tag', { source: 'berth-test/absent:1', target: 'x:1' })).code, 'not-found')
    await docker.getImage(target).remove()
    await docker.getImage('berth-test/renamed:latest').remove()
  })

  it('logs out of that registry only', async () => {
    const out = await call('logout', { registry: registry.engineHost })
    assert.deepEqual(out, { ok: true, value: { registry: registry.engineHost, removed: true } })
    assert.deepEqual(await call('logins', {}), { ok: true, value: [] })
    assert.equal((await failure('push', { reference: image, operation: 'push-4' })).code, 'unauthorized')
  })

  it('never lets the password out: not in an event, an answer, an error or a log line', () => {
    const everything = recorded.join('\n')
    assert.ok(everything.includes(registry.username), 'the record holds the traffic (sanity)')
    const basic = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
    assert.equal(everything.includes(registry.password), false)
    assert.equal(everything.includes(basic), false)
  })
})
