import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import type { ActivityEntry } from '@common/contract/activity'
import type { Result } from '@common/contract/shared'
import { useActivityStore } from '@renderer/features/activity/activity-store'

const fail = async () => ({ ok: false as const, error: { code: 'invalid-input' as const, message: 'bad name' } })
const succeed = async () => ({ ok: true as const, value: null })

describe('activity', () => {
  it('a success settles earlier failures of its kind, not others', async () => {
    setActivePinia(createPinia())
    const activity = useActivityStore()
    await activity.track("docker volume create 'Bad Name!'", fail, 'volume.create')
    await activity.track('docker tag a b!', fail, 'image.tag:a')
    await activity.track('docker volume create good', succeed, 'volume.create')
    assert.deepEqual(
      activity.entries.filter((e) => e.state === 'failed').map((e) => e.cli),
      ['docker tag a b!'],
    )
  })

  it('without a kind, only the same command settles its failure', async () => {
    setActivePinia(createPinia())
    const activity = useActivityStore()
    await activity.track('docker push x', fail)
    await activity.track('docker push y', succeed)
    assert.equal(activity.entries.filter((e) => e.state === 'failed').length, 1)
    await activity.track('docker push x', succeed)
    assert.equal(activity.entries.filter((e) => e.state === 'failed').length, 0)
  })
})

describe('activity, by place', () => {
  it('a failure and the last command belong to the page they were asked from', async () => {
    setActivePinia(createPinia())
    const activity = useActivityStore()
    activity.setPlace('/volumes')
    await activity.track("docker volume create 'Bad Name!'", fail, 'volume.create')
    activity.setPlace('/images')
    assert.equal(activity.failuresHere.length, 0)
    assert.equal(activity.here.length, 0)
    await activity.track('docker rmi x', succeed)
    assert.equal(activity.here[0]?.cli, 'docker rmi x')
    activity.setPlace('/volumes')
    assert.deepEqual(activity.failuresHere.map((e) => e.cli), ["docker volume create 'Bad Name!'"])
    assert.equal(activity.here[0]?.cli, "docker volume create 'Bad Name!'")
  })
})

describe('activity, told by its page', () => {
  it('a failure the page shows itself is recorded as failed and is not repeated in the bar', async () => {
    setActivePinia(createPinia())
    const activity = useActivityStore()
    activity.setPlace('/build')
    await activity.track('docker build .', fail, 'image.build', { shownByPage: true })
    await activity.track('docker volume create x!', fail, 'volume.create')
    assert.deepEqual(activity.here.map((e) => [e.cli, e.state]), [['docker volume create x!', 'failed'], ['docker build .', 'failed']])
    assert.deepEqual(activity.failuresHere.map((e) => e.cli), ['docker volume create x!'])
  })
})

describe('activity, kept in the history', () => {
  it('every finished action goes to main with its result, duration and place; a secret value never does', async () => {
    bridge.reset()
    setActivePinia(createPinia())
    const activity = useActivityStore()
    activity.setPlace('/containers')
    await activity.track('docker run -d -e DB_PASSWORD=hunter2 -e MODE=dev busybox', succeed)
    activity.setPlace('/volumes')
    await activity.track('docker volume rm data', fail)
    const sent = bridge.calls('activity', 'append')
    assert.deepEqual(
      sent.map(({ cli, place, result, error }) => ({ cli, place, result, error })),
      [
        { cli: 'docker run -d -e DB_PASSWORD -e MODE=dev busybox', place: '/containers', result: 'done', error: undefined },
        { cli: 'docker volume rm data', place: '/volumes', result: 'failed', error: { code: 'invalid-input', message: 'bad name' } },
      ],
    )
    for (const entry of sent) assert.ok(entry.durationMs >= 0 && entry.startedAt > 1_700_000_000_000)
    assert.doesNotMatch(JSON.stringify(activity.history), /hunter2/)
  })

  it('the kept history comes first, what this page finished before it arrived after it', async () => {
    bridge.reset()
    setActivePinia(createPinia())
    let answered = 10
    bridge.answer('activity', 'append', (input) => ({ ok: true, value: { id: ++answered, ...input } }))
    const old = { id: 3, cli: 'docker ps', place: '/containers', startedAt: 1, durationMs: 2, result: 'done' as const }
    bridge.answer('activity', 'history', () => ({ ok: true, value: { entries: [old], problem: 'it was broken' } }))
    const activity = useActivityStore()
    await activity.track('docker volume rm data', succeed)
    await activity.load()
    await settle()
    assert.deepEqual(activity.history.map((e) => [e.key, e.cli]), [['3', 'docker ps'], ['11', 'docker volume rm data']])
    assert.equal(activity.historyProblem, 'it was broken')
  })

  it('a history that could not be read is asked for again, and the sentence goes once it is read', async () => {
    bridge.reset()
    setActivePinia(createPinia())
    bridge.answer('activity', 'history', () => ({ ok: false, error: { code: 'engine-unreachable', message: 'Berth lost its link.' } }))
    const activity = useActivityStore()
    await activity.load()
    assert.equal(activity.historyProblem, 'Berth could not read the activity history: Berth lost its link.')
    bridge.answer('activity', 'history', () => ({ ok: true, value: { entries: [{ id: 1, cli: 'docker ps', place: '/', startedAt: 1, durationMs: 1, result: 'done' as const }], problem: null } }))
    await activity.load()
    assert.equal(activity.historyProblem, null)
    assert.deepEqual(activity.history.map((e) => e.cli), ['docker ps'])
    await activity.load()
    assert.equal(bridge.calls('activity', 'history').length, 2, 'read once it worked')
  })

  it('what another window ran joins the list once; this page’s own, told before its answer, is not listed twice', async () => {
    bridge.reset()
    setActivePinia(createPinia())
    bridge.answer('activity', 'history', () => ({ ok: true, value: { entries: [], problem: null } }))
    const told = deferred<Result<ActivityEntry>>()
    bridge.answer('activity', 'append', () => told.promise)
    const activity = useActivityStore()
    await activity.load()
    bridge.emit('activity', 'appended', { id: 7, cli: 'docker stop web', place: '/containers', startedAt: 5, durationMs: 300, result: 'done' })
    await activity.track('docker ps', succeed)
    const [mine] = bridge.calls('activity', 'append')
    bridge.emit('activity', 'appended', { id: 8, ...mine! })
    told.resolve({ ok: true, value: { id: 8, ...mine! } })
    bridge.emit('activity', 'appended', { id: 7, cli: 'docker stop web', place: '/containers', startedAt: 5, durationMs: 300, result: 'done' })
    await settle()
    assert.deepEqual(activity.history.map((e) => [e.key, e.cli]), [['7', 'docker stop web'], ['8', 'docker ps']])
  })
})
