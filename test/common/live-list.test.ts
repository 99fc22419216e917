// The list protocol's two halves agree: what main computes as a change, applied by the page to its
// list, gives the list main has, in the same order, for any sequence of adds, changes and removals.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { applyChange, containerShape, imageShape, sameOr } from '@common/live-list'
import { VersionedList } from '@main/engine/live'
import type { ContainerSummary } from '@common/contract/containers'
import type { ImageSummary } from '@common/contract/images'

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

const container = (id: number, state: ContainerSummary['state']): ContainerSummary => ({
  id: `c${id}`,
  name: `n${id}`,
  image: 'img',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  exitCode: null,
  status: state,
  since: null,
  ports: [],
  created: 0,
})

describe('list changes', () => {
  it('snapshot + every change = the latest list, in its order, over 500 random steps', () => {
    const next = random(7)
    const versioned = new VersionedList(containerShape)
    // The engine's order: rows keep their places; new ones go anywhere (same-second creations).
    let list: ContainerSummary[] = []
    let page: ContainerSummary[] = []
    let pageVersion = 0
    let counter = 0
    for (let step = 0; step < 500; step++) {
      list = [...list]
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const roll = next()
        const at = Math.floor(next() * (list.length + 1))
        if (roll < 0.3 && list.length) list.splice(Math.min(at, list.length - 1), 1)
        else if (roll < 0.65) list.splice(at, 0, container(counter++, 'created'))
        else if (list.length) {
          const i = Math.min(at, list.length - 1)
          list[i] = { ...(list[i] as ContainerSummary), state: next() < 0.5 ? 'running' : 'exited' }
        }
      }
      const change = versioned.update(list)
      if (change) {
        assert.equal(change.base, pageVersion)
        page = applyChange(page, change, containerShape)
        pageVersion = change.version
      }
      assert.deepEqual(page, list, `step ${step}`)
      assert.deepEqual(versioned.snapshot(), { version: pageVersion, items: list })
    }
  })

  it('sends nothing when nothing changed, and only the changed row otherwise', () => {
    const versioned = new VersionedList(containerShape)
    const rows = Array.from({ length: 5000 }, (_, i) => container(i, 'running'))
    assert.equal(versioned.update(rows)?.add.length, 5000)
    assert.equal(versioned.update(rows.map((r) => ({ ...r }))), null)
    const one = rows.map((r) => (r.id === 'c42' ? { ...r, state: 'exited' as const } : r))
    const change = versioned.update(one)
    assert.deepEqual(change?.update.map((r) => r.id), ['c42'])
    assert.deepEqual([change?.add, change?.remove], [[], []])
  })

  it('puts a new row where the engine lists it, after the row it follows', () => {
    const versioned = new VersionedList(containerShape)
    const [a, b, c] = [container(1, 'running'), container(2, 'running'), container(3, 'running')]
    versioned.update([a, c])
    const change = versioned.update([a, b, c])!
    assert.deepEqual(change.add, [{ after: 'c1', item: b }])
    assert.deepEqual(applyChange([a, c], change, containerShape), [a, b, c])
  })

  it('keys image rows by id and tag, so a second tag of one image is a row of its own', () => {
    const image = (reference: string): ImageSummary =>
      ({ id: 'sha256:a', shortId: 'a', repository: reference.split(':')[0], tag: reference.split(':')[1], reference, size: 1, created: 1, containers: 0, usedBy: [] }) as ImageSummary
    const versioned = new VersionedList(imageShape)
    versioned.update([image('app:1')])
    const change = versioned.update([image('app:1'), image('app:2')])!
    assert.deepEqual(change.add.map((a) => a.item.reference), ['app:2'])
    assert.deepEqual(applyChange([image('app:1')], change, imageShape).map((i) => i.reference), ['app:1', 'app:2'])
  })
})

describe('a filter result that did not change', () => {
  it('is the array the page already has, and only then', () => {
    const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }]
    const before = [a, b, c]
    assert.equal(sameOr(before, [a, b, c]), before)
    assert.equal(sameOr(undefined, before), before)
    for (const next of [[a, b], [a, c, b], [a, b, { n: 3 }], [a, b, c, a]]) assert.equal(sameOr(before, next), next, JSON.stringify(next))
  })
})
