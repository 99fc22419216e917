// The merged pane's service filter on the log view it shares with a container's pane: lines keep
// where they came from through the ring, a hidden source's lines and notes leave the view, and search
// counts only the sources shown.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { LogView } from '@renderer/features/logs/view'
import { compileQuery } from '@renderer/features/logs/query'

const T = '2026-01-02T03:04:05.000000000Z'

function merged(): LogView {
  const view = new LogView(5)
  view.setRules({ matcher: null, filter: false, stream: 'all' })
  // Sources 0 (web) and 1 (db), interleaved, with a note of db's.
  view.append({ lines: ['web a', 'db a', '— container stopped —', 'web b'], kinds: 'oomo', times: [T, T, '', T], source: [0, 1, 1, 0] })
  return view
}
const shownText = (view: LogView) => Array.from({ length: view.size }, (_, i) => view.ring.text(view.lineAt(i)))

describe('a merged log view filtered by source', () => {
  it('keeps each line’s source, also once older lines are evicted', () => {
    const view = merged()
    view.append({ lines: ['db b', 'web c'], kinds: 'oo', times: [T, T], source: [1, 0] })
    assert.deepEqual(Array.from({ length: view.ring.size }, (_, i) => view.ring.source(view.ring.first + i)), [1, 1, 0, 1, 0])
  })

  it('hides a source’s lines and notes, and shows them again', () => {
    const view = merged()
    view.setRules({ matcher: null, filter: false, stream: 'all', showSource: (s) => s !== 1 })
    assert.deepEqual(shownText(view), ['web a', 'web b'])
    view.append({ lines: ['db b', 'web c'], kinds: 'oo', times: [T, T], source: [1, 0] })
    assert.deepEqual(shownText(view), ['web b', 'web c'])
    view.setRules({ matcher: null, filter: false, stream: 'all', showSource: null })
    assert.deepEqual(shownText(view), ['db a', '— container stopped —', 'web b', 'db b', 'web c'])
  })

  it('filters by text within the sources shown', () => {
    const view = merged()
    view.setRules({ matcher: compileQuery(' a', false).matcher, filter: true, stream: 'all', showSource: (s) => s === 0 })
    assert.deepEqual(shownText(view), ['web a'])
    assert.equal(view.matches.length, 1, 'the search counts only the sources shown')
  })
})
