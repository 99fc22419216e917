// Which container exits every page hears of, from the real engine's events: one that ends by itself
// (`exit 3`), with its exit code and name, and one whose healthcheck fails; never one stopped or
// killed by the user, from Berth or from the CLI. "Nothing" is proved by order: a marker container
// exits after the stops, and once its exit is heard, an exit of the stopped ones would have been too.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { eventChannel } from '@common/contract/spec'
import type { ContainerExit, ContainerHealthTurn } from '@common/contract/containers'
import { testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { docker } from '../env/docker-cli'
import { testEngineKind } from '../env/engine'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../env/wait'

const LABEL = ['--label', `${TEST_LABEL}=1`]
const IDLE = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]

describe('container exits over the bridge', () => {
  let t: TestBridge
  const exits: ContainerExit[] = []
  const unhealthy: ContainerHealthTurn[] = []
  const runDetached = (name: string, ...args: string[]) => docker(['run', '-d', ...LABEL, '--name', name, ...args])
  const heard = (name: string) => eventually(() => exits.some((e) => e.name === name), `the exit of ${name}`, CONTAINER_RUN_MS)

  before(async () => {
    t = testBridge()
    t.bridge.hub.subscribe((channel, payload) => {
      if (channel === eventChannel('containers', 'exited')) exits.push(payload as ContainerExit)
      if (channel === eventChannel('containers', 'unhealthy')) unhealthy.push(payload as ContainerHealthTurn)
    })
    t.engine.start()
    await eventually(() => t.engine.connection.status.state === 'connected', 'the engine connected', ENGINE_ANSWER_MS)
  })
  after(async () => {
    t.close()
    await removeTestContainers(testDocker())
  })

  it('tells of a container that exits by itself, with its name and exit code', async () => {
    const name = uniqueName('exits-by-itself')
    const id = (await runDetached(name, BUSYBOX_IMAGE, 'sh', '-c', 'exit 3')).trim()
    await heard(name)
    const exit = exits.find((e) => e.name === name)!
    assert.equal(exit.exitCode, 3)
    assert.equal(exit.id, id)
    assert.ok(Math.abs(exit.at - Date.now()) < 60_000, 'the time is the event’s, in milliseconds')
  })

  it('says nothing of containers stopped or killed by the user, from the CLI or from Berth', async () => {
    const names = { cliStop: uniqueName('cli-stop'), cliKill: uniqueName('cli-kill'), berthStop: uniqueName('berth-stop'), berthRestart: uniqueName('berth-restart'), berthForce: uniqueName('berth-force-rm') }
    for (const name of Object.values(names)) await runDetached(name, BUSYBOX_IMAGE, ...IDLE)
    await docker(['stop', names.cliStop])
    await docker(['kill', names.cliKill])
    valueOf(await t.call('containers', 'stop', { id: names.berthStop }))
    valueOf(await t.call('containers', 'restart', { id: names.berthRestart }))
    valueOf(await t.call('containers', 'remove', { id: names.berthForce, force: true }))
    const marker = uniqueName('marker')
    await runDetached(marker, BUSYBOX_IMAGE, 'sh', '-c', 'exit 5')
    await heard(marker)
    assert.deepEqual(exits.filter((e) => Object.values(names).includes(e.name)), [])
  })

  it('tells of a container whose healthcheck turns it unhealthy', { skip: testEngineKind() === 'podman' && 'Podman 4.3 runs healthchecks from systemd timers, which its service here has none of' }, async () => {
    const name = uniqueName('unhealthy')
    await runDetached(name, '--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1', BUSYBOX_IMAGE, ...IDLE)
    await eventually(() => unhealthy.some((u) => u.name === name), `${name} turning unhealthy`, CONTAINER_RUN_MS)
  })
})

