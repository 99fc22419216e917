import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { isCidr, isIpAddress, subnetHolds } from '@common/cidr'

describe('subnets and addresses, as docker network create takes them', () => {
  it('takes IPv4 and IPv6 subnets with no host bits set', () => {
    for (const ok of ['10.20.0.0/16', '172.28.5.0/24', '0.0.0.0/0', '192.168.1.7/32', 'fd00:1::/64', '2001:db8::/32', '::/0']) assert.ok(isCidr(ok), ok)
  })

  it('refuses what is not one: host bits, prefixes too long, bad octets, two "::", no prefix', () => {
    for (const bad of ['10.1.2.3/16', '10.0.0.0/33', '300.0.0.0/8', '10.0.0/8', '010.0.0.0/8', 'fd00::1::/64', 'fd00:1::1/64', '10.0.0.0', '10.0.0.0/', 'fd00::/129', 'x/8', ''])
      assert.equal(isCidr(bad), false, bad)
  })

  it('reads addresses and tells whether a subnet holds them', () => {
    assert.ok(isIpAddress('10.6.0.1') && isIpAddress('fd00::1') && isIpAddress('::'))
    assert.equal(isIpAddress('10.6.0.256'), false)
    assert.equal(isIpAddress('1:2:3:4:5:6:7:8:9'), false)
    assert.ok(subnetHolds('10.5.0.0/16', '10.5.255.254'))
    assert.equal(subnetHolds('10.5.0.0/16', '10.6.0.1'), false)
    assert.ok(subnetHolds('fd00:1::/64', 'fd00:1::ffff'))
    assert.equal(subnetHolds('fd00:1::/64', 'fd00:2::1'), false)
    assert.equal(subnetHolds('10.5.0.0/16', 'fd00::1'), false, 'another family')
  })
})
