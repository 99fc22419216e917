import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { connectCli, createNetworkCli, disconnectCli } from '@renderer/features/networks/network-cli'

describe('networks CLI lines', () => {
  it('say what the create sends, in the CLI\'s flags', () => {
    assert.equal(createNetworkCli({ name: 'app-net' }), 'docker network create app-net')
    assert.equal(
      createNetworkCli({ name: 'db', driver: 'macvlan', subnet: '10.20.0.0/16', gateway: '10.20.0.254', internal: true, labels: { tier: 'db' } }),
      'docker network create --driver macvlan --subnet 10.20.0.0/16 --gateway 10.20.0.254 --internal --label tier=db db',
    )
    // Berth enables IPv6 from an IPv6 subnet; the CLI needs the flag said.
    assert.equal(createNetworkCli({ name: 'six', subnet: 'fd00:1::/64' }), 'docker network create --subnet fd00:1::/64 --ipv6 six')
  })

  it('connect with aliases, and disconnect', () => {
    assert.equal(connectCli('app-net', 'web', ['api', 'www']), 'docker network connect --alias api --alias www app-net web')
    assert.equal(disconnectCli('app-net', 'web'), 'docker network disconnect app-net web')
  })
})
