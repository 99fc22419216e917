import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { EngineError } from '../../main/engine/errors'
import { authKey, normalizeRegistry, parseReference } from '../../main/engine/images/reference'

const DIGEST = `sha256:${'ab12'.repeat(16)}`

function refusal(text: string): string {
  try {
    parseReference(text)
  } catch (err) {
    assert.ok(err instanceof EngineError)
    assert.equal(err.code, 'invalid-input')
    return err.message
  }
  assert.fail(`"${text}" was accepted`)
}

describe('parseReference', () => {
  it('normalizes official images to docker.io/library with latest', () => {
    const r = parseReference('node', { defaultTag: true })
    assert.equal(r.normalized, 'docker.io/library/node:latest')
    assert.equal(r.familiar, 'node:latest')
    assert.equal(r.registry, 'docker.io')
    assert.equal(parseReference('node:20').normalized, 'docker.io/library/node:20')
    assert.equal(parseReference('node').tag, undefined, 'no default tag unless asked (docker tag adds it itself)')
  })

  it('keeps user repositories on Docker Hub', () => {
    const r = parseReference('user/repo', { defaultTag: true })
    assert.equal(r.normalized, 'docker.io/user/repo:latest')
    assert.equal(r.familiar, 'user/repo:latest')
    assert.equal(parseReference('index.docker.io/user/repo:1').normalized, 'docker.io/user/repo:1')
    assert.equal(parseReference('docker.io/node').normalized, 'docker.io/library/node')
  })

  it('finds the registry host the way the CLI does', () => {
    const r = parseReference(`host:5000/ns/repo@${DIGEST}`, { defaultTag: true })
    assert.deepEqual([r.registry, r.path, r.tag, r.digest], ['host:5000', 'ns/repo', undefined, DIGEST])
    assert.equal(r.normalized, `host:5000/ns/repo@${DIGEST}`)
    assert.equal(parseReference('localhost/app').registry, 'localhost')
    assert.equal(parseReference('ghcr.io/org/app:1.2').registry, 'ghcr.io')
    assert.equal(parseReference('127.0.0.1:5000/app:1').familiar, '127.0.0.1:5000/app:1')
    // No '.', no ':' and not localhost: a namespace on Docker Hub, not a host.
    assert.equal(parseReference('team/app').registry, 'docker.io')
    assert.equal(parseReference('myhost/team/app').registry, 'docker.io')
    assert.equal(parseReference('app:1@' + DIGEST).tag, '1')
  })

  it('explains what is wrong with a bad reference', () => {
    assert.match(refusal(''), /cannot be empty/)
    assert.match(refusal('MyApp'), /must be lowercase.*"myapp"/)
    assert.match(refusal('my app'), /contains a space/)
    assert.match(refusal('team//app'), /empty path component/)
    assert.match(refusal('app:-bad'), /tag "-bad" is not valid/)
    assert.match(refusal(`app:${'x'.repeat(129)}`), /at most 128/)
    assert.match(refusal('app@sha256:abc'), /digest/)
    assert.match(refusal(`app@sha256:${'a'.repeat(63)}x`), /digest/)
    assert.match(refusal('host:port/app'), /port "port" is not a number/)
    assert.match(refusal('host:99999/app'), /above 65535/)
    assert.match(refusal('https://ghcr.io/app'), /leave out the scheme/)
    assert.match(refusal('-app'), /must start and end with a lowercase letter or digit/)
    assert.match(refusal('app$'), /"\$" is not allowed/)
    assert.match(refusal(':1.0'), /no repository name/)
    assert.match(refusal(`${'a'.repeat(300)}`), /limit is 255/)
  })
})

describe('registry addresses', () => {
  it('reads what docker login accepts', () => {
    assert.equal(normalizeRegistry(''), 'docker.io')
    assert.equal(normalizeRegistry('https://index.docker.io/v1/'), 'docker.io')
    assert.equal(normalizeRegistry('localhost:5000'), 'localhost:5000')
    assert.equal(normalizeRegistry('https://GHCR.io'), 'ghcr.io')
    assert.throws(() => normalizeRegistry('bad host'), /not a registry address/)
  })

  it('files Docker Hub under the key the CLI uses', () => {
    assert.equal(authKey('docker.io'), 'https://index.docker.io/v1/')
    assert.equal(authKey('127.0.0.1:5000'), '127.0.0.1:5000')
  })
})
