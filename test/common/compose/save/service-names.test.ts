// Service names from container names: valid for both Compose versions, each once, a change said.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { serviceNameFor, serviceNames } from '@common/compose/save/service-names'

describe('service names from container names', () => {
  it('keeps a valid name, lowercases and replaces the rest', () => {
    assert.equal(serviceNameFor('/web'), 'web')
    assert.equal(serviceNameFor('My.App'), 'my-app')
    assert.equal(serviceNameFor('_x'), 'x')
    assert.equal(serviceNameFor('...'), 'service')
  })

  it('resolves collisions in order and says why', () => {
    const named = serviceNames(['/web', 'Web', 'web.1', 'web-1'])
    assert.deepEqual(named.map((n) => n.service), ['web', 'web-2', 'web-1', 'web-1-2'])
    assert.equal(named[0]!.renamed, undefined)
    assert.match(named[1]!.renamed ?? '', /"Web" is not a service name.*"web" was already taken: saved as service "web-2"/)
    assert.match(named[3]!.renamed ?? '', /"web-1" was already taken/)
  })
})
