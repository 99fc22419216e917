// An engine over ssh:// (a private sshd in front of the run's engine, reached through the user's own
// `ssh`, as the docker CLI reaches it): everything a page streams works over the link, an unknown
// host key is refused until the user accepts the fingerprint they were shown, and a link that drops
// (ssh killed, sshd stopped) reads as an engine restart: unreachable, then back by itself.
import { strict as assert } from 'node:assert'
import { readFileSync, writeFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { Engine } from '@main/engine'
import { parseHost } from '@main/engine/endpoint'
import { toEngineError } from '@main/engine/errors'
import { acceptHostKey, isUnknownHostKey, scanHostKey } from '@main/engine/engines/host-keys'
import { addContext } from '@main/engine/engines/context-store'
import { LogFollower } from '@main/engine/logs/logs'
import type { EngineStatus } from '@common/contract/engine'
import { DOCKER_CLI } from '../../env/docker-cli'
import { dockerConfig } from '../../env/docker-config'
import { createContainer, removeTestContainers, requireEngine, testDocker } from '../../env/session'
import { sshLinksOf, startSshd, withSsh, type PrivateSshd } from '../../env/sshd'
import { ENGINE_ANSWER_MS, ENGINE_RESTART_MS, eventually } from '../../env/wait'
import { remoteStreamTests } from './streams'

function engineOver(sshd: PrivateSshd): Engine {
  return new Engine({ endpoint: { host: sshd.host, source: 'context', options: parseHost(sshd.host, {}, sshd.env) }, retryDelaysMs: [100, 200, 400] })
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean)

describe('ssh host keys', () => {
  let sshd: PrivateSshd

  before(async () => {
    sshd = await startSshd(requireEngine())
  })
  after(async () => {
    await sshd?.destroy()
  })

  it('refuses an unknown host, then works once the scanned key is accepted, adding exactly one line', async () => {
    const engine = engineOver(sshd)
    try {
      let unknownKey = false
      const refused = await engine.docker.version().then(
        () => 'answered',
        (err: unknown) => {
          unknownKey = isUnknownHostKey(err)
          return toEngineError(err).message
        },
      )
      assert.ok(unknownKey, 'the refusal is known for an unknown host key')
      assert.equal(refused, `The ssh host key of ${sshd.user}@127.0.0.1:${sshd.port} is not in your known_hosts file: check its fingerprint and accept it, or connect once with "ssh -p ${sshd.port} ${sshd.user}@127.0.0.1".`)
      assert.deepEqual(lines(sshd.knownHosts), [], 'a refusal writes nothing')

      const key = await scanHostKey(sshd.host, sshd.env)
      assert.equal(key.host, `[127.0.0.1]:${sshd.port}`)
      assert.equal(key.keyType, 'ssh-ed25519')
      assert.match(key.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/)

      await assert.rejects(acceptHostKey(sshd.host, 'SHA256:somebodyElsesKeyAAAAAAAAAAAAAAAAAAAAAAAAAAA', sshd.env), /not the SHA256:somebodyElses.* you were shown: nothing was added/)
      assert.deepEqual(lines(sshd.knownHosts), [], 'a fingerprint that does not match writes nothing')

      await acceptHostKey(sshd.host, key.fingerprint, sshd.env)
      const added = lines(sshd.knownHosts)
      assert.equal(added.length, 1)
      assert.match(added[0] ?? '', new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 `))
      await acceptHostKey(sshd.host, key.fingerprint, sshd.env)
      assert.equal(lines(sshd.knownHosts).length, 1, 'accepting again adds nothing')

      assert.ok((await engine.docker.version()).ApiVersion)
      // The user's own ssh (the docker CLI's) trusts it too.
      assert.ok(await withSsh(sshd.env, DOCKER_CLI, ['-H', sshd.host, 'version', '--format', '{{.Server.APIVersion}}']))
    } finally {
      engine.stop()
    }
  })

  it('adds an ssh engine as the Add engine form does: its unknown key comes back unwritten, then the context the CLI uses', async () => {
    // A client that has not seen this host (the test before accepted its key).
    writeFileSync(sshd.knownHosts, '')
    const config = dockerConfig()
    try {
      const where = config.where({ PATH: sshd.env.PATH })
      const before = config.hash()
      const first = await addContext(where, { name: 'build-box', host: sshd.host }, ENGINE_ANSWER_MS)
      assert.equal(first.added, false)
      assert.ok(!first.added && first.unknownHostKey.host === `[127.0.0.1]:${sshd.port}`)
      assert.equal(config.hash(), before, 'an unknown host key writes no context')
      assert.deepEqual(lines(sshd.knownHosts), [])

      if (!first.added) await acceptHostKey(sshd.host, first.unknownHostKey.fingerprint, sshd.env)
      const second = await addContext(where, { name: 'build-box', host: sshd.host }, ENGINE_ANSWER_MS)
      assert.ok(second.added && second.reach.state === 'reachable', JSON.stringify(second))
      // The CLI lists the context and reaches the same engine through the user's ssh.
      const cliEnv = { PATH: sshd.env.PATH }
      const listed = (await config.cli(['context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}}'], cliEnv)).split('\n')
      assert.ok(listed.includes(`build-box ${sshd.host}`), listed.join(' / '))
      const viaContext = await config.cli(['--context', 'build-box', 'version', '--format', '{{.Server.APIVersion}}'], cliEnv)
      assert.equal(viaContext, (await testDocker().version()).ApiVersion)
    } finally {
      config.destroy()
    }
  })

  it('refuses a host whose key changed, and says so, rather than connecting', async () => {
    sshd.trust()
    await sshd.stop()
    sshd.newHostKey()
    await sshd.start()
    const engine = engineOver(sshd)
    try {
      const refused = await engine.docker.version().then(
        () => 'answered',
        (err: unknown) => toEngineError(err).message,
      )
      assert.match(refused, /^The ssh host key of .* has changed since your known_hosts file recorded it/)
      assert.equal(lines(sshd.knownHosts).length, 1, 'known_hosts is left as it was')
    } finally {
      engine.stop()
    }
  })
})

describe('an engine over ssh', () => {
  let sshd: PrivateSshd
  let engine: Engine
  const states: EngineStatus[] = []

  before(async () => {
    sshd = await startSshd(requireEngine())
    sshd.trust()
    engine = engineOver(sshd)
    engine.connection.onStatus((status) => states.push(status))
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'Berth to reach the engine over ssh', ENGINE_ANSWER_MS)
  })

  after(async () => {
    engine?.stop()
    await sshd?.destroy()
    await removeTestContainers(testDocker())
  })

  remoteStreamTests({ engine: () => engine, cli: (args) => withSsh(sshd.env, DOCKER_CLI, ['-H', sshd.host, ...args]) })

  /** Follows a ticking container across a link drop: the lines go on once the link is back. */
  async function acrossADrop(drop: () => Promise<void>, restore: () => Promise<void>, reason: RegExp): Promise<void> {
    const docker = engine.docker
    const c = await createContainer(docker, { cmd: ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.1; done"], start: true })
    const got: string[] = []
    const follower: LogFollower = new LogFollower(docker, c.Id, { follow: true, tail: 'all', revival: engine.revival }, {
      lines: (batch) => {
        got.push(...batch.lines)
        follower.ack(batch.seq)
      },
      state: () => {},
    })
    await follower.start()
    await eventually(() => got.length >= 5, 'the first lines', ENGINE_ANSWER_MS)
    states.length = 0
    await drop()
    await eventually(() => states.some((s) => s.state === 'unreachable'), 'the link to read as unreachable', ENGINE_ANSWER_MS)
    await restore()
    const said = states.filter((s) => s.state === 'unreachable').map((s) => s.message ?? '')
    assert.ok(said.some((message) => reason.test(message)), `the banner said why (${said.join(' / ')})`)
    await eventually(() => engine.connection.status.state === 'connected', 'Berth to reconnect over ssh', ENGINE_RESTART_MS)
    const before = got.length
    await eventually(() => got.length >= before + 5, 'the log stream to go on', ENGINE_RESTART_MS)
    const numbers = got.map((line) => Number(line.split(' ')[1]))
    assert.deepEqual(numbers, [...new Set(numbers)].sort((a, b) => a - b), 'no line twice, none out of order')
    follower.close()
  }

  it('reads a killed ssh link as an engine restart and comes back', async () => {
    await acrossADrop(
      async () => {
        const links = sshLinksOf()
        assert.ok(links.length >= 2, 'the events stream and the log stream each hold an ssh link')
        for (const pid of links) process.kill(pid, 'SIGKILL')
      },
      async () => {},
      /^It dropped the connection: it stopped or is restarting\.$/,
    )
  })

  it('reads a stopped sshd as an engine restart, says why, and comes back once it runs again', async () => {
    await acrossADrop(
      () => sshd.stop(),
      async () => {
        await eventually(() => /^Nothing accepts ssh connections/.test(engine.connection.status.message ?? ''), 'the banner to say why', ENGINE_ANSWER_MS)
        await sshd.start()
      },
      new RegExp(`^Nothing accepts ssh connections at ${sshd.user}@127\\.0\\.0\\.1:${sshd.port} \\(connection refused\\)`),
    )
  })
})
