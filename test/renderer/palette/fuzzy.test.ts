// The palette's matcher: what matches at all, which of two matches ranks first, the positions it
// highlights, and the top-N selection it keeps instead of sorting everything.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { fuzzyMatch, fuzzyScore, isSubsequence, segments, topScored } from '@renderer/features/palette/fuzzy'

const rank = (query: string, keys: string[]): string[] =>
  keys.filter((k) => fuzzyScore(query, k) > -Infinity).sort((a, b) => fuzzyScore(query, b) - fuzzyScore(query, a))

describe('fuzzy matching', () => {
  it('matches a subsequence in order, and nothing else', () => {
    assert.ok(isSubsequence('wb', 'web'))
    assert.ok(fuzzyScore('wbs', 'web-server') > -Infinity)
    assert.equal(fuzzyScore('bw', 'web'), -Infinity, 'order counts')
    assert.equal(fuzzyScore('webb', 'web'), -Infinity, 'each key character is used once')
    assert.equal(fuzzyScore('x', ''), -Infinity)
    assert.equal(fuzzyScore('', 'anything'), 0, 'an empty query matches everything alike')
  })

  it('prefers the start of the key, then word starts, over the middle of a word', () => {
    assert.deepEqual(rank('web', ['cobweb', 'my-web', 'web']), ['web', 'my-web', 'cobweb'])
    assert.deepEqual(rank('db', ['sandbox', 'app-db']), ['app-db', 'sandbox'])
  })

  it('prefers a contiguous run to the same letters scattered', () => {
    assert.ok(fuzzyScore('redis', 'redis-cache') > fuzzyScore('redis', 'r-e-d-i-s'))
    assert.ok(fuzzyScore('cache', 'app-cache') > fuzzyScore('cache', 'cabbage-cake-helper'))
  })

  it('prefers, of two equal matches, the shorter key', () => {
    assert.deepEqual(rank('web', ['web-1-extra-long-name', 'web-1']), ['web-1', 'web-1-extra-long-name'])
  })

  it('finds the best alignment, not the first one met', () => {
    // Greedy leftmost would take the w of "swarm"; the word start of "web" is better.
    assert.deepEqual(fuzzyMatch('web', 'swarm-web')?.positions, [6, 7, 8])
    assert.deepEqual(fuzzyMatch('mw', 'my-web')?.positions, [0, 3])
    assert.deepEqual(fuzzyMatch('lw', 'localhost:5000/web')?.positions, [0, 15])
  })

  it('gives the same answer however large the previous key was (the table is reused)', () => {
    const long = 'a'.repeat(500) + 'web'
    assert.ok(fuzzyScore('web', long) > -Infinity)
    assert.deepEqual(fuzzyMatch('web', 'web')?.positions, [0, 1, 2])
    assert.equal(fuzzyScore('web', 'wxb'), -Infinity)
  })
})

describe('highlight segments', () => {
  it('cut a label into matched and unmatched runs of plain text', () => {
    assert.deepEqual(segments('my-web', [0, 3, 4, 5]), [
      { text: 'm', hit: true },
      { text: 'y-', hit: false },
      { text: 'web', hit: true },
    ])
    assert.deepEqual(segments('<b>', []), [{ text: '<b>', hit: false }])
  })
})

describe('top scored', () => {
  it('keeps the best N in order, dropping the non-matching', () => {
    const scores: Record<string, number> = { a: 1, b: 5, c: -Infinity, d: 3, e: 4 }
    assert.deepEqual(topScored(Object.keys(scores), (k) => scores[k]!, 3), ['b', 'e', 'd'])
    assert.deepEqual(topScored(Object.keys(scores), (k) => scores[k]!, 10), ['b', 'e', 'd', 'a'])
  })

  it('keeps the first of equal scores first (the stores’ order)', () => {
    assert.deepEqual(topScored(['x', 'y', 'z'], () => 1, 2), ['x', 'y'])
  })
})
