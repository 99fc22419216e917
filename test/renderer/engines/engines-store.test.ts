// The engines store's own logic, with main's answers and events given by hand: the list it keeps and
// the flags every docker line takes from it, and what a switch does to the page: the count the other
// stores reload on, the pages of the old engine that say so, a build and a pull that it ended, and
// an add that comes back with an ssh host key to trust. Switching itself runs on real engines in
// test/e2e/engines.spec.ts.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { effectScope } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { useEnginesStore } from '@renderer/features/engines/engines-store'
import { useSwitchedAway } from '@renderer/features/engines/switched-away'
import { useBuildStore } from '@renderer/features/build/build-store'
import { useRegistryStore } from '@renderer/features/registry/registry-store'
import { cliLine } from '@renderer/shared/cli'
import type { AddEngineResult, EngineEntry, EngineList } from '@common/contract/engines'
import type { BuildResult } from '@common/contract/build'
import type { Result } from '@common/contract/shared'
import type { TransferResult } from '@common/contract/registry'

const entry = (name: string, more: Partial<EngineEntry> = {}): EngineEntry => ({
  id: `context:${name}`,
  name,
  kind: 'context',
  host: `unix:///run/${name}.sock`,
  description: '',
  cliDefault: false,
  inUse: false,
  tls: [],
  reach: { state: 'reachable', product: { kind: 'docker', name: 'Docker Engine', version: '20.10.24' } },
  ...more,
})
const listOf = (inUse: string, cliDefault: string): EngineList => ({
  engines: ['alpha', 'beta'].map((n) => entry(n, { inUse: n === inUse, cliDefault: n === cliDefault })),
  configDir: '/home/me/.docker',
  cliFlags: inUse === cliDefault ? [] : ['--context', inUse],
})

describe('engines store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
    bridge.answer('engines', 'list', () => ({ ok: true, value: listOf('alpha', 'alpha') }))
  })

  it('keeps the list and gives every docker line its flags', async () => {
    bridge.answer('engines', 'list', () => ({ ok: true, value: listOf('beta', 'alpha') }))
    const engines = useEnginesStore()
    engines.start()
    await settle()
    assert.equal(engines.inUse?.name, 'beta')
    assert.equal(engines.cliDefault?.name, 'alpha')
    assert.equal(cliLine('docker', 'ps'), 'docker --context beta ps')
    bridge.emit('engines', 'changed', listOf('alpha', 'alpha'))
    assert.equal(cliLine('docker', 'ps'), 'docker ps')
  })

  it('counts a switch, and a page opened before it says it was left behind until asked to stay', async () => {
    bridge.answer('engines', 'list', () => ({ ok: true, value: listOf('alpha', 'alpha') }))
    const engines = useEnginesStore()
    engines.start()
    await settle()
    const scope = effectScope()
    const page = scope.run(() => useSwitchedAway(() => 'web'))!
    const away = () => page.away.value
    assert.equal(away(), null)
    bridge.emit('engines', 'switched', { from: { id: 'context:alpha', name: 'alpha' }, to: { id: 'context:beta', name: 'beta' }, list: listOf('beta', 'alpha') })
    assert.equal(engines.generation, 1)
    assert.deepEqual(away()?.from, { id: 'context:alpha', name: 'alpha' })
    assert.equal(cliLine('docker', 'logs', '-f', 'web'), 'docker --context beta logs -f web')
    page.stay()
    assert.equal(away(), null)
    // A page opened after the switch shows the engine in view.
    assert.equal(scope.run(() => useSwitchedAway())!.away.value, null)
    scope.stop()
  })

  it('ends a running build and pull with a sentence, and a late answer does not bring them back', async () => {
    const engines = useEnginesStore()
    engines.start()
    const build = useBuildStore()
    const buildAnswer = deferred<Result<BuildResult>>()
    bridge.answer('builds', 'start', () => buildAnswer.promise)
    const building = build.build({ folder: '/src', dockerfile: 'Dockerfile', tags: [], buildArgs: [], builder: 'buildkit' } as never)
    const registry = useRegistryStore()
    const pullAnswer = deferred<Result<TransferResult>>()
    bridge.answer('registry', 'pull', () => pullAnswer.promise)
    const pull = registry.pull('busybox:1.36')
    await settle()
    bridge.emit('engines', 'switched', { from: { id: 'context:alpha', name: 'alpha' }, to: { id: 'context:beta', name: 'beta' }, list: listOf('beta', 'alpha') })
    await settle()
    assert.equal(build.current?.state, 'failed')
    assert.match(build.current?.error?.message ?? '', /ran on engine alpha, and Berth now shows engine beta/)
    assert.equal(pull.state, 'failed')
    assert.match(pull.error?.message ?? '', /The pull stopped: it ran on engine alpha/)
    buildAnswer.resolve({ ok: false, error: { code: 'engine-unreachable', message: 'The stream closed.' } })
    pullAnswer.resolve({ ok: false, error: { code: 'engine-unreachable', message: 'The stream closed.' } })
    await building
    await settle()
    assert.match(build.current?.error?.message ?? '', /Berth now shows engine beta/)
    assert.match(pull.error?.message ?? '', /Berth now shows engine beta/)
  })

  it('brings back an unknown ssh host key, and trusts it before adding again', async () => {
    const engines = useEnginesStore()
    const key = { host: '[127.0.0.1]:2222', fingerprint: 'SHA256:abc+def/ghi=', keyType: 'ssh-ed25519' }
    let trusted = false
    bridge.answer('engines', 'add', (): Result<AddEngineResult> => ({ ok: true, value: trusted ? { added: true, entry: entry('box') } : { added: false, unknownHostKey: key } }))
    bridge.answer('engines', 'acceptHostKey', () => {
      trusted = true
      return { ok: true, value: null }
    })
    const input = { name: 'box', host: 'ssh://me@127.0.0.1:2222' }
    const first = await engines.add(input)
    assert.deepEqual(first, { state: 'unknown-host-key', key })
    const second = await engines.trustAndAdd(key, input)
    assert.equal(second.state, 'added')
    assert.deepEqual(bridge.calls('engines', 'acceptHostKey'), [{ host: input.host, fingerprint: key.fingerprint }])
    assert.equal(bridge.calls('engines', 'add').length, 2)
  })
})
