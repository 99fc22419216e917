// An engine over tcp:// with TLS (a private dockerd with --tlsverify): everything a page streams works
// over it, the docker CLI with the same files sees the same engine, and each way TLS goes wrong is
// refused with a sentence naming what to fix. Its own dockerd, so it runs once (in the Docker pass).
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { parseHost } from '@main/engine/endpoint'
import { toEngineError } from '@main/engine/errors'
import type { TlsFiles } from '@main/engine/engines/tls-agent'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { copyFixtureImage } from '../../env/private-images'
import { removeTestContainers, testDocker } from '../../env/session'
import { startTlsEngine, withCa, type TlsEngine } from '../../env/tls-engine'
import { ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../../env/wait'
import { remoteStreamTests } from './streams'

const skip = testEngineKind() !== 'docker' && 'a TLS engine is a private dockerd of its own: it runs in the Docker pass'

function engineOver(host: string, tls: TlsFiles): Engine {
  return new Engine({ endpoint: { host, source: 'context', options: parseHost(host, tls) }, retryDelaysMs: [100, 200, 400] })
}

/** Why a one-off request over these files fails, as Berth words it. */
async function refusal(host: string, tls: TlsFiles): Promise<string> {
  const engine = engineOver(host, tls)
  try {
    await engine.docker.version()
    return 'answered'
  } catch (err) {
    return toEngineError(err).message
  } finally {
    engine.stop()
  }
}

describe('an engine over TLS', { skip }, () => {
  let tls: TlsEngine
  let engine: Engine

  before(async () => {
    tls = await startTlsEngine()
    await copyFixtureImage(tls.socketHost)
    engine = engineOver(tls.host, tls.tls())
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'Berth to reach the TLS engine', ENGINE_ANSWER_MS)
  })

  after(async () => {
    engine?.stop()
    if (tls) await removeTestContainers(testDocker(tls.socketHost)).catch(() => {})
    await tls?.destroy()
  })

  remoteStreamTests({ engine: () => engine, cli: (args) => cli([...tls.cliFlags(), ...args]) })

  it('says the status is verified TLS: no SkipTLSVerify flag', () => {
    assert.equal(engine.connection.status.tlsUnverified, undefined)
  })

  it('refuses an engine whose certificate another CA signed, naming the CA file', async () => {
    const wrong = withCa(tls.tls(), tls.wrongCertDir)
    assert.equal(await refusal(tls.host, wrong), `The engine's certificate is not signed by the CA in ${wrong.caFile}: give Berth the CA that signed the engine's certificate.`)
  })

  it('says plain HTTP was sent to a TLS port', async () => {
    assert.match(await refusal(tls.host, {}), /^The engine speaks TLS on that port, and Berth spoke plain HTTP to it/)
  })

  it('says the engine refused a client without a certificate its CA signed', async () => {
    const expected = /^The engine refused Berth's client certificate/
    assert.match(await refusal(tls.host, { ca: tls.tls().ca, caFile: tls.tls().caFile }), expected)
    const foreignClient = { ...tls.tls(), cert: tls.wrongClient().cert, key: tls.wrongClient().key }
    assert.match(await refusal(tls.host, foreignClient), expected)
  })

  it('says the certificate is not for the address used', async () => {
    assert.match(await refusal(tls.host.replace('127.0.0.1', 'localhost'), tls.tls()), /^The engine's certificate is not for this address/)
  })

  it('says nothing answers on a closed port', async () => {
    const closed = 'tcp://127.0.0.1:9'
    assert.equal(await refusal(closed, tls.tls()), 'Nothing answers at 127.0.0.1:9 (connection refused): the engine is not running, or listens elsewhere.')
  })

  it('skips the check only when told to, and the status says so', async () => {
    const unverified = new Engine({
      endpoint: { host: tls.host, source: 'context', options: parseHost(tls.host, { ...withCa(tls.tls(), tls.wrongCertDir), skipVerify: true }), tlsUnverified: true },
    })
    try {
      unverified.start()
      await eventually(() => unverified.connection.status.state === 'connected', 'the unverified link', ENGINE_ANSWER_MS)
      assert.equal(unverified.connection.status.tlsUnverified, true)
    } finally {
      unverified.stop()
    }
  })

  it('reports the engine unreachable while it is down, and reconnects once it is back', async () => {
    await tls.stop()
    await eventually(() => engine.connection.status.state === 'unreachable', 'the banner to say unreachable', ENGINE_ANSWER_MS)
    await tls.start()
    await eventually(() => engine.connection.status.state === 'connected', 'Berth to reconnect over TLS', ENGINE_RESTART_MS)
  })
})
