// The log pane's memory: the newest `capacity` lines, each under an absolute number that stays put
// while the line is held, however often the buffer wraps.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { LogRing, lowerBound } from '@renderer/features/logs/ring'
import type { LogLineKind } from '@common/contract/logs'

const KINDS: LogLineKind[] = ['o', 'e', 'm']
const kindOf = (n: number): LogLineKind => KINDS[n % 3] as LogLineKind
const timeOf = (n: number): string => `2024-01-01T00:00:${String(n % 60).padStart(2, '0')}.000000000Z`

/** What the ring holds, oldest first, read through its absolute numbers. */
function held(ring: LogRing): Array<[number, string, LogLineKind, string]> {
  const out: Array<[number, string, LogLineKind, string]> = []
  for (let n = ring.first; n <= ring.last; n++) out.push([n, ring.text(n), ring.kind(n), ring.time(n)])
  return out
}

describe('log ring', () => {
  it('numbers lines from 0 and holds them all until it is full', () => {
    const ring = new LogRing(3)
    assert.equal(ring.size, 0)
    assert.equal(ring.last, ring.first - 1, 'empty: last is one before first')
    assert.equal(ring.has(0), false)
    assert.equal(ring.push('a', 'o', 't0'), null)
    assert.equal(ring.push('b', 'e', 't1'), null)
    assert.equal(ring.full, false)
    assert.equal(ring.push('c', 'm', ''), null)
    assert.equal(ring.full, true)
    assert.deepEqual(held(ring), [
      [0, 'a', 'o', 't0'],
      [1, 'b', 'e', 't1'],
      [2, 'c', 'm', ''],
    ])
  })

  it('keeps the newest lines and drops the oldest first, saying which kind it dropped', () => {
    const ring = new LogRing(3)
    ring.push('a', 'o', 't0')
    ring.push('b', 'e', 't1')
    ring.push('c', 'm', '')
    assert.equal(ring.push('d', 'o', 't3'), 'o')
    assert.equal(ring.push('e', 'o', 't4'), 'e')
    assert.equal(ring.push('f', 'o', 't5'), 'm')
    assert.equal(ring.size, 3)
    assert.equal(ring.first, 3)
    assert.equal(ring.last, 5)
    assert.equal(ring.has(2), false)
    assert.equal(ring.has(6), false)
    assert.deepEqual(held(ring).map(([n, text]) => [n, text]), [
      [3, 'd'],
      [4, 'e'],
      [5, 'f'],
    ])
  })

  it('keeps each line under its number, with its kind and time, however often it wraps', () => {
    for (const capacity of [1, 2, 5, 7]) {
      const ring = new LogRing(capacity)
      for (let n = 0; n < 100; n++) {
        ring.push(`line ${n}`, kindOf(n), timeOf(n))
        assert.equal(ring.last, n)
        assert.equal(ring.size, Math.min(n + 1, capacity))
        for (const [m, text, kind, time] of held(ring)) {
          assert.equal(text, `line ${m}`, `capacity ${capacity}, after line ${n}`)
          assert.equal(kind, kindOf(m))
          assert.equal(time, timeOf(m))
        }
      }
      assert.equal(ring.first, 100 - capacity)
    }
  })

  it('puts older lines above the first one, the newest of them when not all fit', () => {
    const ring = new LogRing(5)
    ring.push('new 0', 'o', 't10')
    ring.push('new 1', 'e', 't11')
    const added = ring.prepend(['old a', 'old b', 'old c', 'old d'], 'oeoe', ['t6', 't7', 't8', 't9'])
    assert.equal(added, 3, 'room for three')
    assert.equal(ring.first, -3, 'numbers go below 0 so the held ones keep theirs')
    assert.deepEqual(held(ring), [
      [-3, 'old b', 'e', 't7'],
      [-2, 'old c', 'o', 't8'],
      [-1, 'old d', 'e', 't9'],
      [0, 'new 0', 'o', 't10'],
      [1, 'new 1', 'e', 't11'],
    ])
    assert.equal(ring.prepend(['older'], 'o', ['t5']), 0, 'full: nothing fits')
    // And it wraps from there as from anywhere else.
    assert.equal(ring.push('new 2', 'o', 't12'), 'e')
    assert.deepEqual(held(ring).map(([n, text]) => [n, text]), [
      [-2, 'old c'],
      [-1, 'old d'],
      [0, 'new 0'],
      [1, 'new 1'],
      [2, 'new 2'],
    ])
  })

  it('takes older lines one batch at a time, then wraps as usual', () => {
    const ring = new LogRing(4)
    ring.push('line 0', 'o', timeOf(0))
    assert.equal(ring.prepend(['line -1'], 'e', [timeOf(59)]), 1)
    assert.equal(ring.prepend(['line -3', 'line -2'], 'mo', ['', timeOf(58)]), 2)
    assert.equal(ring.full, true)
    assert.equal(ring.push('line 1', 'o', timeOf(1)), 'm', 'the oldest, a note, goes first')
    assert.equal(ring.push('line 2', 'o', timeOf(2)), 'o')
    assert.deepEqual(held(ring), [
      [-1, 'line -1', 'e', timeOf(59)],
      [0, 'line 0', 'o', timeOf(0)],
      [1, 'line 1', 'o', timeOf(1)],
      [2, 'line 2', 'o', timeOf(2)],
    ])
  })

  it('clears every line and keeps counting after the last', () => {
    const ring = new LogRing(3)
    for (let n = 0; n < 5; n++) ring.push(`line ${n}`, 'o', timeOf(n))
    ring.clear()
    assert.equal(ring.size, 0)
    assert.equal(ring.first, 5)
    assert.equal(ring.last, 4)
    assert.equal(ring.has(4), false)
    for (let n = 5; n < 9; n++) ring.push(`line ${n}`, 'e', timeOf(n))
    assert.deepEqual(held(ring).map(([n, text]) => [n, text]), [
      [6, 'line 6'],
      [7, 'line 7'],
      [8, 'line 8'],
    ])
  })
})

describe('lowerBound', () => {
  it('finds the first element at or above n in a sorted array', () => {
    const sorted = [2, 4, 4, 9]
    const cases: Array<[number, number]> = [[-1, 0], [2, 0], [3, 1], [4, 1], [5, 3], [9, 3], [10, 4]]
    for (const [n, index] of cases) assert.equal(lowerBound(sorted, n), index, `n = ${n}`)
    assert.equal(lowerBound([], 3), 0)
  })
})
