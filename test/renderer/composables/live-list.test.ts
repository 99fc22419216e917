// The page's half of the list protocol: a snapshot, then only the changes that start from the
// version it holds; a change that does not (one was missed) makes it ask for the whole list again.
// The bridge call and event are plain functions here: what is tested is the page's own bookkeeping.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { computed } from 'vue'
import { useLiveList } from '@renderer/composables/live-list'
import type { ListChange, ListShape, ListSnapshot } from '@common/live-list'
import type { Result } from '@common/contract/shared'

interface Row {
  id: string
  state: string
}

const shape: ListShape<Row> = { key: (r) => r.id }
const row = (id: string, state = 'running'): Row => ({ id, state })
const ids = (rows: Row[]) => rows.map((r) => `${r.id}:${r.state}`)

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A stand-in for the bridge: snapshot requests the test answers by hand, and the `changed` event. */
function bridge() {
  const pending: Array<(result: Result<ListSnapshot<Row>>) => void> = []
  let listener: ((change: ListChange<Row>) => void) | null = null
  const live = useLiveList<Row>(
    () => new Promise((resolve) => pending.push(resolve)),
    (l) => {
      listener = l
      return () => (listener = null)
    },
    shape,
  )
  return {
    ...live,
    async snapshot(version: number, items: Row[]) {
      const answer = pending.shift()
      assert.ok(answer, 'a snapshot was asked for')
      answer({ ok: true, value: { version, items } })
      await settle()
    },
    async fail() {
      const answer = pending.shift()
      assert.ok(answer, 'a snapshot was asked for')
      answer({ ok: false, error: { code: 'engine-unreachable', message: 'The engine is not answering.' } })
      await settle()
    },
    /** Snapshot requests not answered yet. */
    waiting: () => pending.length,
    emit(change: Partial<ListChange<Row>> & { base: number; version: number }) {
      assert.ok(listener, 'subscribed to changes')
      listener({ add: [], update: [], remove: [], ...change })
    },
  }
}

describe('useLiveList', () => {
  it('subscribes, asks once for the snapshot and shows it', async () => {
    const b = bridge()
    assert.equal(b.waiting(), 0, 'nothing before start')
    b.start()
    assert.equal(b.waiting(), 1)
    assert.equal(b.loaded.value, false)
    await b.snapshot(3, [row('b'), row('a')])
    assert.equal(b.loaded.value, true)
    assert.deepEqual(ids(b.list.value), ['b:running', 'a:running'])
  })

  it('a load asked while one is on its way asks once more when that answers, and shows only the newer answer', async () => {
    const b = bridge()
    b.start()
    // As after an engine switch: the answer on its way is the old engine's list.
    const again = b.load()
    void b.load()
    assert.equal(b.waiting(), 1, 'one at a time')
    await b.snapshot(7, [row('old')])
    assert.equal(b.waiting(), 1, 'asked once more, however many loads were wanted')
    assert.deepEqual(b.list.value, [], 'the older answer is never shown')
    assert.equal(b.loaded.value, false)
    await b.snapshot(2, [row('new')])
    await again
    assert.deepEqual(ids(b.list.value), ['new:running'])
    assert.equal(b.waiting(), 0)
    b.emit({ base: 2, version: 3, remove: ['new'] })
    assert.deepEqual(b.list.value, [], 'changes follow the newer answer')
  })

  it('applies changes that start from the version it holds, in turn', async () => {
    const b = bridge()
    b.start()
    await b.snapshot(3, [row('b'), row('a')])
    const count = computed(() => b.list.value.length)
    assert.equal(count.value, 2)
    const before = b.list.value
    b.emit({ base: 3, version: 4, add: [{ after: null, item: row('c', 'created') }] })
    b.emit({ base: 4, version: 5, update: [row('a', 'exited')], remove: ['b'] })
    assert.deepEqual(ids(b.list.value), ['c:created', 'a:exited'])
    assert.equal(count.value, 2, 'computed values over the list see it replaced')
    b.emit({ base: 5, version: 6, remove: ['a'] })
    assert.equal(count.value, 1)
    assert.deepEqual(ids(before), ['b:running', 'a:running'], 'the list is replaced, never changed in place')
    assert.equal(b.waiting(), 0, 'no snapshot asked again')
  })

  it('ignores a change it already has', async () => {
    const b = bridge()
    b.start()
    await b.snapshot(5, [row('a')])
    b.emit({ base: 4, version: 5, remove: ['a'] })
    b.emit({ base: 2, version: 3, add: [{ after: null, item: row('old') }] })
    assert.deepEqual(ids(b.list.value), ['a:running'])
    assert.equal(b.waiting(), 0)
  })

  it('asks for the whole list again when a change does not start from its version', async () => {
    const b = bridge()
    b.start()
    await b.snapshot(3, [row('a')])
    b.emit({ base: 4, version: 5, add: [{ after: 'a', item: row('z') }] })
    assert.deepEqual(ids(b.list.value), ['a:running'], 'the change is not applied to a list it does not fit')
    assert.equal(b.waiting(), 1, 'version 4 was missed: asks again')
    await b.snapshot(5, [row('a'), row('y'), row('z')])
    assert.deepEqual(ids(b.list.value), ['a:running', 'y:running', 'z:running'])
    b.emit({ base: 5, version: 6, remove: ['y'] })
    assert.deepEqual(ids(b.list.value), ['a:running', 'z:running'])
  })

  it('holds changes while a snapshot is on its way, then keeps only those after it', async () => {
    const b = bridge()
    b.start()
    b.emit({ base: 3, version: 4, add: [{ after: null, item: row('b') }] })
    b.emit({ base: 4, version: 5, update: [row('b', 'exited')] })
    b.emit({ base: 5, version: 6, add: [{ after: 'b', item: row('c') }] })
    assert.deepEqual(b.list.value, [], 'nothing applied before the snapshot')
    // The snapshot was taken at version 5: it holds the first two changes already.
    await b.snapshot(5, [row('b', 'exited'), row('a')])
    assert.deepEqual(ids(b.list.value), ['b:exited', 'c:running', 'a:running'])
    assert.equal(b.waiting(), 0)
  })

  it('applies every held change when the snapshot is older than all of them', async () => {
    const b = bridge()
    b.start()
    b.emit({ base: 2, version: 3, add: [{ after: null, item: row('b') }] })
    b.emit({ base: 3, version: 4, remove: ['a'] })
    await b.snapshot(2, [row('a')])
    assert.deepEqual(ids(b.list.value), ['b:running'])
    assert.equal(b.waiting(), 0)
  })

  it('asks again when the held changes do not follow the snapshot, and holds the rest for that one', async () => {
    const b = bridge()
    b.start()
    b.emit({ base: 7, version: 8, add: [{ after: null, item: row('x') }] })
    b.emit({ base: 8, version: 9, add: [{ after: null, item: row('y') }] })
    await b.snapshot(5, [row('a')])
    assert.equal(b.waiting(), 1, 'versions 6 and 7 were missed')
    await b.snapshot(8, [row('x'), row('a')])
    assert.deepEqual(ids(b.list.value), ['y:running', 'x:running', 'a:running'])
    assert.equal(b.waiting(), 0)
  })

  it('stays unloaded when the snapshot fails, and the next change asks again', async () => {
    const b = bridge()
    b.start()
    await b.fail()
    assert.equal(b.loaded.value, false)
    assert.deepEqual(b.list.value, [])
    b.emit({ base: 4, version: 5, add: [{ after: null, item: row('b') }] })
    assert.equal(b.waiting(), 1)
    await b.snapshot(5, [row('b')])
    assert.equal(b.loaded.value, true)
    assert.deepEqual(ids(b.list.value), ['b:running'])
  })

  it("forgets the rows it shows at once when Berth shows another engine, and never shows the old engine's late answer", async () => {
    const b = bridge()
    b.start()
    await b.snapshot(9, [row('old-engine')])
    void b.load() // a reload of the old engine's list, on its way when the switch comes
    const done = b.forget()
    assert.deepEqual(b.list.value, [], 'the old rows go at once')
    assert.equal(b.loaded.value, false, 'the page says it is loading')
    await b.snapshot(10, [row('old-engine')])
    assert.deepEqual(b.list.value, [], "the answer that was on its way is the old engine's")
    await b.snapshot(1, [row('new-engine')])
    await done
    assert.deepEqual(ids(b.list.value), ['new-engine:running'])
    b.emit({ base: 1, version: 2, update: [row('new-engine', 'exited')] })
    assert.deepEqual(ids(b.list.value), ['new-engine:exited'], "versions start again from the new engine's list")
  })
})
