import { strict as assert } from 'node:assert'
import { after, afterEach, beforeEach, describe, it, mock } from 'node:test'
import { ContainerExpectations } from '@main/engine/containers/expectations'
import { Engine } from '@main/engine'
import type { ContainerState, ContainerSummary } from '@common/contract/containers'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const row = (id: string, state: ContainerState): ContainerSummary => ({
  id,
  name: id,
  image: 'i',
  imageId: 'sha256:i',
  command: '',
  state,
  exitCode: state === 'exited' ? 0 : null,
  status: '',
  since: null,
  ports: [],
  created: 0,
})

describe('container expectations', () => {
  // Its delays run on node:test's own clock, moved by hand: what is counted is fetches, never time.
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }))
  afterEach(() => mock.timers.reset())

  it('fetches again while the list disagrees with the events, then stops', () => {
    let refetches = 0
    const expectations = new ContainerExpectations(() => refetches++, [5, 5, 5])
    expectations.note(new Map([['a', 'die']]))
    expectations.check([row('a', 'running')])
    assert.equal(refetches, 0, 'not before its delay')
    mock.timers.tick(5)
    assert.equal(refetches, 1)
    expectations.check([row('a', 'exited')])
    mock.timers.tick(1000)
    assert.equal(refetches, 1, 'no more fetches once the list agrees')
  })

  it('gives up after its last delay, so a lying engine cannot cause a fetch loop', () => {
    let refetches = 0
    const expectations = new ContainerExpectations(() => refetches++, [1, 1])
    expectations.note(new Map([['a', 'destroy']]))
    for (let i = 0; i < 5; i++) {
      expectations.check([row('a', 'running')])
      mock.timers.tick(10)
    }
    assert.equal(refetches, 2)
  })

  it('reads the last action of a burst: a restart ends running', () => {
    let refetches = 0
    const expectations = new ContainerExpectations(() => refetches++, [1])
    expectations.note(new Map([['a', 'start']]))
    expectations.check([row('a', 'running')])
    assert.equal(refetches, 0)
  })
})

describe('live list with many containers (real engine)', () => {
  const engine = new Engine()
  const docker = testDocker()
  after(async () => {
    engine.stop()
    await removeTestContainers(docker)
  })

  it('never keeps a stopped container shown as running', async () => {
    // With many containers the engine's list lags its die event; this used to leave a stale list.
    for (let i = 0; i < 200; i += 25) await Promise.all(Array.from({ length: 25 }, () => createContainer(docker)))
    let latest: ContainerSummary[] = []
    engine.watch({ containers: (l) => (latest = l) })
    engine.start()
    // Other clients listing at the same time (another dashboard, a `watch docker ps`) widen the lag.
    // How long their lists take says how slow the engine is now (Podman under load: seconds each).
    let slowestList = 0
    const timedList = async () => {
      const from = performance.now()
      await docker.listContainers({ all: true })
      slowestList = Math.max(slowestList, performance.now() - from)
    }
    await timedList()
    let busy = true
    const others = Array.from({ length: 3 }, async () => {
      while (busy) await timedList()
    })
    after(async () => {
      busy = false
      await Promise.all(others)
    })
    // Berth shows what the events say once a list asked for after them answers: it waits for at most
    // the list already on its way and its own, each as slow as the other clients' lists are now. A
    // stale list kept (the bug) is never corrected, whatever the wait.
    const budget = () => ENGINE_ANSWER_MS + 3 * slowestList
    for (let i = 0; i < 8; i++) {
      const c = await createContainer(docker, { start: true })
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'running'), 'running', budget())
      await docker.getContainer(c.Id).kill()
      await eventually(() => latest.some((x) => x.id === c.Id && x.state === 'exited'), `kill ${i + 1} to show`, budget())
    }
  })
})
