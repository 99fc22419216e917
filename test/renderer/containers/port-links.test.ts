import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { bindingOf, engineMachine, portLabel, portUrl } from '@renderer/features/containers/port-links'
import { decideLink } from '@main/link-gate'

const LOCAL = 'unix:///var/run/docker.sock'

describe('published ports as links', () => {
  it('labels a port as docker ps does, without the any-address', () => {
    assert.equal(portLabel({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }), '8080→80/tcp')
    assert.equal(portLabel({ hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' }), '8080→80/tcp')
    assert.equal(portLabel({ hostIp: '127.0.0.1', hostPort: 9000, containerPort: 90, protocol: 'udp' }), '127.0.0.1:9000→90/udp')
    assert.equal(portLabel({ hostIp: '::1', hostPort: 9000, containerPort: 90, protocol: 'tcp' }), '[::1]:9000→90/tcp')
    assert.equal(portLabel({ containerPort: 53, protocol: 'tcp' }), '53/tcp')
  })

  it('links a TCP port on a local engine to localhost, or to the address it is bound to', () => {
    assert.equal(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, LOCAL), 'http://localhost:8080/')
    assert.equal(portUrl({ hostPort: 8080, containerPort: 80, protocol: 'tcp' }, undefined), 'http://localhost:8080/')
    assert.equal(portUrl({ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, LOCAL), 'http://127.0.0.1:8080/')
    assert.equal(portUrl({ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, LOCAL), 'http://[::1]:8080/')
    assert.equal(portUrl({ hostIp: '192.168.1.5', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, LOCAL), 'http://192.168.1.5:8080/')
    assert.equal(portUrl({ hostIp: '0.0.0.0', hostPort: 8443, containerPort: 443, protocol: 'tcp' }, LOCAL), 'https://localhost:8443/')
  })

  it('has no link for UDP, for an exposed port, or for a remote engine’s loopback', () => {
    assert.equal(portUrl({ hostIp: '0.0.0.0', hostPort: 53, containerPort: 53, protocol: 'udp' }, LOCAL), null)
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp' }, LOCAL), null)
    assert.equal(portUrl({ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'tcp://build.example:2376'), null)
  })

  it('reaches a remote engine’s ports on its host', () => {
    assert.deepEqual(engineMachine('tcp://build.example:2376'), { host: 'build.example', local: false })
    assert.deepEqual(engineMachine('ssh://me@10.0.0.7'), { host: '10.0.0.7', local: false })
    assert.deepEqual(engineMachine('tcp://127.0.0.1:2375'), { host: 'localhost', local: true })
    assert.deepEqual(engineMachine('npipe:////./pipe/docker_engine'), { host: 'localhost', local: true })
    assert.equal(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'ssh://me@10.0.0.7'), 'http://10.0.0.7:8080/')
    assert.equal(portUrl({ hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'tcp://[fd00::7]:2376'), 'http://[fd00::7]:8080/')
  })

  it('reads back the inspect tab’s bindings', () => {
    assert.deepEqual(bindingOf('0.0.0.0:8080', '80/tcp'), { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' })
    assert.deepEqual(bindingOf(':::8080', '80/tcp'), { hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' })
    assert.deepEqual(bindingOf('127.0.0.1:9000', '90/udp'), { hostIp: '127.0.0.1', hostPort: 9000, containerPort: 90, protocol: 'udp' })
    assert.equal(bindingOf('0.0.0.0:', '80/tcp'), null)
  })

  it('every port link is one the desktop window asks about before opening, naming host and port', () => {
    for (const [url, host] of [
      [portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, LOCAL), 'localhost:8080'],
      [portUrl({ hostIp: '0.0.0.0', hostPort: 443, containerPort: 443, protocol: 'tcp' }, LOCAL), 'localhost'],
    ] as const) {
      const decision = decideLink(url ?? '')
      assert.equal(decision.action, 'ask', url ?? '')
      assert.equal(decision.action === 'ask' && decision.host, host)
    }
  })
})
