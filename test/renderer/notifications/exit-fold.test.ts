// Storms folded: exits that come together are told once, with a count; one alone names the container
// and its exit code; a trickle that never goes quiet is still told once the longest wait is up.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { ExitFold, exitWords } from '@renderer/features/notifications/exit-fold'
import type { ContainerExit } from '@common/contract/containers'

const exit = (name: string, exitCode: number | null = 1): ContainerExit => ({ id: `${name}-id`, name, exitCode, at: 0 })

describe('exit fold', () => {
  it('tells exits that come together once, in the order they came', async () => {
    const folded = await new Promise<ContainerExit[]>((done) => {
      const fold = new ExitFold(done, { quietMs: 20, maxWaitMs: 5_000 })
      for (let i = 0; i < 100; i++) fold.add(exit(`c${i}`))
    })
    assert.equal(folded.length, 100)
    assert.deepEqual(exitWords(folded), { title: '100 containers stopped on their own', body: 'c0, c1, c2 and 97 more' })
  })

  it('tells a trickle that never goes quiet once the longest wait is up', async () => {
    const started = Date.now()
    let timer: NodeJS.Timeout | undefined
    const folded = await new Promise<ContainerExit[]>((done) => {
      const fold = new ExitFold(done, { quietMs: 50, maxWaitMs: 200 })
      let i = 0
      timer = setInterval(() => fold.add(exit(`t${i++}`)), 10)
    })
    clearInterval(timer)
    assert.ok(folded.length > 1 && Date.now() - started < 1_000, `folded ${folded.length} after ${Date.now() - started} ms`)
  })

  it('names one container and its exit code, or says the engine gave none', () => {
    assert.deepEqual(exitWords([exit('web', 3)]), { title: 'web stopped on its own', body: 'Exit code 3.' })
    assert.deepEqual(exitWords([exit('web', null)]), { title: 'web stopped on its own', body: 'It exited; the engine gave no exit code.' })
    assert.deepEqual(exitWords([exit('a'), exit('b')]), { title: '2 containers stopped on their own', body: 'a, b' })
  })
})
