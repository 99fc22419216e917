// Where a cut log stream continues: skipping exactly what was shown, even when lines share a time.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { fixedTime, ResumePoint, secondOf } from '@main/engine/logs/resume'

const T1 = '2026-01-02T03:04:05.000000001Z'
const T2 = '2026-01-02T03:04:05.000000002Z'
const T3 = '2026-01-02T03:04:05.000000003Z'

describe('resume point', () => {
  it('skips what was taken, line for line when several share the last time', () => {
    const point = new ResumePoint(0)
    for (const time of [T1, T2, T2]) assert.ok(point.take(time))
    // Cut after two of the three T2 lines: the engine sends everything from T2 again.
    assert.equal(point.reopen(), '1767323045.000000002')
    const again = [T2, T2, T2, T3].map((time) => point.take(time))
    assert.deepEqual(again, [false, false, true, true], 'the third T2 line is new, the first two were shown')
    assert.equal(point.reopen(), '1767323045.000000003')
    assert.deepEqual([T2, T3, T3].map((time) => point.take(time)), [false, false, true])
  })

  it('reopens from the moment it opened when no line came yet', () => {
    assert.equal(new ResumePoint(1767323045123).reopen(), '1767323045.123000000')
  })

  it('never reopens before the floor: the whole-second times of a new run are not the last run\'s lines', () => {
    // Podman times its lines by the second. The last run finished at .5 within the second the new
    // run's first two lines are timed with; reopening from that second would bring the last run's too.
    const second = '2026-01-02T03:04:05.000000000Z'
    const finished = '2026-01-02T03:04:05.500000000Z'
    const point = new ResumePoint(0, finished)
    assert.equal(point.reopen(), '1767323045.500000000', 'with no line yet, from where the last run finished')
    for (const time of [second, second]) assert.ok(point.take(time))
    assert.equal(point.reopen(), '1767323045.500000000')
    assert.deepEqual([second, second, second].map((time) => point.take(time)), [false, false, true], 'the two shown are skipped, the third is new')
  })

  it('carries into the next run the lines of it that the last run\'s stream gave, so they show once', () => {
    // Podman, by the second: the old run's last line and the new run's first share 03:04:05; the old
    // run finished at .2, and its stream gave the new run's first line before it was cut.
    const before = '2026-01-02T03:04:04.000000000Z'
    const second = '2026-01-02T03:04:05.000000000Z'
    const finished = '2026-01-02T03:04:05.200000000Z'
    const point = new ResumePoint(0)
    for (const time of [before, second, second]) assert.ok(point.take(time))
    // The end of the run is read again from the start of its last second: its one line there was shown.
    assert.equal(point.reopen(secondOf(finished)), '1767323045.000000000')
    assert.deepEqual([second].map((time) => point.take(time)), [false])
    const next = point.nextRun(finished)
    assert.equal(next.reopen(), '1767323045.200000000', 'the next run from where the last finished')
    assert.deepEqual([second, second, second].map((time) => next.take(time)), [false, true, true], 'its first line was shown already')
  })

  it('reads a run\'s end again only as far back as it remembers', () => {
    const point = new ResumePoint(0)
    const times = Array.from({ length: 300 }, (_, i) => `2026-01-02T03:04:05.${String(i).padStart(9, '0')}Z`)
    for (const time of times) point.take(time)
    // The first 44 times are forgotten: reopening from before them would skip nothing there and
    // show them twice, so it reopens from the last line's time instead.
    assert.equal(point.reopen(times[10]), '1767323045.000000299')
    assert.equal(point.reopen(times[100]), '1767323045.000000100')
    assert.deepEqual(times.slice(100).map((time) => point.take(time)).filter(Boolean), [])
  })

  it('writes inspect times the way log lines carry them', () => {
    assert.equal(fixedTime('2026-01-02T03:04:05.1234Z'), '2026-01-02T03:04:05.123400000Z')
    assert.equal(fixedTime('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000000000Z')
    assert.equal(fixedTime('0001-01-01T00:00:00Z'), '')
    assert.ok(fixedTime('2026-01-02T03:04:05.1Z') > '2026-01-02T03:04:05.099999999Z')
  })
})
