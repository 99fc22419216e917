// Scrolling a log back, page by page, the way the pane asks: every line once, in order, on an
// engine whose times repeat (Podman 4.3 writes whole seconds, so thousands of lines share one
// time) as on one whose times do not (Docker: nanoseconds). Run on both: --engine podman.
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { readOlderLines } from '@main/engine/logs/history'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { testEngineKind } from '../../env/engine'
import { CONTAINER_RUN_MS, eventually } from '../../env/wait'

const docker = testDocker()
after(() => removeTestContainers(docker))

/** Pages back from the newest `step` lines as the pane does: before its oldest time, skipping what it holds. */
async function scrollBack(id: string, step: number): Promise<{ lines: string[]; pages: number }> {
  const first = await readOlderLines(docker, id, { tty: false, before: '9999-01-01T00:00:00.000000000Z', skip: 0, count: step })
  let lines = first.lines
  let times = first.times
  let complete = first.complete
  let pages = 1
  while (!complete) {
    const before = times[0] as string
    const sameTime = times.findIndex((t) => t !== before)
    const older = await readOlderLines(docker, id, { tty: false, before, skip: lines.length, count: step, sameTime: sameTime < 0 ? times.length : sameTime })
    lines = [...older.lines, ...lines]
    times = [...older.times, ...times]
    complete = older.complete
    if (++pages > 20) break
  }
  return { lines, pages }
}

const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

describe('older lines', () => {
  for (const [what, script] of [
    ['all in about one second', 'seq 1 2500'],
    ['a second boundary inside the page held', 'seq 1 1800; sleep 1.2; seq 1801 2500'],
  ] as const) {
    it(`pages back to the first line, each once: ${what}`, { timeout: 60_000 }, async () => {
      const c = await createContainer(docker, { cmd: ['sh', '-c', script], start: true })
      await eventually(async () => !(await docker.getContainer(c.Id).inspect()).State.Running, 'the container to exit', CONTAINER_RUN_MS)
      const { lines, pages } = await scrollBack(c.Id, 1000)
      assert.equal(pages, 3)
      if (testEngineKind() === 'podman') {
        // Podman 4.3 reads a log's last lines backwards and moves the pieces of a line conmon read in
        // two parts onto the line before (containers/podman#19545, fixed in 4.7): `1040104`, `1`. The
        // text and the count are still the log's, so no line was lost or repeated.
        assert.equal(lines.length, 2500)
        assert.equal(lines.join(''), numbers(1, 2500).join(''))
      } else {
        assert.deepEqual(lines, numbers(1, 2500))
      }
    })
  }
})
