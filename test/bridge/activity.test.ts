// The activity calls through the real router: what is accepted is kept exactly; bad input is refused
// with a sentence and changes nothing.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ACTIVITY_CLI_MAX } from '@common/contract/activity'
import { eventChannel } from '@common/contract/spec'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'

describe('activity over the bridge', () => {
  let b: TestBridge
  const dir = mkdtempSync(join(tmpdir(), 'berth-activity-bridge-'))
  before(() => {
    b = testBridge({ activityDir: dir })
  })
  after(() => {
    b.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const entry = { cli: 'docker volume rm data', place: '/volumes', startedAt: 1_765_000_000_000, durationMs: 40, result: 'failed', error: { code: 'in-use', message: 'The volume data is in use by web.' } }

  it('appends a finished action and reads it back as given', async () => {
    const stored = valueOf(await b.call('activity', 'append', entry))
    assert.deepEqual(stored, { id: stored.id, ...entry })
    const { entries, problem } = valueOf(await b.call('activity', 'history', {}))
    assert.equal(problem, null)
    assert.deepEqual(entries.at(-1), stored)
  })

  it('tells every page what was appended, once saved', async () => {
    const heard: unknown[] = []
    const off = b.bridge.hub.subscribe((channel, payload) => channel === eventChannel('activity', 'appended') && heard.push(payload))
    const stored = valueOf(await b.call('activity', 'append', { ...entry, cli: 'docker volume ls' }))
    off()
    assert.deepEqual(heard, [stored])
  })

  for (const [what, input, sentence] of [
    ['an empty line', { ...entry, cli: '' }, /cli.*must not be empty/],
    ['a line over the cap', { ...entry, cli: `docker ${'x'.repeat(ACTIVITY_CLI_MAX)}` }, /cli.*longer than 16384 characters/],
    ['a place that is not a route', { ...entry, place: 'https://example.com/' }, /place is not a route in the app/],
    ['a failure without its reason', { ...entry, error: undefined }, /error.*a failed action says why/],
    ['a success with a reason', { ...entry, result: 'done' }, /error.*only for a failed action/],
    ['a result it does not know', { ...entry, result: 'maybe' }, /result/],
    ['an unknown field', { ...entry, html: '<b>' }, /unknown field "html"/],
    ['a negative duration', { ...entry, durationMs: -1 }, /durationMs/],
    ['no input', undefined, /./],
  ] as const) {
    it(`refuses ${what}, in a sentence, keeping nothing`, async () => {
      const before = valueOf(await b.call('activity', 'history', {})).entries.length
      assert.match(refusal(await b.call('activity', 'append', input), 'invalid-input'), sentence)
      assert.equal(valueOf(await b.call('activity', 'history', {})).entries.length, before)
    })
  }
})
