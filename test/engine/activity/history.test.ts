// The activity history main keeps in the app's data folder: appended in order, bounded, read back
// exactly as given after a restart (a new ActivityHistory on the same folder), and a broken file
// gives an empty history and a sentence, never a crash.
import { strict as assert } from 'node:assert'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ACTIVITY_CLI_MAX, ACTIVITY_KEEP, type ActivityEntryInput } from '@common/contract/activity'
import { ACTIVITY_FILE, ActivityHistory, BROKEN_ACTIVITY_FILE } from '@main/engine/activity/history'

const dirs: string[] = []
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-activity-'))
  dirs.push(dir)
  return dir
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const done = (cli: string, startedAt = 1_700_000_000_000): ActivityEntryInput => ({ cli, place: '/volumes', startedAt, durationMs: 12, result: 'done' })

describe('activity history', () => {
  it('keeps what is appended, in order, across a restart, exactly as given', async () => {
    const dir = folder()
    const first = new ActivityHistory(dir)
    const odd: ActivityEntryInput = {
      // Quotes, unicode, a newline in a message, the longest line accepted: all come back as they went.
      cli: `docker volume create 'Bad Name!' ${'x'.repeat(ACTIVITY_CLI_MAX - 40)} "é ✓"`.slice(0, ACTIVITY_CLI_MAX),
      place: '/containers/web%2F1',
      startedAt: 1_765_000_000_123,
      durationMs: 0,
      result: 'failed',
      error: { code: 'in-use', message: 'The volume is in use by web.\nRemove the container first.' },
    }
    const a = await first.append(done('docker volume rm a'))
    const b = await first.append(odd)
    assert.deepEqual([a.id, b.id], [1, 2])
    const second = new ActivityHistory(dir)
    const { entries, problem } = await second.history()
    assert.equal(problem, null)
    assert.deepEqual(entries, [{ id: 1, ...done('docker volume rm a') }, { id: 2, ...odd }])
    // Numbering goes on after a restart, never reusing an id the page may hold.
    assert.equal((await second.append(done('docker ps'))).id, 3)
  })

  it('keeps only the newest, also on disk', async () => {
    const dir = folder()
    const history = new ActivityHistory(dir, 5)
    for (let i = 1; i <= 8; i++) await history.append(done(`docker volume rm v${i}`))
    assert.deepEqual((await history.history()).entries.map((e) => e.cli), [4, 5, 6, 7, 8].map((i) => `docker volume rm v${i}`))
    assert.deepEqual((await new ActivityHistory(dir, 5).history()).entries.map((e) => e.id), [4, 5, 6, 7, 8])
  })

  it(`keeps ${ACTIVITY_KEEP} by default`, async () => {
    const history = new ActivityHistory(null)
    for (let i = 0; i < ACTIVITY_KEEP + 3; i++) await history.append(done(`docker rm c${i}`))
    const { entries } = await history.history()
    assert.equal(entries.length, ACTIVITY_KEEP)
    assert.equal(entries[0]!.cli, 'docker rm c3')
  })

  it('many appends at once all land, the file ending with every one', async () => {
    const dir = folder()
    const history = new ActivityHistory(dir)
    await Promise.all(Array.from({ length: 30 }, (_, i) => history.append(done(`docker stop c${i}`))))
    const saved = JSON.parse(readFileSync(join(dir, ACTIVITY_FILE), 'utf8')) as { entries: unknown[] }
    assert.equal(saved.entries.length, 30)
  })

  for (const [what, text] of [
    ['not JSON', '{"version":1,"entries":[{"cli":'],
    ['not a history', '[1,2,3]'],
    ['an entry that is not an action', JSON.stringify({ version: 1, entries: [{ id: 1, ...done('docker ps'), result: 'maybe' }] })],
  ] as const) {
    it(`a history file that is ${what} gives an empty history and a sentence, and is set aside`, async () => {
      const dir = folder()
      writeFileSync(join(dir, ACTIVITY_FILE), text)
      const history = new ActivityHistory(dir)
      const { entries, problem } = await history.history()
      assert.deepEqual(entries, [])
      assert.match(problem ?? '', /^Berth's activity history .+activity\.json is not one it can read \(.+\); the old file is kept as activity\.broken\.json beside it\. It starts empty\.$/)
      assert.equal(readFileSync(join(dir, BROKEN_ACTIVITY_FILE), 'utf8'), text)
      // It goes on working: the next action starts a new file.
      await history.append(done('docker ps'))
      assert.deepEqual((await new ActivityHistory(dir).history()).entries.map((e) => e.cli), ['docker ps'])
    })
  }

  it('a folder that does not exist yet is made on the first append', async () => {
    const dir = join(folder(), 'not', 'yet')
    const history = new ActivityHistory(dir)
    assert.deepEqual(await history.history(), { entries: [], problem: null })
    await history.append(done('docker ps'))
    assert.ok(existsSync(join(dir, ACTIVITY_FILE)))
  })
})
