// `stats.open` and `stats.close` sent through the real router to the real engine: samples go to the
// page that opened the stream, under its name, and read as `docker stats --no-stream` reads the same
// container; a stopped container says so; a page holds a bounded number of streams, a failed open
// takes no place and a close frees one. Bad input is refused in a sentence.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type { StatsBatch, StatsState } from '@common/contract/stats'
import { refusal, testBridge, testPage, valueOf, type TestBridge } from '../env/bridge-page'
import { bytesSize } from '../env/cli-units'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../env/wait'

/** The streams a page may hold at once (main/bridge/stats-handlers.ts). */
const STREAMS_PER_PAGE = 8

const run = (flags: string[] = []) => cli(['run', '-d', '--label', `${TEST_LABEL}=1`, '--network', 'none', ...flags, BUSYBOX_IMAGE, ...IDLE])

describe('stats over the bridge (real engine, docker stats as the oracle)', () => {
  let b: TestBridge
  before(() => {
    b = testBridge()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
  })

  it('sends samples to the page that opened the stream, read as docker stats reads them', async () => {
    const id = await run(['--memory', '64m'])
    const a = testPage()
    const other = testPage()
    try {
      assert.deepEqual(valueOf(await b.call('stats', 'open', { stream: 'mine', id: id.slice(0, 12) }, a)), { stream: 'mine', containerId: id, running: true })
      assert.ok(valueOf(await b.call('stats', 'open', { stream: 'theirs', id }, other)))
      await eventually(() => a.of('stats', 'sample').length > 0 && other.of('stats', 'sample').length > 0, 'a sample on each page', CONTAINER_RUN_MS)
      assert.ok(a.of<StatsBatch>('stats', 'sample').every((s) => s.stream === 'mine'), 'each page hears its own stream only')
      assert.ok(other.of<StatsBatch>('stats', 'sample').every((s) => s.stream === 'theirs'))
      assert.deepEqual(a.of<StatsState>('stats', 'state').at(-1), { stream: 'mine', phase: 'running' })

      const row = JSON.parse(await cli(['stats', '--no-stream', '--format', '{{json .}}', id])) as { MemUsage: string; PIDs: string }
      const { sample } = a.of<StatsBatch>('stats', 'sample').at(-1)!
      assert.equal(bytesSize(sample.memoryLimitBytes), row.MemUsage.split(' / ')[1], 'the --memory limit')
      assert.equal(sample.memoryLimitBytes, Number(await cli(['inspect', '--format', '{{.HostConfig.Memory}}', id])))
      assert.equal(String(sample.pids), row.PIDs, 'sh and its sleep')
      assert.ok(sample.memoryBytes > 0 && sample.memoryBytes < sample.memoryLimitBytes)
    } finally {
      a.leave()
      other.leave()
    }
  })

  it('says a stopped container is not running, and refuses bad input and a container that is not there', async () => {
    const stopped = await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE])
    const page = testPage()
    try {
      assert.deepEqual(valueOf(await b.call('stats', 'open', { stream: 's', id: stopped }, page)), { stream: 's', containerId: stopped, running: false })
      await eventually(() => page.of<StatsState>('stats', 'state').some((s) => s.phase === 'stopped'), 'the stopped state', ENGINE_ANSWER_MS)
      assert.match(page.of<StatsState>('stats', 'state').find((s) => s.phase === 'stopped')?.message ?? '', /not running/)
      for (const input of [{ stream: 'a b', id: stopped }, { stream: 's', id: '../etc' }, { stream: 's', id: stopped, extra: 1 }, { stream: 's' }]) {
        assert.match(refusal(await b.call('stats', 'open', input, page), 'invalid-input'), /^Berth refused the request: .+\.$/, JSON.stringify(input))
      }
      assert.match(refusal(await b.call('stats', 'close', { stream: '' }, page), 'invalid-input'), /stream is not a stats stream name/)
      assert.match(refusal(await b.call('stats', 'open', { stream: 's2', id: 'no-such-container-here' }, page), 'not-found'), /no-such-container-here/)
    } finally {
      page.leave()
    }
  })

  it(`holds at most ${STREAMS_PER_PAGE} streams per page: a failed open takes no place, and a close frees one`, async () => {
    const id = await run()
    const page = testPage()
    try {
      for (let i = 0; i < 3; i++) refusal(await b.call('stats', 'open', { stream: `gone${i}`, id: 'no-such-container-here' }, page), 'not-found')
      for (let i = 1; i <= STREAMS_PER_PAGE; i++) valueOf(await b.call('stats', 'open', { stream: `s${i}`, id }, page))
      assert.match(refusal(await b.call('stats', 'open', { stream: 'one-more', id }, page), 'conflict'), new RegExp(`already has ${STREAMS_PER_PAGE} stats streams open`))
      // Opening a name again replaces that stream rather than adding one.
      valueOf(await b.call('stats', 'open', { stream: 's1', id }, page))
      assert.deepEqual(await b.call('stats', 'close', { stream: 's2' }, page), { ok: true, value: undefined })
      valueOf(await b.call('stats', 'open', { stream: 'one-more', id }, page))
      // Another page has places of its own.
      const other = testPage()
      valueOf(await b.call('stats', 'open', { stream: 's1', id }, other))
      other.leave()
    } finally {
      page.leave()
    }
  })
})
