// A pull cut by the engine stopping ends with a sentence that says so (the page offers Retry), and
// the same pull works once the engine is back. The registry sits behind a proxy that holds the
// layer downloads, so the engine is stopped while the pull is surely under way.
import { strict as assert } from 'node:assert'
import { mkdtempSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { EngineError } from '@main/engine/errors'
import { CredentialStore } from '@main/engine/registry/credentials'
import { login, pullImage } from '@main/engine/registry/registry'
import { docker as cli } from '../../env/docker-cli'
import { startPrivateEngine, type PrivateEngine } from '../../env/engine'
import { buildUniqueImage } from '../../env/registry-images'
import { startTestRegistry, type TestRegistry } from '../../env/registry'
import { testDocker, uniqueName } from '../../env/session'
import { IMAGE_TRANSFER_MS, eventually } from '../../env/wait'

/** Forwards to the registry; while `holding`, layer downloads wait unanswered. */
function holdingProxy(target: number) {
  const held: ServerResponse[] = []
  const state = { holding: true, held }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (state.holding && req.method === 'GET' && req.url?.includes('/blobs/')) {
      held.push(res)
      return
    }
    const upstream = request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  return { server, state }
}

describe('a pull cut by the engine stopping', () => {
  let registry: TestRegistry
  let engine: PrivateEngine
  let proxy: ReturnType<typeof holdingProxy>
  let reference: string

  before(async () => {
    registry = await startTestRegistry()
    const name = `${registry.engineHost}/team/${uniqueName('cut')}:1.0`
    await buildUniqueImage(name)
    await cli(['login', '-u', registry.username, '--password-stdin', registry.engineHost], { input: registry.password })
    await cli(['push', name])
    // The CLI's config is the whole run's: a login left there would show in every later test's window.
    await cli(['logout', registry.engineHost])
    proxy = holdingProxy(registry.port)
    await new Promise<void>((ready) => proxy.server.listen(0, '127.0.0.1', ready))
    // The proxy under the same kind of name as the registry (Podman logs in over plain http only to localhost).
    reference = name.replace(registry.engineHost, `${registry.engineHost.split(':')[0]}:${(proxy.server.address() as AddressInfo).port}`)
    engine = await startPrivateEngine()
  })
  // Whatever of these `before` got to start: a registry left running would outlive the run.
  after(async () => {
    proxy?.state.held.forEach((res) => res.destroy())
    proxy?.server.close()
    await engine?.destroy()
    await registry?.stop()
  })

  it('says the engine stopped during the pull of that image, and the same pull works once it is back', async () => {
    const docker = testDocker(engine.host)
    const credentials = new CredentialStore({ configDir: mkdtempSync(join(tmpdir(), 'berth-docker-config-')) })
    const registryHost = reference.split('/')[0]!
    await login(docker, credentials, { registry: registryHost, username: registry.username, password: registry.password })
    const pull = () => pullImage(docker, credentials, reference, { operation: 'p1', signal: new AbortController().signal, onProgress: () => {} })

    const cut = pull().then(
      () => null,
      (err: unknown) => err,
    )
    await eventually(() => proxy.state.held.length > 0, 'the layer download to start', IMAGE_TRANSFER_MS)
    await engine.stop()
    const error = await cut
    assert.ok(error instanceof EngineError, `an EngineError, not ${String(error)}`)
    assert.equal(error.code, 'engine-unreachable')
    assert.match(error.message, /^The Docker engine stopped during the pull of (127\.0\.0\.1|localhost):\d+\/team\/cut-[0-9a-f]+:1\.0\. Retry once it is back\.$/)

    proxy.state.holding = false
    proxy.state.held.splice(0).forEach((res) => res.destroy())
    await engine.start()
    const again = await pull()
    assert.equal(again.cancelled, false)
    assert.ok(again.layersTransferred > 0)
  })
})
