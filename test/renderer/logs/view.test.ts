// What the log pane shows: every held line, or only those that pass the stream choice and (when
// "only matching lines" is on) the query; Berth's own notes stay in every view and are never a match.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { compileQuery, type Matcher } from '@renderer/features/logs/query'
import { LogView, type ViewRules } from '@renderer/features/logs/view'
import type { LogLineKind, LogLines } from '@common/contract/logs'

type Line = [text: string, kind?: LogLineKind, time?: string]

function batch(...lines: Line[]): LogLines {
  return {
    lines: lines.map(([text]) => text),
    kinds: lines.map(([, kind = 'o']) => kind).join(''),
    times: lines.map(([, kind = 'o', time]) => time ?? (kind === 'm' ? '' : 'T')),
  }
}

function matcher(query: string, regex = false): Matcher {
  const { matcher } = compileQuery(query, regex)
  assert.ok(matcher)
  return matcher
}

const rules = (fields: Partial<ViewRules>): ViewRules => ({ matcher: null, filter: false, stream: 'all', ...fields })

/** The texts of the rows shown, top to bottom. */
function rows(view: LogView): string[] {
  const out: string[] = []
  for (let i = 0; i < view.size; i++) out.push(view.ring.text(view.lineAt(i)))
  return out
}

const matched = (view: LogView): string[] => view.matches.map((n) => view.ring.text(n))

const SAMPLE: Line[] = [
  ['GET / 200', 'o'],
  ['warn: slow disk', 'e'],
  ['-- container stopped --', 'm'],
  ['GET /error 500', 'o'],
  ['Error: boom', 'e'],
]

describe('log view', () => {
  it('shows every held line when nothing is chosen', () => {
    const view = new LogView(100)
    view.append(batch(...SAMPLE))
    assert.equal(view.shown, null)
    assert.equal(view.size, 5)
    assert.deepEqual(rows(view), SAMPLE.map(([text]) => text))
    assert.equal(view.indexOf(view.lineAt(3)), 3)
    assert.deepEqual(view.matches, [])
  })

  it('highlights matches without hiding anything, and never counts a note as one', () => {
    const view = new LogView(100)
    view.setRules(rules({ matcher: matcher('stop|error', true) }))
    view.append(batch(...SAMPLE))
    assert.equal(view.shown, null)
    assert.equal(view.size, 5)
    assert.deepEqual(matched(view), ['GET /error 500', 'Error: boom'])
  })

  it('"only matching lines" hides the rest but keeps the notes that explain the gaps', () => {
    const view = new LogView(100)
    view.setRules(rules({ matcher: matcher('error'), filter: true }))
    view.append(batch(...SAMPLE))
    assert.deepEqual(rows(view), ['-- container stopped --', 'GET /error 500', 'Error: boom'])
    assert.deepEqual(matched(view), ['GET /error 500', 'Error: boom'])
  })

  it('"only matching lines" with an empty box shows everything', () => {
    const view = new LogView(100)
    view.setRules(rules({ matcher: null, filter: true }))
    view.append(batch(...SAMPLE))
    assert.equal(view.shown, null)
    assert.equal(view.size, 5)
  })

  it('shows one stream (and the notes), alone or with the query', () => {
    const view = new LogView(100)
    view.append(batch(...SAMPLE))
    view.setRules(rules({ stream: 'e' }))
    assert.deepEqual(rows(view), ['warn: slow disk', '-- container stopped --', 'Error: boom'])
    view.setRules(rules({ stream: 'o' }))
    assert.deepEqual(rows(view), ['GET / 200', '-- container stopped --', 'GET /error 500'])
    view.setRules(rules({ stream: 'o', matcher: matcher('error'), filter: true }))
    assert.deepEqual(rows(view), ['-- container stopped --', 'GET /error 500'])
    // Matches are counted across both streams: the stream choice hides, the search counts.
    assert.deepEqual(matched(view), ['GET /error 500', 'Error: boom'])
    view.setRules(rules({}))
    assert.equal(view.shown, null)
    assert.deepEqual(rows(view), SAMPLE.map(([text]) => text))
  })

  it('searches the text as shown, without its colour codes', () => {
    const view = new LogView(100)
    view.setRules(rules({ matcher: matcher('red alert'), filter: true }))
    view.append(batch(['\x1b[31mred\x1b[0m alert'], ['plain']))
    assert.deepEqual(matched(view), ['\x1b[31mred\x1b[0m alert'])
    view.setRules(rules({ matcher: matcher('31m'), filter: true }))
    assert.deepEqual(view.matches, [])
    assert.equal(view.size, 0)
  })

  it('keeps matches and shown rows up to date one batch at a time', () => {
    const view = new LogView(100)
    view.setRules(rules({ matcher: matcher('error'), filter: true }))
    view.append(batch(...SAMPLE.slice(0, 2)))
    assert.equal(view.size, 0)
    view.append(batch(...SAMPLE.slice(2)))
    assert.deepEqual(rows(view), ['-- container stopped --', 'GET /error 500', 'Error: boom'])
    view.append(batch(['ok'], ['error again', 'e']))
    assert.deepEqual(matched(view), ['GET /error 500', 'Error: boom', 'error again'])
    assert.deepEqual(view.shown, [2, 3, 4, 6])
  })

  it('finds the row of a hidden line at the next shown one', () => {
    const view = new LogView(100)
    view.setRules(rules({ stream: 'e' }))
    view.append(batch(['o0'], ['e1', 'e'], ['o2'], ['o3'], ['e4', 'e']))
    assert.deepEqual(view.shown, [1, 4])
    assert.equal(view.indexOf(1), 0)
    assert.equal(view.indexOf(2), 1)
    assert.equal(view.indexOf(4), 1)
    assert.equal(view.indexOf(5), 2, 'past the end')
  })

  describe('when the ring is full', () => {
    it('forgets evicted matches and counts the rows gone from the top (all shown)', () => {
      const view = new LogView(4)
      view.setRules(rules({ matcher: matcher('hit') }))
      view.append(batch(['hit 0'], ['miss 1'], ['hit 2']))
      assert.equal(view.evicted, false)
      assert.equal(view.shift, 0)
      view.append(batch(['miss 3'], ['hit 4'], ['miss 5']))
      assert.equal(view.evicted, true)
      assert.equal(view.shift, 2, 'lines 0 and 1 left the top')
      assert.deepEqual(view.matches, [2, 4])
      assert.deepEqual(rows(view), ['hit 2', 'miss 3', 'hit 4', 'miss 5'])
      assert.equal(view.engineLines, 6)
    })

    it('counts only the shown rows gone from the top (filtered)', () => {
      const view = new LogView(4)
      view.setRules(rules({ matcher: matcher('hit'), filter: true }))
      view.append(batch(['hit 0'], ['miss 1'], ['hit 2'], ['miss 3']))
      assert.deepEqual(view.shown, [0, 2])
      view.append(batch(['miss 4'], ['miss 5'], ['hit 6']))
      assert.equal(view.shift, 2, 'hit 0 and hit 2 left; the misses were never rows')
      assert.deepEqual(view.shown, [6])
      assert.deepEqual(view.matches, [6])
    })

    it('copes with a batch bigger than the whole ring', () => {
      const view = new LogView(3)
      view.setRules(rules({ matcher: matcher('x'), filter: true }))
      view.append(batch(...Array.from({ length: 10 }, (_, i): Line => [i % 2 ? `x${i}` : `y${i}`])))
      assert.deepEqual(rows(view), ['x7', 'x9'])
      assert.deepEqual(view.matches, [7, 9])
      assert.equal(view.ring.first, 7)
    })
  })

  it('finds the oldest engine line past the notes, and how many share its time', () => {
    const view = new LogView(100)
    assert.equal(view.oldestEngineLine(), null)
    view.append(batch(['-- started --', 'm'], ['a', 'o', 'T1'], ['b', 'e', 'T1'], ['-- note --', 'm'], ['c', 'o', 'T1'], ['d', 'o', 'T2'], ['e', 'o', 'T1']))
    assert.equal(view.oldestEngineLine(), 1)
    assert.equal(view.sameTimeFrom(1), 3, 'a, b and c: the note between is skipped, e is after another time')
    assert.equal(view.sameTimeFrom(5), 1)
    assert.equal(view.engineLines, 5)
    const notes = new LogView(10)
    notes.append(batch(['-- a --', 'm'], ['-- b --', 'm']))
    assert.equal(notes.oldestEngineLine(), null)
    assert.equal(notes.engineLines, 0)
  })

  it('puts older lines above, indexed as the rest, and says how many rows were added above', () => {
    const view = new LogView(10)
    view.setRules(rules({ matcher: matcher('hit'), filter: true }))
    view.append(batch(['hit 0'], ['miss 1']))
    const added = view.prepend(batch(['hit -3'], ['miss -2'], ['hit -1']))
    assert.equal(added, 3)
    assert.deepEqual(rows(view), ['hit -3', 'hit -1', 'hit 0'])
    assert.deepEqual(matched(view), ['hit -3', 'hit -1', 'hit 0'])
    assert.equal(view.shift, -2, 'two shown rows above: the list moves down by two')
    assert.equal(view.engineLines, 5)

    const all = new LogView(4)
    all.append(batch(['b'], ['c']))
    assert.equal(all.prepend(batch(['x'], ['y'], ['z'])), 2, 'only what fits, the newest of it')
    assert.deepEqual(rows(all), ['y', 'z', 'b', 'c'])
    assert.equal(all.shift, -2)
  })

  it('clears to an empty view that keeps its rules and numbering', () => {
    const view = new LogView(10)
    view.setRules(rules({ matcher: matcher('hit'), filter: true }))
    view.append(batch(['hit 0'], ['miss 1'], ['hit 2']))
    view.clear()
    assert.equal(view.size, 0)
    assert.deepEqual(view.matches, [])
    assert.equal(view.engineLines, 0)
    view.append(batch(['hit 3'], ['miss 4']))
    assert.deepEqual(view.shown, [3])
    assert.deepEqual(view.matches, [3])
  })
})
