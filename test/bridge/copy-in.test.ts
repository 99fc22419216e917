// Files and folders dropped on the desktop window are streamed in by main from their paths on this
// machine; browser mode refuses host paths, since its page may be on another machine.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { callChannel } from '@common/contract/spec'
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { docker as cli } from '../env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../env/session'

const caller: Caller = { send: () => {}, onClose: () => {} }

describe('files.copyIn: dropping files from this machine (real engine)', () => {
  const engine = new Engine()
  const docker = testDocker()
  const source = mkdtempSync(join(tmpdir(), 'berth-drop-'))
  let desktop: Bridge
  let browser: Bridge
  before(() => {
    desktop = createBridge(engine, { hostPaths: true })
    browser = createBridge(engine)
    writeFileSync(join(source, 'app.conf'), 'listen 8080\n')
    mkdirSync(join(source, 'my folder', 'sub'), { recursive: true })
    writeFileSync(join(source, 'my folder', 'sub', 'ünïcode -x.txt'), 'hello\n')
  })
  after(async () => {
    desktop.close()
    browser.close()
    engine.stop()
    rmSync(source, { recursive: true, force: true })
    await removeTestContainers(docker)
  })

  const copyIn = (bridge: Bridge, input: unknown) => bridge.router.dispatch(callChannel('files', 'copyIn'), input, caller)

  it('copies files and whole folders into a stopped container, like docker cp', async () => {
    const c = await createContainer(docker)
    const result = await copyIn(desktop, {
      target: { kind: 'container', id: c.Id },
      dir: '/',
      hostPaths: [join(source, 'app.conf'), join(source, 'my folder')],
    })
    assert.deepEqual(result, { ok: true, value: undefined })
    await docker.getContainer(c.Id).start()
    assert.equal(await cli(['exec', c.Id, 'cat', '/app.conf']), 'listen 8080')
    assert.equal(await cli(['exec', c.Id, 'cat', '/my folder/sub/ünïcode -x.txt']), 'hello')
  })

  it('is refused in browser mode, and for paths that are not absolute', async () => {
    const c = await createContainer(docker)
    const target = { kind: 'container', id: c.Id }
    const refused = await copyIn(browser, { target, dir: '/', hostPaths: [join(source, 'app.conf')] })
    assert.equal(!refused.ok && refused.error.code, 'invalid-input')
    assert.match(!refused.ok ? refused.error.message : '', /desktop window/)
    for (const hostPaths of [[], ['relative/file'], ['/etc/passwd\0'], ['x'.repeat(5000)]]) {
      const result = await copyIn(desktop, { target, dir: '/', hostPaths })
      assert.equal(!result.ok && result.error.code, 'invalid-input', JSON.stringify(hostPaths).slice(0, 40))
    }
    await docker.getContainer(c.Id).start()
    await assert.rejects(cli(['exec', c.Id, 'cat', '/app.conf']), 'nothing was copied')
  })
})
