// The log search box: plain text, case-insensitive, or a regular expression; a bad regex is a
// message, never an exception; ranges are what the pane highlights.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { compileQuery, type Matcher } from '@renderer/features/logs/query'

function matcherOf(query: string, regex: boolean): Matcher {
  const { matcher, error } = compileQuery(query, regex)
  assert.equal(error, null)
  assert.ok(matcher, `a matcher for ${query}`)
  return matcher
}

describe('log search, plain text', () => {
  it('an empty box matches nothing and is no error', () => {
    assert.deepEqual(compileQuery('', false), { matcher: null, error: null })
    assert.deepEqual(compileQuery('', true), { matcher: null, error: null })
  })

  it('ignores case', () => {
    const m = matcherOf('Error', false)
    assert.equal(m.test('GET /x ERROR 500'), true)
    assert.equal(m.test('an error'), true)
    assert.equal(m.test('all fine'), false)
  })

  it('takes regex characters literally', () => {
    const m = matcherOf('a.b(', false)
    assert.equal(m.test('xA.B(y'), true)
    assert.equal(m.test('axb('), false)
  })

  it('marks every occurrence, without overlaps, up to the limit', () => {
    const m = matcherOf('ab', false)
    assert.deepEqual(m.ranges('ab xAB ab'), [[0, 2], [4, 6], [7, 9]])
    assert.deepEqual(matcherOf('aa', false).ranges('aaaaa'), [[0, 2], [2, 4]])
    assert.deepEqual(m.ranges('ab ab ab ab', 2), [[0, 2], [3, 5]])
    assert.deepEqual(m.ranges('nothing'), [])
    assert.equal(m.ranges('ab'.repeat(500)).length, 100, 'a default limit')
  })
})

describe('log search, regular expression', () => {
  it('ignores case and answers the same every time (no state left between lines)', () => {
    const m = matcherOf('err(or)?\\b', true)
    for (let i = 0; i < 3; i++) {
      assert.equal(m.test('ERROR: disk full'), true, `time ${i + 1}`)
      assert.equal(m.test('an err here'), true)
      assert.equal(m.test('errand'), false)
    }
  })

  it('marks where it matches, and the same again on the next call', () => {
    const m = matcherOf('\\d+', true)
    const text = 'took 12 ms, 345 rows'
    assert.deepEqual(m.ranges(text), [[5, 7], [12, 15]])
    assert.deepEqual(m.ranges(text), [[5, 7], [12, 15]])
    assert.deepEqual(m.ranges('1 2 3 4', 3), [[0, 1], [2, 3], [4, 5]])
    assert.equal(m.ranges('1 '.repeat(300)).length, 100, 'a default limit')
  })

  it('does not loop on, or mark, empty matches', () => {
    const m = matcherOf('x*', true)
    assert.deepEqual(m.ranges('abc'), [])
    assert.deepEqual(m.ranges('axxbx'), [[1, 3], [4, 5]])
    assert.deepEqual(matcherOf('^', true).ranges('line'), [])
    assert.deepEqual(matcherOf('\\b', true).ranges('two words'), [])
  })

  it('turns a bad expression into a message for the user, without throwing', () => {
    for (const query of ['(', '[a-', 'a{2,1}', '*', '(?<n>a)(?<n>b)']) {
      const { matcher, error } = compileQuery(query, true)
      assert.equal(matcher, null, query)
      assert.ok(error, query)
      assert.match(error, /^Not a valid regular expression: \S/, query)
      assert.doesNotMatch(error, /Invalid regular expression/, `${query}: the engine's prefix is replaced, not repeated`)
    }
  })

  it('the same text is fine as plain text', () => {
    const m = matcherOf('(', false)
    assert.equal(m.test('f(x)'), true)
    assert.deepEqual(m.ranges('f(x)'), [[1, 2]])
  })
})
