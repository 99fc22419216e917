// Podman's compatible /build streams Buildah's lines, not Docker's: `STEP 2/6: …`, `--> Using cache
// <id>`, `--> <id>`, `COMMIT …`, the image id. These are real responses of Podman 4.3.1's
// /build (captured with curl into buildah-output/), read into steps as the page shows them.
import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { BuildTracker, type EngineBuildMessage } from '@main/engine/build/steps'
import type { BuildOutputLine } from '@common/contract/build'

function replay(name: string) {
  const lines: BuildOutputLine[] = []
  const tracker = new BuildTracker('classic', (l) => lines.push(...l))
  for (const text of readFileSync(join(__dirname, 'buildah-output', name), 'utf8').split('\n')) {
    if (text.trim()) tracker.take(JSON.parse(text) as EngineBuildMessage)
  }
  tracker.finish()
  const steps = tracker.snapshot()
  const outputOf = (position: string) => lines.filter((l) => l.step === steps.find((s) => s.position === position)?.id).map((l) => l.text)
  const own = lines.filter((l) => l.step === undefined).map((l) => l.text)
  return { tracker, steps, outputOf, own }
}

const summary = (steps: { position: string; state: string; instruction: string }[]) => steps.map((s) => `${s.position} ${s.state} ${s.instruction}`)

describe('Buildah output (Podman 4.3)', () => {
  it('a first build: every step ran, each with its own output', () => {
    const { tracker, steps, outputOf, own } = replay('first.jsonl')
    assert.deepEqual(summary(steps), [
      '1/6 done FROM berth-test/busybox:latest',
      '2/6 done RUN echo 5eed1e55',
      '3/6 done WORKDIR /app',
      '4/6 done COPY . .',
      '5/6 done RUN echo npm ci && cat package.json',
      '6/6 done RUN ls -R',
    ])
    assert.deepEqual(outputOf('2/6'), ['5eed1e55'])
    assert.deepEqual(outputOf('5/6'), ['npm ci', '{"name":"e2e"}'])
    assert.ok(outputOf('6/6').includes('package.json'))
    assert.match(tracker.imageId ?? '', /^sha256:[0-9a-f]{64}$/)
    assert.equal(tracker.error, undefined)
    // Buildah's bookkeeping is the builder's, not a step's output.
    assert.ok(own.some((l) => /^COMMIT /.test(l)), own.join('\n'))
    assert.ok(own.some((l) => /^Successfully tagged /.test(l)))
    for (const s of steps) assert.ok(!outputOf(s.position).some((l) => /^--> /.test(l)), `${s.position}: ${outputOf(s.position).join('|')}`)
  })

  it('a rebuild after a source change: the steps before COPY came from the cache', () => {
    const { steps } = replay('rebuild.jsonl')
    assert.deepEqual(
      steps.map((s) => `${s.position} ${s.state}`),
      ['1/6 done', '2/6 cached', '3/6 cached', '4/6 done', '5/6 done', '6/6 done'],
    )
  })

  it('a failed RUN: its step failed, with its output and Buildah’s reason', () => {
    const { tracker, steps, outputOf } = replay('failed.jsonl')
    assert.deepEqual(
      steps.map((s) => `${s.position} ${s.state}`),
      ['1/2 done', '2/2 failed'],
    )
    assert.deepEqual(outputOf('2/2'), ['about-to-fail'])
    assert.match(tracker.error ?? '', /exit status 7/)
    assert.equal(tracker.failedStep()?.position, '2/2')
    assert.equal(tracker.imageId, undefined)
  })

  it('a multi-stage build: steps are counted per stage, named as BuildKit names unnamed stages', () => {
    const { steps, outputOf } = replay('multi-stage.jsonl')
    assert.deepEqual(
      steps.map((s) => `${s.position} ${s.state} ${s.instruction}`),
      [
        'stage-0 1/2 done FROM berth-test/busybox:latest AS build',
        'stage-0 2/2 done RUN echo built > /out',
        'stage-1 1/2 done FROM berth-test/busybox:latest',
        'stage-1 2/2 done COPY --from=build /out /out',
      ],
    )
    assert.deepEqual(outputOf('stage-0 2/2'), [])
  })
})
