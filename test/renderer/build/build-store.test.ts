// The build store's own logic: the request and line the form stands for, the tag problems, the build
// filled in by its own events only, what its answer makes of it (and of the activity bar), and the
// context and completion questions, where only the latest answer counts. Main's answers and events
// are given by hand here; the builds themselves run on the real engine in test/engine/build/.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { eventually } from '../../env/wait'
import { useBuildStore } from '@renderer/features/build/build-store'
import { useActivityStore } from '@renderer/features/activity/activity-store'
import { useEngineStore } from '@renderer/features/engine/engine-store'
import type { BuildResult, BuildStep, ContextInfo, PathCompletion } from '@common/contract/build'
import type { Result } from '@common/contract/shared'

/** How long the context question may take to be asked: the store waits for typing to pause (250 ms). */
const CONTEXT_ASKED_MS = 10_000

const step = (id: number, state: BuildStep['state']): BuildStep => ({ id, instruction: `RUN step ${id}`, position: `${id}/2`, state, lines: 0 })
const result = (operation: string, more: Partial<BuildResult> = {}): Result<BuildResult> => ({
  ok: true,
  value: { operation, builder: 'buildkit', tags: [], steps: [step(1, 'done'), step(2, 'done')], cancelled: false, durationMs: 10, ...more },
})
const contextOf = (root: string, files: number): Result<ContextInfo> => ({
  ok: true,
  value: { root, dockerfile: 'Dockerfile', size: files * 10, archiveSize: files * 512 + 1024, files, directoriesRead: 1, ignoredDirectories: [], skipped: [] },
})

function onPodman(): void {
  useEngineStore().status = { state: 'connected', host: 'unix:///run/podman/podman.sock', source: 'DOCKER_HOST', product: { kind: 'podman', name: 'Podman', version: '4.3.1' } }
}

/** Starts a build whose answer the test gives; resolves to its operation once the call went out. */
async function started(build: ReturnType<typeof useBuildStore>) {
  const answer = deferred<Result<BuildResult>>()
  bridge.answer('builds', 'start', () => answer.promise)
  const done = build.build()
  await settle()
  const operation = bridge.calls('builds', 'start').at(-1)?.operation ?? ''
  return { operation, answer, done }
}

describe('build store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
  })

  it('sends what the form says, without blanks and defaults, and builds classic on Podman', () => {
    const build = useBuildStore()
    Object.assign(build.form, {
      folder: '  /src/app ',
      dockerfile: 'Dockerfile',
      tags: ['me/app:1 ', '  '],
      buildArgs: [{ name: ' VERSION ', value: ' 2 ' }, { name: '  ', value: 'lost' }],
      target: '',
      networkNone: true,
    })
    assert.deepEqual(build.request, { folder: '/src/app', tags: ['me/app:1'], buildArgs: [{ name: 'VERSION', value: ' 2 ' }], builder: 'buildkit', network: 'none' })
    assert.equal(build.builderNote, null)
    assert.equal(build.cliNote, null)
    // A value is shown in the line unless marked secret; the request to main is the same either way.
    assert.match(build.cli, /--build-arg 'VERSION= 2 '/)
    assert.equal(build.secretCliNote, null)
    build.form.buildArgs[0]!.secret = true
    assert.match(build.cli, /--build-arg VERSION /)
    assert.match(build.secretCliNote ?? '', /value of VERSION/)
    assert.deepEqual(build.request.buildArgs, [{ name: 'VERSION', value: ' 2 ' }])

    build.form.dockerfile = ' docker/Dockerfile.dev '
    build.form.target = ' test '
    build.form.noCache = true
    build.form.pull = true
    onPodman()
    assert.deepEqual(build.request, {
      folder: '/src/app', dockerfile: 'docker/Dockerfile.dev', tags: ['me/app:1'], buildArgs: [{ name: 'VERSION', value: ' 2 ' }],
      target: 'test', noCache: true, pull: true, builder: 'classic', network: 'none',
    })
    assert.match(build.builderNote ?? '', /Buildah/)
    assert.match(build.cliNote ?? '', /--network=none is not applied/)
    assert.match(build.cli, /^DOCKER_BUILDKIT=0 docker build /)
  })

  it('says what is wrong with a tag in the words of the parser main uses', () => {
    const build = useBuildStore()
    build.form.tags = ['', 'me/app:1', 'Me/App', `me/app@sha256:${'a'.repeat(64)}`]
    const [blank, good, upper, digest] = build.tagProblems
    assert.equal(blank, null)
    assert.equal(good, null)
    assert.match(upper ?? '', /lowercase/i)
    assert.equal(digest, 'A build tags by repository and tag, without a digest.')
  })

  it('fills the build in from its own events only, and keeps the last lines of a long output', async () => {
    const build = useBuildStore()
    build.form.folder = '/src/app'
    const { operation, answer, done } = await started(build)
    const run = build.current
    assert.ok(run)
    assert.equal(run.state, 'sending')
    assert.equal(run.cli, 'DOCKER_BUILDKIT=1 docker build /src/app')

    const context = contextOf('/src/app', 3)
    if (!context.ok) throw new Error('unreachable')
    bridge.emit('builds', 'progress', { operation: 'build-someone-else', phase: 'building', context: { ...context.value, files: 99 } })
    bridge.emit('builds', 'progress', { operation, phase: 'sending', context: context.value, sent: { sentBytes: 10, totalBytes: 30, done: false } })
    assert.equal(run.state, 'sending')
    assert.equal(run.context?.files, 3)
    assert.equal(run.sent?.sentBytes, 10)
    bridge.emit('builds', 'progress', { operation, phase: 'building' })
    assert.equal(run.state, 'building')

    const ticks = build.tick
    bridge.emit('builds', 'steps', { operation, steps: [step(1, 'running')] })
    bridge.emit('builds', 'steps', { operation: 'build-someone-else', steps: [] })
    assert.deepEqual(run.steps, [step(1, 'running')])
    assert.ok(build.tick > ticks, 'views are told to draw again')

    const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ step: 1, text: `line ${from + i}` }))
    bridge.emit('builds', 'output', { operation, lines: lines(0, 3000) })
    bridge.emit('builds', 'output', { operation: 'build-someone-else', lines: lines(0, 10) })
    bridge.emit('builds', 'output', { operation, lines: lines(3000, 3000) })
    assert.equal(run.lines.length, 5000)
    assert.equal(run.dropped, 1000)
    assert.equal(run.lines[0]?.text, 'line 1000')
    assert.equal(run.lines.at(-1)?.text, 'line 5999')

    answer.resolve(result(operation, { imageId: 'sha256:abc' }))
    await done
    assert.equal(run.state, 'done')
    assert.deepEqual(run.steps, [step(1, 'done'), step(2, 'done')], 'the answer’s steps are the final ones')
    assert.equal(useActivityStore().entries[0]?.state, 'done')
  })

  it('records a failed step as a failed build, in the page and in the activity bar', async () => {
    const build = useBuildStore()
    build.form.folder = '/src/app'
    const failing = await started(build)
    failing.answer.resolve(result(failing.operation, { steps: [step(1, 'done'), step(2, 'failed')], failure: { message: 'RUN step 2 exited with 1', step: 2 } }))
    await failing.done
    assert.equal(build.current?.state, 'failed')
    assert.deepEqual(build.current?.steps.map((s) => s.state), ['done', 'failed'], 'the page still shows the steps')
    const entry = useActivityStore().entries[0]
    assert.equal(entry?.state, 'failed')
    assert.deepEqual(entry?.error, { code: 'internal', message: 'RUN step 2 exited with 1' })

    const gone = await started(build)
    gone.answer.resolve(result(gone.operation, { failure: { message: 'The engine went away.', engineGone: true } }))
    await gone.done
    assert.equal(useActivityStore().entries[0]?.error?.code, 'engine-unreachable')

    const cancelled = await started(build)
    cancelled.answer.resolve(result(cancelled.operation, { cancelled: true }))
    await cancelled.done
    assert.equal(build.current?.state, 'cancelled')

    const refused = await started(build)
    refused.answer.resolve({ ok: false, error: { code: 'invalid-input', message: 'The folder does not exist.' } })
    await refused.done
    assert.equal(build.current?.state, 'failed')
    assert.equal(build.current?.error?.message, 'The folder does not exist.')
  })

  it('leaves a newer build alone when an older one answers, and retries a build as it was asked', async () => {
    const build = useBuildStore()
    build.form.folder = '/src/first'
    const first = await started(build)
    build.form.folder = '/src/second'
    const second = await started(build)
    assert.notEqual(first.operation, second.operation)
    first.answer.resolve(result(first.operation, { cancelled: true }))
    await first.done
    assert.equal(build.current?.operation, second.operation)
    assert.equal(build.current?.state, 'sending')
    second.answer.resolve(result(second.operation))
    await second.done

    build.form.folder = '/src/edited'
    const again = deferred<Result<BuildResult>>()
    bridge.answer('builds', 'start', () => again.promise)
    const retried = build.retry()
    await settle()
    assert.equal(bridge.calls('builds', 'start').at(-1)?.request.folder, '/src/second')
    await build.cancel()
    assert.deepEqual(bridge.calls('builds', 'cancel').at(-1), { operation: build.current?.operation })
    again.resolve(result(build.current?.operation ?? '', { cancelled: true }))
    await retried
  })

  it('asks for the context once typing pauses, and shows only the latest answer', async () => {
    const build = useBuildStore()
    const answers: Array<(r: Result<ContextInfo>) => void> = []
    bridge.answer('builds', 'contextInfo', () => new Promise((resolve) => answers.push(resolve)))
    for (const folder of ['/s', '/sr', '/src']) {
      build.form.folder = folder
      build.refreshContext()
    }
    await eventually(() => answers.length === 1, 'the context question', CONTEXT_ASKED_MS)
    assert.deepEqual(bridge.calls('builds', 'contextInfo'), [{ folder: '/src' }], 'one question, for what was typed last')

    build.form.dockerfile = 'other.Dockerfile'
    build.refreshContext()
    await eventually(() => answers.length === 2, 'the second context question', CONTEXT_ASKED_MS)
    assert.deepEqual(bridge.calls('builds', 'contextInfo')[1], { folder: '/src', dockerfile: 'other.Dockerfile' })
    answers[1]?.(contextOf('/src', 2))
    answers[0]?.(contextOf('/src', 1))
    await settle()
    assert.equal(build.context?.files, 2, 'the older answer came last, and does not count')

    build.form.folder = ' '
    build.refreshContext()
    await eventually(() => build.context === null, 'the context to clear', CONTEXT_ASKED_MS)
    assert.equal(answers.length, 2, 'nothing to ask about an empty folder')
  })

  it('shows a context’s problem, the latest completions, and a picked folder', async () => {
    const build = useBuildStore()
    bridge.answer('builds', 'contextInfo', () => ({ ok: false, error: { code: 'not-found', message: 'No Dockerfile in /src.' } }))
    build.form.folder = '/src'
    build.refreshContext()
    await eventually(() => build.contextError !== null, 'the context’s problem', CONTEXT_ASKED_MS)
    assert.equal(build.contextError, 'No Dockerfile in /src.')

    const completions: Array<(r: Result<PathCompletion>) => void> = []
    bridge.answer('builds', 'complete', () => new Promise((resolve) => completions.push(resolve)))
    build.form.folder = '/h'
    const older = build.complete()
    build.form.folder = '/home/'
    const newer = build.complete()
    await settle()
    completions[1]?.({ ok: true, value: { folder: '/home', folders: ['/home/me'] } })
    completions[0]?.({ ok: true, value: { folder: '/', folders: ['/home', '/hurd'] } })
    await Promise.all([older, newer])
    assert.deepEqual(build.completions, ['/home/me'])

    assert.equal(build.dialogAvailable, false, 'a browser has no folder dialog')
    bridge.answer('builds', 'contextInfo', (input) => contextOf(input.folder, 5))
    bridge.answer('builds', 'pickFolder', () => ({ ok: true, value: { available: true, folder: '/picked' } }))
    await build.pickFolder()
    assert.equal(build.form.folder, '/picked')
    assert.equal(build.dialogAvailable, true)
    await eventually(() => build.context?.root === '/picked', 'the picked folder’s context', CONTEXT_ASKED_MS)
  })
})
