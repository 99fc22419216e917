import { strict as assert } from 'node:assert'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { resolveEndpoint } from '@main/engine/endpoint'
import { EngineError } from '@main/engine/errors'
import { sshArgs, sshTarget } from '@main/engine/engines/ssh-dialer'

function home(): string {
  return mkdtempSync(join(tmpdir(), 'berth-home-'))
}

function writeContext(dir: string, name: string, host: string, skipTlsVerify = false): void {
  const id = createHash('sha256').update(name).digest('hex')
  mkdirSync(join(dir, '.docker', 'contexts', 'meta', id), { recursive: true })
  writeFileSync(
    join(dir, '.docker', 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }),
  )
}

describe('resolveEndpoint', () => {
  it('uses DOCKER_HOST first', () => {
    const e = resolveEndpoint({ env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, home: home(), platform: 'linux' })
    assert.equal(e.source, 'DOCKER_HOST')
    assert.deepEqual(e.options, { socketPath: '/run/user/1000/docker.sock' })
  })

  it('understands tcp hosts, plain and TLS', () => {
    const plain = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home: home(), platform: 'linux' })
    assert.deepEqual(plain.options, { host: '10.0.0.5', port: 2375, protocol: 'http' })
    const tls = resolveEndpoint({ env: { DOCKER_HOST: 'https://build.example:2376' }, home: home(), platform: 'linux' })
    assert.equal(tls.options.protocol, 'https')
    assert.equal(tls.options.port, 2376)
  })

  it('follows the current context in config.json, as the CLI does', () => {
    const dir = home()
    mkdirSync(join(dir, '.docker'))
    writeFileSync(join(dir, '.docker', 'config.json'), JSON.stringify({ currentContext: 'desktop-linux' }))
    writeContext(dir, 'desktop-linux', 'unix:///Users/me/.docker/run/docker.sock')
    const e = resolveEndpoint({ env: {}, home: dir, platform: 'darwin' })
    assert.equal(e.source, 'context')
    assert.equal(e.context, 'desktop-linux')
    assert.deepEqual(e.options, { socketPath: '/Users/me/.docker/run/docker.sock' })
  })

  it('lets DOCKER_CONTEXT override the config and DOCKER_CONFIG move it', () => {
    const dir = home()
    writeContext(dir, 'remote', 'ssh://me@builder')
    const e = resolveEndpoint({ env: { DOCKER_CONTEXT: 'remote', DOCKER_CONFIG: join(dir, '.docker') }, home: '/nonexistent', platform: 'linux' })
    assert.equal(e.host, 'ssh://me@builder')
    // Plain HTTP over links the user's own ssh opens, as the docker CLI does.
    assert.equal(e.options.protocol, 'http')
    assert.equal(typeof (e.options as { agent?: { dial?: unknown } }).agent?.dial, 'function')
    const { agent } = e.options as { agent?: { destroy(): void } }
    agent?.destroy()
  })

  it('runs ssh as the docker CLI does, refusing unknown host keys and password prompts', () => {
    assert.deepEqual(sshArgs(sshTarget(new URL('ssh://me@builder'))), ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-l', 'me', '--', 'builder', 'docker', 'system', 'dial-stdio'])
    assert.deepEqual(sshArgs(sshTarget(new URL('ssh://10.0.0.5:2222'))), ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-p', '2222', '--', '10.0.0.5', 'docker', 'system', 'dial-stdio'])
  })

  it("reads a context's TLS files and honours its SkipTLSVerify, saying so", () => {
    const dir = home()
    writeContext(dir, 'secure', 'tcp://10.0.0.5:2376')
    const id = createHash('sha256').update('secure').digest('hex')
    const tlsDir = join(dir, '.docker', 'contexts', 'tls', id, 'docker')
    mkdirSync(tlsDir, { recursive: true })
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(tlsDir, file), `${file} contents`)
    const where = { env: { DOCKER_CONTEXT: 'secure' }, home: dir, platform: 'linux' as const }
    const verified = resolveEndpoint(where)
    assert.equal(verified.options.protocol, 'https')
    assert.equal(String(verified.options.ca), 'ca.pem contents')
    assert.equal(verified.tlsUnverified, undefined)

    writeContext(dir, 'secure', 'tcp://10.0.0.5:2376', true)
    const skipped = resolveEndpoint(where)
    assert.equal(skipped.tlsUnverified, true)
    assert.equal((skipped.options as { agent?: { options: { rejectUnauthorized?: boolean } } }).agent?.options.rejectUnauthorized, false)
  })

  it('takes TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and DOCKER_TLS alone as unverified', () => {
    const certs = home()
    writeFileSync(join(certs, 'ca.pem'), 'ca')
    const checked = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home: home(), platform: 'linux' })
    assert.equal(checked.options.protocol, 'https')
    assert.equal(checked.tlsUnverified, undefined)
    const unchecked = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS: '1' }, home: home(), platform: 'linux' })
    assert.equal(unchecked.options.protocol, 'https')
    assert.equal(unchecked.tlsUnverified, true)
    const plain = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home: home(), platform: 'linux' })
    assert.equal(plain.tlsUnverified, undefined)
  })

  it('falls back to the default socket, and the named pipe on Windows', () => {
    assert.equal(resolveEndpoint({ env: {}, home: home(), platform: 'linux' }).host, 'unix:///var/run/docker.sock')
    assert.equal(resolveEndpoint({ env: {}, home: home(), platform: 'win32' }).host, 'npipe:////./pipe/docker_engine')
    const dir = home()
    mkdirSync(join(dir, '.docker'))
    writeFileSync(join(dir, '.docker', 'config.json'), JSON.stringify({ currentContext: 'default' }))
    assert.equal(resolveEndpoint({ env: {}, home: dir, platform: 'linux' }).source, 'default')
  })

  it('explains a context that cannot be read and an address it cannot use', () => {
    assert.throws(
      () => resolveEndpoint({ env: { DOCKER_CONTEXT: 'gone' }, home: home(), platform: 'linux' }),
      (err: EngineError) => err.code === 'invalid-input' && /docker context "gone"/.test(err.message),
    )
    assert.throws(
      () => resolveEndpoint({ env: { DOCKER_HOST: 'fd://' }, home: home(), platform: 'linux' }),
      (err: EngineError) => err.code === 'invalid-input' && /fd:/.test(err.message),
    )
  })
})
