// Published ports written back as the ranges the user typed, and nothing joined that should not be.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { portRanges } from '@common/compose/save/port-ranges'

describe('ports as Compose rows', () => {
  it('joins consecutive host and container ports with the same address and protocol', () => {
    assert.deepEqual(portRanges(['127.0.0.1:9000:90/udp', '127.0.0.1:9001:91/udp', '127.0.0.1:9002:92/udp']), ['127.0.0.1:9000-9002:90-92/udp'])
    assert.deepEqual(portRanges(['8080:80', '8081:81']), ['8080-8081:80-81'])
  })

  it('keeps apart what differs: protocol, address, a gap, a random host port', () => {
    assert.deepEqual(portRanges(['8080:80', '8081:81/udp']), ['8080:80', '8081:81/udp'])
    assert.deepEqual(portRanges(['127.0.0.1:8080:80', '8081:81']), ['127.0.0.1:8080:80', '8081:81'])
    assert.deepEqual(portRanges(['8080:80', '8082:81']), ['8080:80', '8082:81'])
    assert.deepEqual(portRanges(['53', '54', '127.0.0.1::90']), ['53', '54', '127.0.0.1::90'])
    assert.deepEqual(portRanges([]), [])
  })
})
