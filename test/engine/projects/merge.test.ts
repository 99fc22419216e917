// How lines of several containers that arrive together are merged: by engine time, never reordering
// one container's own lines, with Berth's notes kept after the line before them. Pure: no engine.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { mergeByTime } from '@main/engine/projects/merged-logs'
import type { LogLines } from '@common/contract/logs'

const t = (s: number) => `2026-01-02T03:04:${String(s).padStart(2, '0')}.000000000Z`
const lines = (...entries: Array<[string, string]>): LogLines => ({ lines: entries.map((e) => e[0]), times: entries.map((e) => e[1]), kinds: entries.map((e) => (e[1] ? 'o' : 'm')).join('') })

describe('mergeByTime', () => {
  it('interleaves containers by time, ties to the first', () => {
    const merged = mergeByTime([lines(['a1', t(1)], ['a3', t(3)]), lines(['b1', t(1)], ['b2', t(2)], ['b4', t(4)])])
    assert.deepEqual(merged.lines, ['a1', 'b1', 'b2', 'a3', 'b4'])
    assert.deepEqual(merged.source, [0, 1, 1, 0, 1])
    assert.equal(merged.kinds, 'ooooo')
  })

  it('never reorders one container’s lines, even when its times go back (a clock step, a new run)', () => {
    const merged = mergeByTime([lines(['a5', t(5)], ['a2', t(2)]), lines(['b3', t(3)])])
    const a = merged.lines.filter((l) => l.startsWith('a'))
    assert.deepEqual(a, ['a5', 'a2'])
    assert.deepEqual(merged.lines, ['b3', 'a5', 'a2'])
  })

  it('keeps a note (no time) right after the line before it in its container', () => {
    const merged = mergeByTime([lines(['a1', t(1)], ['— container stopped —', ''], ['a9', t(9)]), lines(['b2', t(2)], ['b5', t(5)])])
    assert.deepEqual(merged.lines, ['a1', '— container stopped —', 'b2', 'b5', 'a9'])
  })
})
