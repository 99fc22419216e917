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
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { ENGINE_ANSWER_MS, eventually } from '../env/wait'

const ev = (Type: string, Action: string, ID = 'x'): EngineEvent => ({ Type, Action, Actor: { ID } })

describe('event bursts', () => {
  /** The first report: when it comes is the collector's business; the test only counts. */
  const held = (b: Burst[]) => eventually(() => b.length > 0, 'a report', ENGINE_ANSWER_MS)

  it('folds a burst of events into one report, naming every kind and id', async () => {
    const bursts: Burst[] = []
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 20, maxWaitMs: 200 })
    collector.add(ev('container', 'create', 'a'))
    collector.add(ev('container', 'start', 'a'))
    collector.add(ev('image', 'tag', 'i'))
    await held(bursts)
    // A later event gets a report of its own: nothing else came between the two.
    collector.add(ev('volume', 'create', 'later'))
    await eventually(() => bursts.length > 1, 'the later report', ENGINE_ANSWER_MS)
    collector.dispose()
    assert.equal(bursts.length, 2)
    assert.deepEqual([...bursts[0]!.kinds].sort(), ['container', 'image'])
    assert.deepEqual([...bursts[0]!.ids.get('container')!], ['a'])
    assert.deepEqual([...bursts[1]!.kinds], ['volume'])
  })

  it('counts a removal as the set of containers changing, in Docker\'s word (destroy) and Podman\'s (remove)', async () => {
    for (const action of ['destroy', 'remove']) {
      const bursts: Burst[] = []
      const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 5, maxWaitMs: 50 })
      collector.add(ev('container', action, 'a'))
      await held(bursts)
      assert.equal(bursts[0]?.containerSetChanged, true, action)
    }
  })

  it('reports at maxWait even while events keep coming', async () => {
    const bursts: Burst[] = []
    // The quiet window never closes during the test: every report is one maxWait made.
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 600_000, maxWaitMs: 20 })
    const deadline = Date.now() + ENGINE_ANSWER_MS
    while (bursts.length < 2 && Date.now() < deadline) {
      collector.add(ev('container', 'die'))
      await new Promise((r) => setImmediate(r))
    }
    collector.dispose()
    assert.ok(bursts.length >= 2, `expected 2 reports while events kept coming, got ${bursts.length}`)
  })

  it('ignores execs (Docker\'s and Podman\'s words), what changes no list, and kinds it does not watch', async () => {
    const bursts: Burst[] = []
    const collector = new BurstCollector((b) => bursts.push(b), { quietMs: 5, maxWaitMs: 50 })
    collector.add(ev('container', 'exec_start: sh -c true', 'noise'))
    collector.add(ev('container', 'exec', 'noise'))
    for (const action of ['kill', 'attach', 'resize', 'detach', 'top', 'archive-path', 'extract-to-dir', 'export']) collector.add(ev('container', action, 'noise'))
    collector.add(ev('plugin', 'enable', 'noise'))
    // The marker comes after the noise: its report is the first, and holds nothing else.
    collector.add(ev('container', 'start', 'marker'))
    await held(bursts)
    collector.dispose()
    assert.equal(bursts.length, 1)
    assert.deepEqual([...bursts[0]!.kinds], ['container'])
    assert.deepEqual([...bursts[0]!.containerActions], [['marker', 'start']])
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
  // A quiet window wide enough that the events of one CLI command always fall in one burst, and
  // bursts never overlap a refresh: each list published is one refresh, counted, never timed.
  const engine = new Engine({ burstTiming: { quietMs: 1000, maxWaitMs: 10_000 } })
  after(async () => {
    engine.stop()
    await removeTestContainers(testDocker())
  })

  let containers: ContainerSummary[] = []
  let images: ImageSummary[] = []
  let refreshes = 0
  const bursts: Burst[] = []
  const since = (mark: number) => bursts.slice(mark)
  const touched = (list: Burst[], id: string) => list.some((b) => b.ids.get('container')?.has(id))

  /** Refreshes published before each burst came: a list published after a burst is one it asked for. */
  const refreshesBefore = new Map<Burst, number>()

  /**
   * Creates a container after whatever came before: its event is ordered after theirs in the stream,
   * so once its burst is in, theirs were read; waits for the list that burst asked for.
   */
  async function marker(): Promise<string> {
    const id = await cli(['create', '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, 'true'])
    let burst: Burst | undefined
    await eventually(() => (burst = bursts.find((b) => b.ids.get('container')?.has(id))) !== undefined, 'the marker’s burst', ENGINE_ANSWER_MS)
    await eventually(() => refreshes > (refreshesBefore.get(burst!) ?? 0) && containers.some((c) => c.id === id), 'the marker container in the list', ENGINE_ANSWER_MS)
    return id
  }

  it('reflects CLI run, stop, rm, tag and rmi; top and cp ask for nothing; one refresh per burst', async () => {
    engine.watch({
      containers: (list) => {
        containers = list
        refreshes++
      },
      images: (list) => (images = list),
    })
    engine.connection.onBurst((b) => {
      refreshesBefore.set(b, refreshes)
      bursts.push(b)
    })
    engine.start()
    await eventually(() => engine.connection.status.state === 'connected', 'connected', ENGINE_ANSWER_MS)

    const name = uniqueName('outside')
    const id = await cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
    await eventually(() => containers.some((c) => c.name === name && c.state === 'running'), 'run to appear', ENGINE_ANSWER_MS)
    await marker()

    // What changes nothing a list shows asks the engine for nothing: `docker top`, a `docker cp` out.
    // The marker's event comes after theirs: once its list is in, theirs were read and dropped.
    let mark = bursts.length
    let before = refreshes
    await cli(['top', name])
    const out = mkdtempSync(join(tmpdir(), 'berth-events-cp-'))
    await cli(['cp', `${name}:/bin/busybox`, out]).finally(() => rmSync(out, { recursive: true, force: true }))
    const next = await marker()
    assert.equal(touched(since(mark), id), false, `no burst for top and cp: ${since(mark).map((b) => [...b.containerActions.values()].join(' ')).join(', ')}`)
    assert.deepEqual(since(mark).map((b) => [...b.containerActions.keys()]), [[next]], `only the marker made a burst: ${since(mark).map((b) => [...b.containerActions].join(' ')).join(', ')} (${id})`)
    assert.equal(refreshes - before, 1, 'one refresh, for the marker')

    // kill changes nothing shown; die and stop do: never more refreshes than bursts.
    mark = bursts.length
    before = refreshes
    await cli(['stop', '-t', '5', name])
    await eventually(() => containers.some((c) => c.name === name && c.state === 'exited'), 'stop to appear', ENGINE_ANSWER_MS)
    await marker()
    // One burst for the stop if its events come within the quiet window; two on a very busy machine.
    const withContainers = since(mark).filter((b) => b.kinds.has('container')).length
    assert.ok(refreshes - before <= withContainers, `${refreshes - before} refreshes for ${withContainers} bursts`)

    await cli(['rm', name])
    await eventually(() => !containers.some((c) => c.name === name), 'rm to appear', ENGINE_ANSWER_MS)

    const tag = `${uniqueName('berth-test/live')}:1`
    await cli(['tag', BUSYBOX_IMAGE, tag])
    await eventually(() => images.some((i) => i.reference === tag), 'tag to appear', ENGINE_ANSWER_MS)
    await cli(['rmi', tag])
    await eventually(() => !images.some((i) => i.reference === tag), 'rmi to appear', ENGINE_ANSWER_MS)
  })
})
