// Who answers, told by its ping, without waiting on /version, which Podman 4.3 answers slowly (its
// runtime's, conmon's and the OS's versions are asked for each time): the same product, version and
// API version the engine's own /version gives. Through a relay that records each request.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { engineIdentity, engineKindOf, engineKindWithin, engineProduct, identityFromPing } from '../../main/engine/engine-product'
import { testEngineKind } from '../env/engine'
import { startRelay, type SocketRelay } from '../env/socket-relay'
import { testDocker } from '../env/session'

describe('engine identity', () => {
  let relay: SocketRelay
  before(async () => (relay = await startRelay()))
  after(() => relay.close())
  const asked = () => relay.requests.map((r) => r.replace(/ \/v[\d.]+\//, ' /'))

  it('is told by one ping, and says what the engine’s own /version says', async () => {
    const identity = await engineIdentity(relay.docker)
    assert.deepEqual(asked(), ['GET /_ping'], 'no /version asked')
    const version = await testDocker().version()
    assert.equal(identity.product.kind, testEngineKind())
    assert.deepEqual(identity, { product: engineProduct(version), version: version.Version, apiVersion: version.ApiVersion })
  })

  it('gives the kind once per client, from then on without asking', async () => {
    relay.requests.length = 0
    assert.equal(await engineKindOf(relay.docker), testEngineKind())
    assert.equal(await engineKindWithin(relay.docker, 0), testEngineKind())
    assert.deepEqual(asked(), ['GET /_ping'])
  })

  it('leaves an engine whose ping names neither to its /version', () => {
    assert.equal(identityFromPing({ 'api-version': '1.41', server: 'nginx/1.25' }), null)
    assert.equal(identityFromPing({}), null)
    assert.deepEqual(identityFromPing({ 'api-version': '1.47', server: 'Docker/27.3.1 (linux)' }), {
      product: { kind: 'docker', name: 'Docker Engine', version: '27.3.1' },
      version: '27.3.1',
      apiVersion: '1.47',
    })
  })
})
