// Browser mode across a switch of engine, as a page sees it over the WebSocket: `engines.use` moves
// the lists, the engine status and the file transfer route to the engine chosen, and the choice is
// remembered in the state folder for the next launch.
import { strict as assert } from 'node:assert'
import { request } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import type { EngineStatus } from '@common/contract/engine'
import type { EngineList } from '@common/contract/engines'
import { valueOf } from '../env/bridge-page'
import { startPrivateEngine, testEngineKind, type PrivateEngine } from '../env/engine'
import { copyFixtureImage } from '../env/private-images'
import { createContainer, requireEngine, testDocker } from '../env/session'
import { connectClient, type WsClient } from '../env/ws-client'
import { ENGINE_ANSWER_MS, eventually } from '../env/wait'

/** A download as the page's link asks for it: its status and body. */
function download(mode: BrowserMode, container: string, path: string): Promise<{ status: number; body: string }> {
  const query = new URLSearchParams({ token: mode.token, target: `container:${container}`, path })
  return new Promise((done, fail) => {
    request({ host: '127.0.0.1', port: mode.port, path: `/transfer/download?${query}`, headers: { Host: `127.0.0.1:${mode.port}` } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => done({ status: res.statusCode ?? 0, body }))
    })
      .on('error', fail)
      .end()
  })
}

describe('browser mode across a switch of engine', () => {
  const hostA = requireEngine()
  const kindB = testEngineKind() === 'docker' ? 'podman' : 'docker'
  let b: PrivateEngine
  let mode: BrowserMode
  let client: WsClient
  let onB = ''
  const stateDir = mkdtempSync(join(tmpdir(), 'berth-state-'))
  const start = async () => {
    mode = await startBrowserMode({ rendererDir: mkdtempSync(join(tmpdir(), 'berth-renderer-')), stateDir, sockets: [{ name: `${kindB} (test socket)`, path: b.host.slice('unix://'.length) }] })
    client = await connectClient(mode)
  }

  before(async () => {
    b = await startPrivateEngine(kindB)
    await copyFixtureImage(b.host)
    onB = (await createContainer(testDocker(b.host), { cmd: ['sh', '-c', "echo on-b > /marker; trap 'exit 0' TERM; sleep 3600 & wait"], start: true })).Name.replace(/^\//, '')
    await start()
  })
  after(async () => {
    client.close()
    await mode.close()
    await b.destroy()
  })

  it('moves the lists, the status and the transfer route to the engine chosen', async () => {
    assert.equal(mode.engine.connection.endpoint.host, hostA, 'at launch, with nothing remembered: DOCKER_HOST, as the CLI')
    assert.equal((await download(mode, onB, '/marker')).status, 404, 'the container is not on the first engine')
    const switched: Array<{ to: { id: string } }> = []
    const statuses: EngineStatus[] = []
    client.berth.engines.onSwitched((payload) => switched.push(payload))
    client.berth.engine.onStatus((status) => statuses.push(status))

    // The socket's id as the list gives it (whether it answered in the probe's budget is the bridge test's business).
    const used: EngineList = valueOf(await client.berth.engines.use({ id: `socket:${b.host.slice('unix://'.length)}` }))
    assert.deepEqual(used.engines.filter((e) => e.inUse).map((e) => e.host), [b.host])
    assert.deepEqual(used.cliFlags, ['-H', b.host])
    await eventually(() => switched.length === 1, 'engines.switched over the WebSocket', ENGINE_ANSWER_MS)
    await eventually(() => statuses.some((s) => s.state === 'connected' && s.host === b.host), 'the new engine’s status', ENGINE_ANSWER_MS)
    assert.ok(valueOf(await client.berth.containers.list()).items.some((c) => c.name === onB))
    assert.deepEqual(await download(mode, onB, '/marker'), { status: 200, body: 'on-b\n' })
  })

  it('opens on the engine chosen at the next launch', async () => {
    client.close()
    await mode.close()
    await start()
    assert.equal(mode.engine.connection.endpoint.host, b.host)
    assert.equal(valueOf(await client.berth.engine.status()).host, b.host)
  })
})
