import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { api } from '@common/api'
import { callChannel } from '@common/contract/spec'
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type Caller } from '@main/bridge'
import { createContainer, removeTestContainers, testDocker } from '../env/session'

const caller: Caller = { send: () => {}, onClose: () => {} }

describe('bridge router: every input is validated in main (real engine)', () => {
  const engine = new Engine()
  let bridge: Bridge
  before(() => {
    bridge = createBridge(engine)
  })
  after(async () => {
    bridge.close()
    engine.stop()
    await removeTestContainers(testDocker())
  })

  const dispatch = (domain: string, name: string, input: unknown) => bridge.router.dispatch(callChannel(domain, name), input, caller)

  it('serves exactly the calls the contract declares', () => {
    const declared = Object.entries(api).flatMap(([domain, spec]) => Object.keys(spec.calls).map((name) => callChannel(domain, name)))
    assert.deepEqual([...bridge.router.channels].sort(), declared.sort())
  })

  it('refuses unknown calls', async () => {
    for (const channel of ['berth:call:containers.exec', 'containers.list', '', 'berth:call:__proto__.constructor']) {
      const result = await bridge.router.dispatch(channel, {}, caller)
      assert.equal(result.ok, false)
      assert.equal(!result.ok && result.error.code, 'invalid-input')
    }
  })

  it('refuses extra fields, wrong types and non-objects on every call', async () => {
    for (const [domain, spec] of Object.entries(api)) {
      for (const name of Object.keys(spec.calls)) {
        for (const input of [{ sneaky: true }, 'text', 42, null, [], { id: { $ne: 1 } }]) {
          const result = await dispatch(domain, name, input)
          assert.equal(result.ok, false, `${domain}.${name}(${JSON.stringify(input)}) was accepted`)
          assert.equal(!result.ok && result.error.code, 'invalid-input')
          assert.match(!result.ok ? result.error.message : '', /^Berth refused the request: .+\.$/)
        }
      }
    }
  })

  it('refuses huge strings and ids that are not ids, and changes nothing', async () => {
    const docker = testDocker()
    const c = await createContainer(docker)
    const bad = ['x'.repeat(1_000_000), '../../etc/passwd', 'a b', '-rf', '', `${c.Id}\n`, 'name;rm']
    for (const id of bad) {
      for (const name of ['start', 'stop', 'restart', 'remove']) {
        const result = await dispatch('containers', name, { id })
        assert.equal(!result.ok && result.error.code, 'invalid-input', `${name}(${id.slice(0, 20)})`)
      }
    }
    const timeouts = [-1, 1.5, 1e9, '10']
    for (const timeout of timeouts) {
      const result = await dispatch('containers', 'stop', { id: c.Id, timeout })
      assert.equal(!result.ok && result.error.code, 'invalid-input')
    }
    const imageResult = await dispatch('images', 'remove', { reference: 'x'.repeat(600) })
    assert.equal(!imageResult.ok && imageResult.error.code, 'invalid-input')
    assert.equal((await docker.getContainer(c.Id).inspect()).State.Status, 'created', 'nothing changed')
  })

  it('answers not-found for well-formed ids of nothing', async () => {
    const result = await dispatch('containers', 'start', { id: 'deadbeefdead' })
    assert.equal(!result.ok && result.error.code, 'not-found')
    const image = await dispatch('images', 'remove', { reference: 'nobody/nothing:1' })
    assert.equal(!image.ok && image.error.code, 'not-found')
  })

  it('answers valid calls with {ok, value}', async () => {
    const result = await dispatch('containers', 'list', {})
    assert.equal(result.ok, true)
    assert.ok(result.ok && Array.isArray((result.value as { items: unknown }).items) && typeof (result.value as { version: unknown }).version === 'number')
    const status = await dispatch('engine', 'status', {})
    assert.equal(status.ok && typeof status.value === 'object', true)
  })
})
