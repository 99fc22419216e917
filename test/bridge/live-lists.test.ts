// Lists over the bridge: a snapshot once, then only what changed, against the real engine and the CLI.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { createBridge, type Caller } from '@main/bridge'
import { Engine } from '@main/engine'
import { callChannel, eventChannel } from '@common/contract/spec'
import { applyChange, containerShape, type ListChange, type ListSnapshot } from '@common/live-list'
import type { ContainerSummary } from '@common/contract/containers'
import type { Result } from '@common/contract/shared'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../env/wait'

const caller: Caller = { send: () => {}, onClose: () => {} }
const rowsOf = (change: ListChange<ContainerSummary>) => [...change.add.map((a) => a.item), ...change.update]

describe('live lists over the bridge (real engine)', () => {
  const engine = new Engine()
  const bridge = createBridge(engine)
  const changes: Array<ListChange<ContainerSummary>> = []
  const off = bridge.hub.subscribe((channel, payload) => {
    if (channel === eventChannel('containers', 'changed')) changes.push(payload as ListChange<ContainerSummary>)
  })
  const list = async () => {
    const result = (await bridge.router.dispatch(callChannel('containers', 'list'), {}, caller)) as Result<ListSnapshot<ContainerSummary>>
    assert.ok(result.ok)
    return result.value
  }
  const run = (name: string) => cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])

  before(async () => {
    for (let i = 0; i < 3; i++) await run(uniqueName('bystander'))
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'connected', ENGINE_ANSWER_MS)
  })
  after(async () => {
    off()
    bridge.close()
    engine.stop()
    await removeTestContainers(testDocker())
  })

  it('sends only the rows that changed, each change naming the version it applies to', async () => {
    let snapshot = await list()
    assert.ok(snapshot.items.length >= 3)
    const name = uniqueName('changed')
    await run(name)
    await eventually(() => changes.some((c) => rowsOf(c).some((row) => row.name === name && row.state === 'running')), 'the new container to arrive', ENGINE_ANSWER_MS)
    const mine = changes.filter((c) => c.version > snapshot.version)
    assert.equal(mine[0]?.base, snapshot.version, 'the first change starts where the snapshot ended')
    for (let i = 1; i < mine.length; i++) assert.equal(mine[i]?.base, mine[i - 1]?.version, 'changes chain')
    assert.ok(mine.every((c) => rowsOf(c).every((row) => row.name === name)), 'no other row is sent again')
    let applied = mine.reduce((items, change) => applyChange(items, change, containerShape), snapshot.items)
    assert.deepEqual(applied, (await list()).items, 'snapshot + changes = the list')

    snapshot = await list()
    const id = applied.find((c) => c.name === name)?.id
    await cli(['rm', '-f', name])
    await eventually(() => changes.some((c) => c.remove.includes(id ?? '')), 'the removal to arrive', ENGINE_ANSWER_MS)
    applied = changes.filter((c) => c.version > snapshot.version).reduce((items, change) => applyChange(items, change, containerShape), snapshot.items)
    assert.equal(applied.some((c) => c.id === id), false)
    assert.deepEqual(applied, (await list()).items)
    // The CLI is the oracle for what the list holds, and in which order: newest first, as Docker's
    // `docker ps` lists. Podman's lists in an order of its own, kept among those made in one second.
    const ids = (await cli(['ps', '-aq', '--no-trunc'])).split('\n').filter(Boolean)
    const second = new Map(await Promise.all(ids.map(async (id) => [id, Math.floor(Date.parse(await cli(['inspect', '--format', '{{.Created}}', id])) / 1000)] as const)))
    assert.deepEqual(applied.map((c) => c.id), [...ids].sort((a, b) => second.get(b)! - second.get(a)!))
  })

  it('answers the list from what the events keep, without asking the engine again', async () => {
    const first = await list()
    const again = await list()
    assert.equal(again.version, first.version)
    assert.equal(again.items, first.items, 'the same list, not a fresh engine call')
  })
})
