// Docker contexts as Berth reads and writes them, against the docker CLI as the oracle: the same
// list as `docker context ls` (names, endpoints, descriptions, the current one) whatever pins it;
// a context Berth adds is one the CLI lists and uses, one the CLI creates is one Berth sees;
// `docker context use` and Berth's makeCliDefault write the same config.json; refused input (an engine
// that does not answer, a certificate it does not trust, a missing file) writes nothing.
import { strict as assert } from 'node:assert'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { after, before, describe, it } from 'node:test'
import { readContexts, contextDirs } from '@main/engine/engines/contexts'
import { addContext, makeCliDefault, removeContext } from '@main/engine/engines/context-store'
import { EngineError } from '@main/engine/errors'
import { dockerConfig, type DockerConfig } from '../../env/docker-config'
import { requireEngine } from '../../env/session'
import { ENGINE_ANSWER_MS } from '../../env/wait'

interface CliContext {
  Name: string
  Description: string
  DockerEndpoint: string
  Current: boolean
}

async function cliList(config: DockerConfig, env: NodeJS.ProcessEnv = {}): Promise<CliContext[]> {
  const out = await config.cli(['context', 'ls', '--format', '{{json .}}'], env)
  return out.split('\n').map((line) => {
    const c = JSON.parse(line) as CliContext
    return { Name: c.Name, Description: c.Description, DockerEndpoint: c.DockerEndpoint, Current: c.Current }
  })
}

function berthList(config: DockerConfig, env: NodeJS.ProcessEnv = {}): CliContext[] {
  const read = readContexts(config.where(env))
  return read.contexts.map((c) => ({ Name: c.name, Description: c.description, DockerEndpoint: c.host, Current: c.name === read.current }))
}

/** A self-signed CA, certificate and key, as a TLS context carries them. */
function pemFiles(dir: string): { ca: string; cert: string; key: string } {
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=berth-test'], { stdio: 'ignore' })
  const ca = join(dir, 'ca.pem')
  writeFileSync(ca, readFileSync(cert))
  return { ca, cert, key }
}

/** A tcp port nobody listens on (one the kernel just gave out and took back). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

describe('docker contexts, read and written as the docker CLI does', () => {
  const host = requireEngine()
  let config: DockerConfig
  let pems: { ca: string; cert: string; key: string }

  before(async () => {
    config = dockerConfig()
    await config.cli(['context', 'create', 'plain', '--docker', `host=${host}`])
    pems = pemFiles(config.home.replace(/home$/, ''))
    await config.cli(['context', 'create', 'secure', '--description', 'A TLS box', '--docker', `host=tcp://127.0.0.1:2376,ca=${pems.ca},cert=${pems.cert},key=${pems.key}`])
    await config.cli(['context', 'create', 'remote', '--description', 'Build box "b"', '--docker', 'host=ssh://me@127.0.0.1:2222'])
  })
  after(() => config.destroy())

  it('lists what `docker context ls` lists, whatever makes a context current', async () => {
    assert.deepEqual(berthList(config), await cliList(config))
    await config.cli(['context', 'use', 'secure'])
    assert.deepEqual(berthList(config), await cliList(config))
    assert.equal(berthList(config).find((c) => c.Current)?.Name, 'secure')
    for (const env of [{ DOCKER_CONTEXT: 'remote' }, { DOCKER_HOST: 'unix:///run/elsewhere.sock' }, { DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_CONTEXT: 'remote' }]) {
      assert.deepEqual(berthList(config, env), await cliList(config, env), JSON.stringify(env))
    }
    assert.equal(readContexts(config.where({ DOCKER_HOST: 'unix:///x.sock' })).pinnedBy, 'DOCKER_HOST')
    assert.deepEqual(readContexts(config.where()).contexts.find((c) => c.name === 'secure')?.tls, ['ca', 'cert', 'key'])
    await config.cli(['context', 'use', 'default'])
  })

  it('adds a context the CLI lists and uses, in the CLI’s own format', async () => {
    const result = await addContext(config.where(), { name: 'berth-made', description: 'Made by Berth', host }, ENGINE_ANSWER_MS)
    assert.ok(result.added && result.reach.state === 'reachable', JSON.stringify(result))
    assert.deepEqual(berthList(config), await cliList(config))
    assert.ok((await cliList(config)).some((c) => c.Name === 'berth-made' && c.Description === 'Made by Berth' && c.DockerEndpoint === host))
    // Usable: the CLI reaches the engine through it, and sees what the engine has.
    const viaContext = await config.cli(['--context', 'berth-made', 'ps', '-a', '--format', '{{.ID}}'])
    const direct = await config.cli(['ps', '-a', '--format', '{{.ID}}'], { DOCKER_HOST: host })
    assert.equal(viaContext, direct)

    // Byte for byte what `docker context create` writes, TLS files and modes included.
    await config.cli(['context', 'create', 'cli-twin', '--description', 'twin', '--docker', `host=${host},ca=${pems.ca},cert=${pems.cert},key=${pems.key}`])
    await addContext(config.where(), { name: 'berth-twin', description: 'twin', host, tls: pems }, ENGINE_ANSWER_MS)
    const cli = contextDirs(config.where(), 'cli-twin')
    const berth = contextDirs(config.where(), 'berth-twin')
    assert.equal(readFileSync(join(berth.meta, 'meta.json'), 'utf8'), readFileSync(join(cli.meta, 'meta.json'), 'utf8').replace('"cli-twin"', '"berth-twin"'))
    for (const [path, file] of [[cli.meta, berth.meta], [cli.tls, berth.tls], ...['ca', 'cert', 'key'].map((f) => [join(cli.tls, 'docker', `${f}.pem`), join(berth.tls, 'docker', `${f}.pem`)])]) {
      assert.equal(statSync(file as string).mode, statSync(path as string).mode, file)
    }
    for (const f of ['ca', 'cert', 'key']) assert.deepEqual(readFileSync(join(berth.tls, 'docker', `${f}.pem`)), readFileSync(join(cli.tls, 'docker', `${f}.pem`)))
    assert.deepEqual(readContexts(config.where()).contexts.find((c) => c.name === 'berth-twin')?.tls, ['ca', 'cert', 'key'])
  })

  it('removes a context as `docker context rm` does, and refuses the CLI’s default', async () => {
    await removeContext(config.where(), 'berth-twin')
    await config.cli(['context', 'rm', 'cli-twin'])
    assert.deepEqual(berthList(config), await cliList(config))
    await config.cli(['context', 'use', 'plain'])
    const before = config.hash()
    await assert.rejects(removeContext(config.where(), 'plain'), (err: EngineError) => err.code === 'in-use' && /CLI uses "plain"/.test(err.message))
    await assert.rejects(removeContext(config.where(), 'default'), (err: EngineError) => err.code === 'invalid-input')
    await assert.rejects(removeContext(config.where(), 'never-made'), (err: EngineError) => err.code === 'not-found')
    assert.equal(config.hash(), before)
    await config.cli(['context', 'use', 'default'])
  })

  it('makes a context the CLI’s default exactly as `docker context use` does', async () => {
    const twin = dockerConfig()
    try {
      // The same starting config.json in both folders, other keys as the CLI keeps them.
      const start = '{\n\t"auths": {},\n\t"psFormat": "table {{.Names}}"\n}'
      for (const c of [config, twin]) {
        mkdirSync(c.dir, { recursive: true })
        writeFileSync(join(c.dir, 'config.json'), start, { mode: 0o600 })
      }
      await twin.cli(['context', 'create', 'plain', '--docker', `host=${host}`])
      for (const name of ['plain', 'default', 'plain']) {
        await twin.cli(['context', 'use', name])
        await makeCliDefault(config.where(), name)
        assert.equal(readFileSync(join(config.dir, 'config.json'), 'utf8'), readFileSync(join(twin.dir, 'config.json'), 'utf8'), name)
        assert.equal(statSync(join(config.dir, 'config.json')).mode, statSync(join(twin.dir, 'config.json')).mode)
        assert.deepEqual(berthList(config).find((c) => c.Current), (await cliList(twin)).find((c) => c.Current))
      }
      await makeCliDefault(config.where(), 'default')
    } finally {
      twin.destroy()
    }
  })

  it('sees a context the CLI creates, at once', async () => {
    await config.cli(['context', 'create', 'cli-made', '--description', 'from the CLI', '--docker', 'host=tcp://127.0.0.1:2375'])
    assert.ok(berthList(config).some((c) => c.Name === 'cli-made' && c.Description === 'from the CLI' && c.DockerEndpoint === 'tcp://127.0.0.1:2375'))
    assert.deepEqual(berthList(config), await cliList(config))
  })

  it('refuses an engine that does not answer, a certificate it does not trust, a missing TLS file or a taken name, and writes nothing', async () => {
    const before = config.hash()
    const port = await closedPort()
    // A TLS listener with a certificate of its own: the CA given is another one, so the handshake fails.
    const served = pemFiles(mkdtempSync(join(tmpdir(), 'berth-tls-')))
    const listener = createTlsServer({ key: readFileSync(served.key), cert: readFileSync(served.cert) }, (socket) => socket.end())
    listener.on('tlsClientError', () => {})
    await new Promise<void>((ready) => listener.listen(0, '127.0.0.1', ready))
    after(() => listener.close())
    const tlsPort = (listener.address() as { port: number }).port
    const cases: Array<[Parameters<typeof addContext>[1], string, RegExp]> = [
      [{ name: 'nobody', host: `tcp://127.0.0.1:${port}` }, 'engine-unreachable', /did not answer.*refused/i],
      [{ name: 'nobody', host: 'unix:///nonexistent/docker.sock' }, 'engine-unreachable', /did not answer.*socket does not exist/i],
      [{ name: 'no-ca', host, tls: { ca: '/nonexistent/ca.pem' } }, 'invalid-input', /CA file "\/nonexistent\/ca.pem" cannot be read: it does not exist/],
      [{ name: 'untrusted', host: `tcp://127.0.0.1:${tlsPort}`, tls: pems }, 'engine-unreachable', /did not answer\. The TLS handshake failed: .*certificate/i],
      [{ name: 'over-ssh', host: 'ssh://me@127.0.0.1:1' }, 'engine-unreachable', /No ssh server answered at 127\.0\.0\.1 port 1/],
      [{ name: 'plain', host }, 'conflict', /already exists/],
      [{ name: 'default', host }, 'conflict', /already exists/],
    ]
    for (const [input, code, message] of cases) {
      await assert.rejects(addContext(config.where(), input, 1500), (err: EngineError) => {
        assert.equal(err.code, code, err.message)
        assert.match(err.message, message)
        return true
      })
    }
    await assert.rejects(makeCliDefault(config.where(), 'never-made'), (err: EngineError) => err.code === 'not-found')
    assert.equal(config.hash(), before)
  })
})
