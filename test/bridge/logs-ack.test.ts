// `logs.ack`, the page's credit for the batches it has taken, sent through the real router against a
// real container's log: main never has more than its window of batches unacknowledged, each ack lets
// more through, and a page that acks as it reads gets every line, in order, then the end. Another
// page's ack moves nothing, one for a stream that is gone is ignored, bad input is refused in a sentence.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type { LogBatch, LogStreamState } from '@common/contract/logs'
import { refusal, testBridge, testPage, valueOf, type TestBridge, type TestPage } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker } from '../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../env/wait'

/** Batches main sends before it waits for the page, and lines a batch holds at most (main/engine/logs/logs.ts). */
const WINDOW = 8
const BATCH_LINES = 5000
/** Many more lines than the window holds. */
const LINES = 200_000
/** Later than any line: `older` from here reads back from the end of the log. */
const END_OF_TIME = '9999-12-31T23:59:59.999999999Z'

const batchesOf = (page: TestPage) => page.of<LogBatch>('logs', 'lines')
const ended = (page: TestPage) => page.of<LogStreamState>('logs', 'state').some((s) => s.phase === 'ended')

describe('log acknowledgements over the bridge (real engine)', () => {
  let b: TestBridge
  let id = ''
  before(async () => {
    b = testBridge()
    id = await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE, 'seq', '1', String(LINES)])
    await cli(['start', id])
    await cli(['wait', id])
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
  })

  /**
   * Lines main has read from the engine and holds back, unsent: `older` counts them as the page's
   * (logs-handlers.ts), so the one line it offers from the end of the log is the one before them.
   */
  async function heldBack(page: TestPage, stream: string): Promise<number> {
    const { lines } = valueOf(await b.call('logs', 'older', { stream, before: END_OF_TIME, skip: 0, count: 1, sameTime: 1 }, page))
    return LINES - Number(lines[0])
  }

  /**
   * The window is full and main is holding lines back: more than a batch, which it would have sent at
   * once if the window let it. Only now can "nothing more was sent" be told. (Or the stream ended:
   * everything was sent, unacknowledged.)
   */
  const holdingBack = async (page: TestPage, stream: string, acked: number) =>
    ended(page) || (batchesOf(page).length - acked >= WINDOW && (await heldBack(page, stream)) > BATCH_LINES)

  it(`sends ${WINDOW} batches unacknowledged and holds the rest back; each ack, and only the page's own, lets more through`, async () => {
    const page = testPage()
    const other = testPage()
    valueOf(await b.call('logs', 'open', { stream: 'paced', id, tail: 'all', follow: false }, page))
    await eventually(() => holdingBack(page, 'paced', 0), 'main to hold lines back', ENGINE_ANSWER_MS)
    assert.equal(batchesOf(page).length, WINDOW, 'batches sent unacknowledged')
    // An ack sends what it frees before it answers: a batch another page's ack let through would be here.
    valueOf(await b.call('logs', 'ack', { stream: 'paced', seq: WINDOW }, other))
    assert.equal(batchesOf(page).length, WINDOW, "another page's ack let batches through")
    assert.equal(batchesOf(other).length, 0, 'the other page heard nothing')
    // The page acks each time the window is full: every line comes, in order, then the end.
    let acked = 0
    while (!ended(page)) {
      acked = batchesOf(page).length
      valueOf(await b.call('logs', 'ack', { stream: 'paced', seq: acked }, page))
      await eventually(() => batchesOf(page).length - acked >= WINDOW || ended(page), 'the window to fill again, or the end', ENGINE_ANSWER_MS)
      assert.ok(batchesOf(page).length - acked <= WINDOW, `${batchesOf(page).length - acked} batches sent unacknowledged`)
    }
    const batches = batchesOf(page)
    assert.deepEqual(batches.map((batch) => batch.seq), batches.map((_, i) => i + 1), 'numbered one by one')
    const lines = batches.flatMap((batch) => batch.lines)
    assert.equal(lines.length, LINES)
    assert.ok(lines.every((line, i) => line === String(i + 1)), 'every line once, in order')
    page.leave()
  })

  it('ignores an ack for a stream that is gone, and refuses bad input, moving nothing', async () => {
    const page = testPage()
    valueOf(await b.call('logs', 'open', { stream: 'held', id, tail: 'all', follow: false }, page))
    await eventually(() => holdingBack(page, 'held', 0), 'main to hold lines back', ENGINE_ANSWER_MS)
    // A late ack for a stream that just ended is harmless: answered, not an error.
    assert.deepEqual(await b.call('logs', 'ack', { stream: 'never-opened', seq: 1 }, page), { ok: true, value: undefined })
    for (const input of [{ stream: 'held', seq: 0 }, { stream: 'held', seq: 1.5 }, { stream: 'held', seq: '8' }, { stream: 'a b', seq: 1 }, { stream: 'held', seq: 1, extra: 1 }, { stream: 'held' }]) {
      assert.match(refusal(await b.call('logs', 'ack', input, page), 'invalid-input'), /^Berth refused the request: .+\.$/, JSON.stringify(input))
    }
    assert.equal(batchesOf(page).length, WINDOW, 'a refused ack moved nothing')
    valueOf(await b.call('logs', 'ack', { stream: 'held', seq: 1 }, page))
    assert.equal(batchesOf(page).length, WINDOW + 1, 'its own ack of one batch let one more through, before it answered')
    page.leave()
  })
})
