import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { BurstCollector, EventStreamParser, type Burst, type EngineEvent } from '@main/engine/events'
import { Engine } from '@main/engine'
import type { ContainerSummary } from '@common/contract/containers'
import type { ImageSummary } from '@common/contract/images'
import { docker as cli } from '../env/docker-cli'
import { BUSYBOX_IMAGE, eventually, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { IDLE, TEST_LABEL } from '../env/fixtures'

const ev = (Type: string, Action: string, ID = 'x'): EngineEvent => ({ Type, Action, Actor: { ID } })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('event bursts', () => {
  it('folds a burst of events into one report, naming every kind and id', async () => {
    const bursts: Burst[] = []
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 20, maxWaitMs: 200 })
    collector.add(ev('container', 'create', 'a'))
    collector.add(ev('container', 'start', 'a'))
    collector.add(ev('image', 'tag', 'i'))
    await sleep(60)
    assert.equal(bursts.length, 1)
    assert.deepEqual([...bursts[0]!.kinds].sort(), ['container', 'image'])
    assert.deepEqual([...bursts[0]!.ids.get('container')!], ['a'])
  })

  it('counts a removal as the set of containers changing, in Docker\'s word (destroy) and Podman\'s (remove)', async () => {
    for (const action of ['destroy', 'remove']) {
      const bursts: Burst[] = []
      const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 5, maxWaitMs: 50 })
      collector.add(ev('container', action, 'a'))
      await sleep(30)
      assert.equal(bursts[0]?.containerSetChanged, true, action)
    }
  })

  it('reports within maxWait even while events keep coming', async () => {
    const bursts: Burst[] = []
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 30, maxWaitMs: 80 })
    const started = Date.now()
    while (Date.now() - started < 200) {
      collector.add(ev('container', 'die'))
      await sleep(10)
    }
    collector.dispose()
    assert.ok(bursts.length >= 2, `expected at least 2 reports in 200 ms, got ${bursts.length}`)
  })

  it('ignores healthcheck execs, what changes no list, and kinds it does not watch', async () => {
    const bursts: Burst[] = []
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 5, maxWaitMs: 50 })
    collector.add(ev('container', 'exec_start: sh -c true'))
    for (const action of ['kill', 'attach', 'resize', 'detach', 'top', 'archive-path', 'extract-to-dir', 'export']) collector.add(ev('container', action))
    collector.add(ev('plugin', 'enable'))
    await sleep(30)
    assert.equal(bursts.length, 0)
  })

  it('parses newline-delimited JSON split anywhere across chunks', () => {
    const seen: EngineEvent[] = []
    const parser = new EventStreamParser((e) => seen.push(e))
    const text = JSON.stringify(ev('container', 'start')) + '\n' + JSON.stringify(ev('image', 'tag')) + '\n'
    for (const chunk of [text.slice(0, 7), text.slice(7, 50), text.slice(50)]) parser.push(chunk)
    parser.push('not json\n')
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['start', 'tag'],
    )
  })
})

describe('live lists from the engine event stream (real engine)', () => {
  const engine = new Engine()
  after(async () => {
    engine.stop()
    await removeTestContainers(testDocker())
  })

  it('reflects CLI run, stop, rm, tag and rmi within 250 ms, one refresh per burst', async () => {
    let containers: ContainerSummary[] = []
    let images: ImageSummary[] = []
    let containerRefreshes = 0
    engine.watch({
      containers: (list) => {
        containers = list
        containerRefreshes++
      },
      images: (list) => {
        images = list
      },
    })
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'connected')

    const name = uniqueName('outside')
    await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
    let t = Date.now()
    await eventually(() => containers.some((c) => c.name === name && c.state === 'running'), 'run to appear', 250)
    const runLatency = Date.now() - t

    // What changes nothing a list shows asks the engine for nothing: `docker top`, a `docker cp` out.
    await sleep(150)
    const quiet = containerRefreshes
    await cli(['top', name])
    const out = mkdtempSync(join(tmpdir(), 'berth-events-cp-'))
    await cli(['cp', `${name}:/bin/busybox`, out]).finally(() => rmSync(out, { recursive: true, force: true }))
    await sleep(150)
    assert.equal(containerRefreshes, quiet, 'no refresh for top and cp')

    await cli(['stop', '-t', '5', name])
    t = Date.now()
    await eventually(() => containers.some((c) => c.name === name && c.state === 'exited'), 'stop to appear', 250)
    const stopLatency = Date.now() - t
    // kill changes nothing shown; die and stop do, and usually come as one burst.
    await sleep(150)
    assert.ok(containerRefreshes - quiet <= 2, `one burst, got ${containerRefreshes - quiet} refreshes`)

    await cli(['rm', name])
    await eventually(() => !containers.some((c) => c.name === name), 'rm to appear', 250)

    const tag = `${uniqueName('berth-test/live')}:1`
    await cli(['tag', BUSYBOX_IMAGE, tag])
    await eventually(() => images.some((i) => i.reference === tag), 'tag to appear', 250)
    await cli(['rmi', tag])
    await eventually(() => !images.some((i) => i.reference === tag), 'rmi to appear', 250)
    console.log(`  outside change → engine layer: run ${runLatency} ms, stop ${stopLatency} ms`)
  })
})
