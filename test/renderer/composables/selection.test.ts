// A list's selection: click toggles and sets the anchor, Shift-click adds the range from the anchor in
// the order shown, select all takes only what the filter shows, and ids the engine stops listing go.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { nextTick, ref } from 'vue'
// Before any store: the batch records itself in the activity store, which reaches the bridge.
import '../bridge-stand-in'
import { allShown, extended, kept, toggled, useSelection } from '@renderer/composables/selection'
import { batchError, batchSummary, clippedNames, eachAtMost, type BatchItem } from '@renderer/composables/batch'

const sorted = (set: ReadonlySet<string>) => [...set].sort()
const order = ['a', 'b', 'c', 'd', 'e']

describe('selection logic', () => {
  it('toggles one key in and out, leaving the set it was given as it was', () => {
    const before = new Set(['a'])
    assert.deepEqual(sorted(toggled(before, 'b')), ['a', 'b'])
    assert.deepEqual(sorted(toggled(before, 'a')), [])
    assert.deepEqual(sorted(before), ['a'])
  })

  it('adds the range between the anchor and the clicked key, either way round, to what was selected', () => {
    assert.deepEqual(sorted(extended(new Set(['a']), 'b', 'd', order)), ['a', 'b', 'c', 'd'])
    assert.deepEqual(sorted(extended(new Set(), 'd', 'b', order)), ['b', 'c', 'd'])
  })

  it('makes the range the clicked key alone without an anchor, or when the filter hides the anchor', () => {
    assert.deepEqual(sorted(extended(new Set(), null, 'c', order)), ['c'])
    assert.deepEqual(sorted(extended(new Set(), 'z', 'c', order)), ['c'])
  })

  it('selects every row shown, keeping hidden ones as they were, and clears the shown ones when all already were', () => {
    const hiddenOne = new Set(['x'])
    assert.deepEqual(sorted(allShown(hiddenOne, ['a', 'b'])), ['a', 'b', 'x'])
    assert.deepEqual(sorted(allShown(new Set(['a', 'b', 'x']), ['a', 'b'])), ['x'])
    assert.deepEqual(sorted(allShown(new Set(['a']), [])), ['a'])
  })

  it('drops keys no longer present, and answers the same set when none went', () => {
    const selected = new Set(['a', 'b'])
    assert.equal(kept(selected, new Set(['a', 'b', 'c'])), selected)
    assert.deepEqual(sorted(kept(selected, new Set(['b', 'c']))), ['b'])
  })
})

describe('useSelection', () => {
  interface Row {
    id: string
    name: string
    fixed?: boolean
  }
  function setup() {
    const list = ref<Row[]>(order.map((id) => ({ id, name: `n-${id}` })))
    const query = ref('')
    const shown = () => list.value.filter((r) => r.name.includes(query.value))
    const selection = useSelection(shown, () => list.value, (r) => (r.fixed ? null : r.id))
    const row = (id: string) => list.value.find((r) => r.id === id)!
    const chosen = () => selection.chosen.map((r) => r.id)
    return { list, query, selection, row, chosen }
  }

  it('click, Shift-click and Ctrl-click pick 3 of 5 as the list pages do', () => {
    const { selection, row, chosen } = setup()
    selection.toggle(row('a'))
    selection.extend(row('c'))
    assert.deepEqual(chosen(), ['a', 'b', 'c'])
    selection.toggle(row('b'))
    selection.toggle(row('e'))
    assert.deepEqual(chosen(), ['a', 'c', 'e'])
    assert.equal(selection.count, 3)
    assert.equal(selection.shownState, 'some')
  })

  it('Shift-click ranges over the rows shown only, and select all takes only those', () => {
    const { selection, row, chosen, query } = setup()
    query.value = 'n-' // all
    selection.toggle(row('a'))
    query.value = 'n-d'
    selection.toggleAllShown()
    assert.deepEqual(chosen(), ['a', 'd'])
    assert.equal(selection.hidden, 1, 'a is selected but the filter hides it')
    assert.equal(selection.shownState, 'all')
    query.value = ''
    selection.extend(row('e'))
    assert.deepEqual(chosen(), ['a', 'b', 'c', 'd', 'e'], 'from the anchor a, which now shows again, to e')
  })

  it('never selects a row that cannot be', () => {
    const { selection, list, chosen } = setup()
    list.value = [...list.value, { id: 'own', name: 'bridge', fixed: true }]
    selection.toggle(list.value[5]!)
    selection.toggleAllShown()
    assert.deepEqual(chosen(), ['a', 'b', 'c', 'd', 'e'])
    assert.equal(selection.selectable(list.value[5]!), false)
  })

  it('keeps the selection across list updates and drops ids that disappear', async () => {
    const { selection, list, row, chosen } = setup()
    selection.toggle(row('b'))
    selection.toggle(row('d'))
    list.value = list.value.map((r) => ({ ...r, name: `${r.name}!` }))
    await nextTick()
    assert.deepEqual(chosen(), ['b', 'd'])
    list.value = list.value.filter((r) => r.id !== 'b')
    await nextTick()
    list.value = [...list.value, { id: 'b', name: 'back again' }]
    await nextTick()
    assert.deepEqual(chosen(), ['d'], 'a new container that reuses a key starts unselected')
    selection.clear()
    assert.equal(selection.count, 0)
  })
})

describe('batch helpers', () => {
  it('clips a long list of names for the confirmation', () => {
    assert.equal(clippedNames(['a', 'b']), 'a, b')
    assert.equal(clippedNames(['a', 'b', 'c', 'd'], 2), 'a, b and 2 more')
  })

  it('runs every item, never more than the limit at once', async () => {
    let now = 0
    let most = 0
    const seen: number[] = []
    await eachAtMost([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++now)
      await new Promise((resolve) => setImmediate(resolve))
      seen.push(n)
      now--
    })
    assert.equal(most, 3)
    assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6, 7])
  })

  it('sums up the results and names each failure with its sentence', () => {
    const items: BatchItem[] = [
      { key: '1', name: 'a', state: 'done' },
      { key: '2', name: 'b', state: 'failed', message: 'volume is in use' },
      { key: '3', name: 'c', state: 'skipped', message: 'running: left out' },
      { key: '4', name: 'd', state: 'running' },
    ]
    assert.equal(batchSummary(items), '1 to go, 1 done, 1 failed, 1 skipped')
    assert.equal(batchError(items), '1 of 3 failed: b: volume is in use')
  })
})
