// A terminal across an engine restart: a private engine of this test's own is stopped by its pid
// while a terminal is attached. The terminal must say the engine went, then that it is back, so the
// page can offer to reattach; and reattaching must work.
import { strict as assert } from 'node:assert'
import { resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { parseHost } from '@main/engine/endpoint'
import type { TerminalState } from '@common/contract/terminal'
import { startPrivateEngine, type PrivateEngine } from '../env/engine'
import { copyFixtureImage } from '../env/private-images'
import { connectClient, type WsClient } from '../env/ws-client'
import { BUSYBOX_IMAGE, testDocker } from '../env/session'
import { ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../env/wait'

describe('a terminal when the engine restarts', () => {
  let engine: PrivateEngine
  let mode: BrowserMode
  let client: WsClient
  let docker: Dockerode
  before(async () => {
    engine = await startPrivateEngine()
    docker = testDocker(engine.host)
    // The fixture image, from the shared test engine, loaded to the end of the engine's answer: nothing is pulled.
    await copyFixtureImage(engine.host)
    mode = await startBrowserMode({
      rendererDir: resolve(__dirname, '../../out/renderer'),
      engine: { endpoint: { host: engine.host, source: 'DOCKER_HOST', options: parseHost(engine.host, {}) }, retryDelaysMs: [100, 200] },
    })
    client = await connectClient(mode)
  })
  after(async () => {
    client?.close()
    await mode?.close()
    await engine?.destroy()
  })

  it('says the engine dropped, then that it is back, and reattaches', async () => {
    const container = await docker.createContainer({
      Image: BUSYBOX_IMAGE, Cmd: ['sh'], Tty: true, OpenStdin: true,
      HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'unless-stopped' } },
    })
    await container.start()
    await eventually(() => mode.engine.connection.status.state === 'connected', 'Berth to connect', ENGINE_ANSWER_MS)
    const { berth } = client
    const states: TerminalState[] = []
    let text = ''
    berth.terminal.onState((s) => states.push(s))
    berth.terminal.onOutput(({ data }) => (text += Buffer.from(data).toString()))
    assert.ok((await berth.terminal.attach({ session: 'a', id: container.id, size: { cols: 80, rows: 24 } })).ok)

    await engine.stop()
    await eventually(() => states.some((s) => s.phase === 'engine-lost' || s.phase === 'exited'), 'the terminal to say it was cut', ENGINE_RESTART_MS)
    await engine.start()
    await eventually(() => states.some((s) => s.phase === 'can-return'), 'the terminal to hear it can come back', ENGINE_RESTART_MS)
    const back = states.find((s) => s.phase === 'can-return')
    assert.ok(back?.reason === 'engine-restarted' || back?.reason === 'container-started', JSON.stringify(states))

    await eventually(async () => (await docker.getContainer(container.id).inspect()).State.Running, 'the restart policy to start it', ENGINE_RESTART_MS)
    assert.ok((await berth.terminal.attach({ session: 'a', id: container.id, size: { cols: 80, rows: 24 } })).ok)
    await berth.terminal.input({ session: 'a', data: new TextEncoder().encode('echo back-$((3*3))\r') })
    await eventually(() => text.includes('back-9'), 'the reattached shell to answer', ENGINE_ANSWER_MS)
  })
})
