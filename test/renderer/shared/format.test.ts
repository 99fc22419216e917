import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { humanDuration, parseHumanDuration } from '@common/duration'
import { containerStatus, formatAgo, plural } from '@renderer/shared/format'
import type { ContainerSummary } from '@common/contract/containers'

const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H

describe("Docker's wording of time spans", () => {
  it('matches units.HumanDuration at its thresholds', () => {
    const cases: Array<[number, string]> = [
      [999, 'Less than a second'],
      [1 * S, '1 second'],
      [59 * S, '59 seconds'],
      [60 * S, 'About a minute'],
      [119 * S, 'About a minute'],
      [2 * M, '2 minutes'],
      [59 * M, '59 minutes'],
      [60 * M, 'About an hour'],
      [89 * M, 'About an hour'],
      [90 * M, '2 hours'],
      [47 * H, '47 hours'],
      [48 * H, '2 days'],
      [13 * D, '13 days'],
      [14 * D, '2 weeks'],
      [59 * D, '8 weeks'],
      [60 * D, '2 months'],
      [729 * D, '24 months'],
      [730 * D, '2 years'],
    ]
    for (const [ms, words] of cases) assert.equal(humanDuration(ms), words, `${ms} ms`)
  })

  it('reads the words back into the shortest span they stand for', () => {
    for (const ms of [0, 1 * S, 42 * S, 60 * S, 9 * M, 60 * M, 5 * H, 3 * D, 3 * 7 * D, 4 * 30 * D, 3 * 365 * D]) {
      const words = humanDuration(ms)
      const back = parseHumanDuration(words)
      assert.ok(back !== null && back <= ms, `${words} → ${back}`)
      assert.equal(humanDuration(back), words, `${words} read back`)
    }
    assert.equal(parseHumanDuration('a while'), null)
  })

  it('words "created … ago" as docker images does', () => {
    assert.equal(formatAgo(0, 9 * M), '9 minutes ago')
    assert.equal(formatAgo(0, 500), 'Less than a second ago')
  })
})

const container = (fields: Partial<ContainerSummary>): ContainerSummary => ({
  id: 'c',
  name: 'web',
  image: 'nginx',
  imageId: 'sha256:x',
  command: '',
  state: 'running',
  exitCode: null,
  status: 'Up',
  since: 0,
  ports: [],
  created: 0,
  ...fields,
})

describe('container status, counted again from its start or stop', () => {
  it('keeps up with the clock between engine events', () => {
    const up = container({ status: 'Up', since: 1_000_000 })
    assert.equal(containerStatus(up, 1_000_000 + 200), 'Up Less than a second')
    assert.equal(containerStatus(up, 1_000_000 + 9 * M + 5 * S), 'Up 9 minutes')
    const healthy = container({ status: 'Up (healthy)', since: 0, health: 'healthy' })
    assert.equal(containerStatus(healthy, 2 * H), 'Up 2 hours (healthy)')
    const paused = container({ state: 'paused', status: 'Up (Paused)', since: 0 })
    assert.equal(containerStatus(paused, 61 * S), 'Up About a minute (Paused)')
    const exited = container({ state: 'exited', exitCode: 137, status: 'Exited (137)', since: 0 })
    assert.equal(containerStatus(exited, 3 * D), 'Exited (137) 3 days ago')
  })

  it("keeps the engine's words when they carry no time", () => {
    assert.equal(containerStatus(container({ state: 'created', status: 'Created', since: null }), 5 * H), 'Created')
  })
})

describe('plural', () => {
  it('words a count once, singular for one', () => {
    assert.equal(plural(1, 'volume'), '1 volume')
    assert.equal(plural(3, 'volume'), '3 volumes')
    assert.equal(plural(0, 'container'), '0 containers')
  })
})
