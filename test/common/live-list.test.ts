// The list protocol's two halves agree: what main computes as a change, applied by the page to its
// list, gives the list main has, for any sequence of adds, changes and removals.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { applyChange, containerShape, imageShape } from '../../common/live-list'
import { VersionedList } from '../../main/engine/live'
import type { ContainerSummary, ImageSummary } from '../../common/types'

function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

const container = (id: number, created: number, state: ContainerSummary['state']): ContainerSummary => ({
  id: `c${id}`,
  name: `n${id}`,
  image: 'img',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  exitCode: null,
  status: state,
  since: created,
  ports: [],
  created,
})

describe('list changes', () => {
  it('snapshot + every change = the latest list, over 500 random steps', () => {
    const next = random(7)
    const versioned = new VersionedList(containerShape)
    let rows = new Map<number, ContainerSummary>()
    let page: ContainerSummary[] = []
    let pageVersion = 0
    for (let step = 0; step < 500; step++) {
      rows = new Map(rows)
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const id = Math.floor(next() * 40)
        const roll = next()
        if (roll < 0.3) rows.delete(id)
        else rows.set(id, container(id, Math.floor(next() * 5), roll < 0.65 ? 'running' : 'exited'))
      }
      const list = [...rows.values()].sort(containerShape.order)
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
    const rows = Array.from({ length: 5000 }, (_, i) => container(i, i, 'running')).sort(containerShape.order)
    assert.equal(versioned.update(rows)?.upsert.length, 5000)
    assert.equal(versioned.update(rows.map((r) => ({ ...r }))), null)
    const one = rows.map((r) => (r.id === 'c42' ? { ...r, state: 'exited' as const } : r))
    const change = versioned.update(one)
    assert.deepEqual(change?.upsert.map((r) => r.id), ['c42'])
    assert.deepEqual(change?.remove, [])
  })

  it('keys image rows by id and tag, so a second tag of one image is a row of its own', () => {
    const image = (reference: string): ImageSummary =>
      ({ id: 'sha256:a', shortId: 'a', repository: reference.split(':')[0], tag: reference.split(':')[1], reference, size: 1, created: 1, containers: 0, usedBy: [] }) as ImageSummary
    const versioned = new VersionedList(imageShape)
    versioned.update([image('app:1')])
    const change = versioned.update([image('app:1'), image('app:2')].sort(imageShape.order))
    assert.deepEqual(change?.upsert.map((i) => i.reference), ['app:2'])
    assert.deepEqual(applyChange([image('app:1')], change!, imageShape).map((i) => i.reference), ['app:1', 'app:2'])
  })
})
