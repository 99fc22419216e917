// Every docker line Berth shows is aimed at the engine Berth shows: with the engines list's flags
// when that is not the CLI's default, from the one place (shared/cli.ts), whoever builds the line.
import { strict as assert } from 'node:assert'
import { afterEach, describe, it } from 'node:test'
import { parse } from 'shell-quote'
import { cliLine, composeEngineFlags, setCliEngineFlags, shellLine } from '@renderer/shared/cli'
import { addEngineLine, removeContextLine, useContextLine } from '@renderer/features/engines/engine-cli'
import { buildCli } from '@renderer/features/build/build-cli'
import { connectCli } from '@renderer/features/networks/network-cli'
import { runLine } from '@renderer/features/run/run-form'
import { parseRunLine } from '@common/run/cli'
import { emptyRunSpec } from '@common/run/spec'
import { composeLine } from '@common/compose/command'

describe('docker lines and the engine Berth shows', () => {
  afterEach(() => setCliEngineFlags([]))

  it('carry no flag while Berth shows the CLI’s default', () => {
    setCliEngineFlags([])
    assert.equal(cliLine('docker', 'ps', '-a'), 'docker ps -a')
  })

  it('carry --context after docker when Berth shows another context, and -H for a socket with none', () => {
    setCliEngineFlags(['--context', 'build-box'])
    assert.equal(cliLine('docker', 'ps', '-a'), 'docker --context build-box ps -a')
    assert.equal(cliLine('docker', 'compose', '-p', 'app', 'ps', '-a'), 'docker --context build-box compose -p app ps -a')
    setCliEngineFlags(['-H', 'unix:///run/user/1000/podman/podman.sock'])
    assert.equal(cliLine('docker', 'stop', 'web'), 'docker -H unix:///run/user/1000/podman/podman.sock stop web')
  })

  it('reach the lines every feature builds, since they all go through cliLine', () => {
    setCliEngineFlags(['--context', 'ci'])
    assert.equal(connectCli('app-net', 'web', []), 'docker --context ci network connect app-net web')
    assert.match(buildCli({ folder: '/src', dockerfile: 'Dockerfile', tags: ['app:1'], buildArgs: [], builder: 'buildkit' } as never), /^DOCKER_BUILDKIT=1 docker --context ci build -t app:1 \/src$/)
    assert.equal(runLine({ ...emptyRunSpec('nginx:1.27'), name: 'web' }), 'docker --context ci run -d --name web nginx:1.27')
  })

  it('stay valid shell: a quoted context name reads back as one word', () => {
    setCliEngineFlags(['--context', 'my box'])
    assert.deepEqual(parse(cliLine('docker', 'logs', '-f', 'web')), ['docker', '--context', 'my box', 'logs', '-f', 'web'])
  })

  it('leave a container’s own command alone, even one that starts with docker', () => {
    setCliEngineFlags(['--context', 'ci'])
    assert.equal(shellLine('docker', 'ps'), 'docker ps')
    assert.equal(cliLine('sh', '-c', 'echo hi'), "sh -c 'echo hi'")
  })

  it('read back in the Run dialog: a pasted line that names the engine is still docker run', () => {
    setCliEngineFlags(['--context', 'ci'])
    const parsed = parseRunLine(runLine({ ...emptyRunSpec('nginx:1.27'), name: 'web' }))
    assert.deepEqual(parsed.problems, [])
    assert.equal(parsed.spec.name, 'web')
    assert.equal(parseRunLine('docker -H=unix:///x.sock run --name w busybox').spec.name, 'w')
  })

  it('aim the compose programs that take the flags, and leave podman-compose to its environment', () => {
    setCliEngineFlags(['--context', 'ci'])
    const request = { project: 'app', files: ['/x/compose.yaml'], command: 'restart' as const }
    const plugin = { name: 'docker compose' as const, prefix: ['compose'] }
    assert.equal(composeLine({ ...plugin, prefix: [...composeEngineFlags(plugin.name), ...plugin.prefix] }, request, null), 'docker --context ci compose -p app -f /x/compose.yaml restart')
    assert.deepEqual(composeEngineFlags('docker-compose'), ['--context', 'ci'])
    assert.deepEqual(composeEngineFlags('podman-compose'), [])
  })

  it('leave the context commands themselves alone: they are the CLI’s configuration', () => {
    setCliEngineFlags(['--context', 'ci'])
    assert.equal(useContextLine('build-box'), 'docker context use build-box')
    assert.equal(removeContextLine('build-box'), 'docker context rm build-box')
    assert.equal(
      addEngineLine({ name: 'tls-box', description: 'The rack', host: 'tcp://10.0.0.5:2376', tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/my certs/key.pem' } }),
      "docker context create tls-box --description 'The rack' --docker 'host=tcp://10.0.0.5:2376,ca=/certs/ca.pem,cert=/certs/cert.pem,key=/my certs/key.pem'",
    )
    assert.equal(addEngineLine({ name: '', host: '' }), 'docker context create NAME --docker host=HOST')
  })
})
