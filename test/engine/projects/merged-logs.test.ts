// A project's merged logs through the real bridge on the real engine: every line of every container
// arrives, in order within each container (as `docker logs` prints it), tagged with its service;
// the stream keeps going after `docker restart` of one service and takes in a container that joins
// (a scale up) from its first line. The page acknowledges each batch, as the log pane does.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { testBridge, testPage, valueOf, type TestBridge } from '../../env/bridge-page'
import { docker as cli } from '../../env/docker-cli'
import { runV2Container } from '../../env/compose-project'
import { removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../../env/wait'
import type { ProjectLogBatch } from '@common/contract/projects'

/** A numbered line every 50 ms, from 1 again in each run; exits at once on SIGTERM. */
const COUNTER = ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo \"$HOSTNAME line $i\"; sleep 0.05; done"]

/** What the page holds: per container, its lines in the order they came, and each line's service. */
class Received {
  readonly byContainer = new Map<string, string[]>()
  readonly serviceOf = new Map<string, Set<string>>()
  take(batch: ProjectLogBatch): void {
    batch.lines.forEach((line, i) => {
      if (batch.kinds[i] === 'm') return
      const src = batch.sources[batch.source[i] as number]!
      const lines = this.byContainer.get(src.container) ?? []
      lines.push(line)
      this.byContainer.set(src.container, lines)
      this.serviceOf.set(src.container, (this.serviceOf.get(src.container) ?? new Set()).add(src.service))
    })
  }
  count(container: string, line: RegExp): number {
    return (this.byContainer.get(container) ?? []).filter((l) => line.test(l)).length
  }
}

/** Every line `docker logs` printed for the container came, once each and in its order. */
async function assertSameAsCli(got: Received, container: string): Promise<void> {
  const expected = (await cli(['logs', container])).split('\n').filter(Boolean)
  await eventually(() => (got.byContainer.get(container)?.length ?? 0) >= expected.length, `${container}'s lines`, ENGINE_ANSWER_MS)
  assert.deepEqual(got.byContainer.get(container)!.slice(0, expected.length), expected, `${container}: every line, in order`)
}

describe('projects: merged logs over the bridge', () => {
  let b: TestBridge
  before(() => {
    b = testBridge()
    b.engine.start()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
  })

  it('every line of every container, in order, through a restart and a scale up', async () => {
    const project = uniqueName('logs').replace(/[^a-z0-9-]/g, '')
    const [web1, web2, db1] = [`${project}-web-1`, `${project}-web-2`, `${project}-db-1`]
    await Promise.all([runV2Container(project, 'web', 1, COUNTER), runV2Container(project, 'web', 2, COUNTER), runV2Container(project, 'db', 1, COUNTER)])
    const page = testPage()
    const got = new Received()
    let acked = 0
    page.caller.send = (domain, event, payload) => {
      if (domain !== 'projects' || event !== 'lines') return
      const batch = payload as ProjectLogBatch
      got.take(batch)
      acked = batch.seq
      void b.call('projects', 'ackLogs', { stream: batch.stream, seq: batch.seq }, page)
    }
    await eventually(async () => (await b.call('containers', 'list', {})).ok && valueOf(await b.call('containers', 'list', {})).items.filter((c) => c.compose?.project === project).length === 3, 'the project in the list', CONTAINER_RUN_MS)
    valueOf(await b.call('projects', 'openLogs', { stream: 'merged', project, tail: 'all' }, page))
    await eventually(() => [web1, web2, db1].every((c) => got.count(c, / line 20$/) === 1), 'twenty lines of each container', CONTAINER_RUN_MS)
    assert.deepEqual([...got.serviceOf.get(web2)!], ['web'])
    assert.deepEqual([...got.serviceOf.get(db1)!], ['db'])

    await cli(['restart', '-t', '1', db1])
    await eventually(() => got.count(db1, / line 5$/) === 2, "db's second run in the stream", CONTAINER_RUN_MS)

    const web3 = `${project}-web-3`
    await runV2Container(project, 'web', 3, COUNTER)
    await eventually(() => got.count(web3, / line 10$/) === 1, 'the container that joined', CONTAINER_RUN_MS)
    assert.ok(acked > 0)
    // The restarted one too: each line once, in order, on both engines (test/engine/logs/revival.test.ts).
    for (const c of [web1, web2, db1, web3]) await assertSameAsCli(got, c)
    page.leave()
  })
})
