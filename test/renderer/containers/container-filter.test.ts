// The containers list's filter: what a query lets through (name and image in any case, an id by its
// start, a compose project as typed), and that the words kept per container give the same answer as
// working them out at each keystroke.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { containerMatcher } from '@renderer/features/containers/container-filter'
import type { ContainerSummary } from '@common/contract/containers'

let n = 0
function container(name: string, image: string, project?: string): ContainerSummary {
  n++
  return {
    id: `${n.toString(16).padStart(2, '0')}c0ffee${'0'.repeat(56)}`, name, image, imageId: 'sha256:1', command: 'sh', state: 'running', exitCode: null,
    status: 'Up', since: null, ports: [], created: 1_000_000 - n, ...(project ? { compose: { project, service: 'web', number: 1 } } : {}),
  }
}

const list = [
  container('Web-Frontend', 'nginx:1.25'),
  container('db', 'Postgres:16'),
  container('shop-api-1', 'registry.example/Shop/API:latest', 'shop'),
  container('cache', 'redis', 'MixedCase'),
  container('ünïcode-Ä', 'İmage'),
]
const names = (query: string) => {
  const matches = containerMatcher(query)
  return list.filter((c) => !matches || matches(c)).map((c) => c.name)
}

/** The filter as the list wrote it before each container's words were kept. */
const before = (c: ContainerSummary, query: string) => {
  const q = query.trim().toLowerCase()
  return !q || c.name.toLowerCase().includes(q) || c.image.toLowerCase().includes(q) || c.id.startsWith(q) || !!c.compose?.project.includes(q)
}

describe('the containers filter', () => {
  it('lets every container through when the box is empty or blank', () => {
    assert.equal(containerMatcher(''), null)
    assert.equal(containerMatcher('   '), null)
  })

  it('finds the words anywhere in the name or the image, in any case, trimmed', () => {
    assert.deepEqual(names('FRONT'), ['Web-Frontend'])
    assert.deepEqual(names('  postgres '), ['db'])
    assert.deepEqual(names('shop/api'), ['shop-api-1'])
    assert.deepEqual(names('ä'), ['ünïcode-Ä'])
  })

  it('takes an id only by its start', () => {
    assert.deepEqual(names('03c0'), ['shop-api-1'])
    assert.deepEqual(names('c0ffee'), [], 'the middle of an id is not a match')
  })

  it("takes a compose project's name as typed: the query is lower-cased, the name is not", () => {
    assert.deepEqual(names('shop'), ['shop-api-1'])
    assert.deepEqual(names('mixedcase'), [])
    assert.deepEqual(names('ixed'), ['cache'])
  })

  it('answers as the filter worked out at each keystroke did, for every prefix of every query, twice over', () => {
    const queries = ['Web-Frontend', 'nginx:1.25', 'registry.example/Shop', ' db ', '0', '01c0ffee0', 'İmage', 'redis', 'ixedCase', 'x']
    for (let round = 0; round < 2; round++) {
      for (const query of queries) {
        for (let i = 0; i <= query.length; i++) {
          const q = query.slice(0, i)
          const matches = containerMatcher(q)
          for (const c of list) assert.equal(!matches || matches(c), before(c, q), `${JSON.stringify(q)} on ${c.name}`)
        }
      }
    }
  })
})
