// Which engine answers, told without waiting on /version, which Podman 4.3 answers slowly (its runtime's,
// conmon's and the OS's versions are asked for each time). Through a relay that records each request.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { engineKindOf, engineKindWithin } from '../../main/engine/engine-product'
import { testEngineKind } from '../env/engine'
import { startRelay, type SocketRelay } from '../env/socket-relay'

describe('engine kind', () => {
  let relay: SocketRelay
  before(async () => (relay = await startRelay()))
  after(() => relay.close())

  it('tells Podman by its libpod ping, and Docker by its version, asked once', async () => {
    const kind = await engineKindOf(relay.docker)
    assert.equal(kind, testEngineKind())
    const asked = relay.requests.map((r) => r.replace(/ \/v[\d.]+\//, ' /'))
    if (kind === 'podman') assert.deepEqual(asked, ['GET /libpod/_ping'], 'Podman is told without /version')
    else assert.deepEqual(asked, ['GET /libpod/_ping', 'GET /version'])
    assert.equal(await engineKindWithin(relay.docker, 0), kind, 'known from then on')
    assert.equal(relay.requests.length, asked.length, 'and not asked again')
  })
})
