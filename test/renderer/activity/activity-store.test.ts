import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
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
