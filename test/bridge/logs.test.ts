// The logs domain through the real router and the real engine: per-page ownership, strict inputs,
// cleanup when a page goes away, and pop-outs served by the host.
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { createBridge, type Caller } from '@main/bridge'
import { Engine } from '@main/engine'
import { openLogConnections } from '@main/engine/logs/logs'
import { callChannel } from '@common/contract/spec'
import type { LogBatch } from '@common/contract/logs'
import type { Result } from '@common/contract/shared'
import { testPage } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../env/wait'

const docker = testDocker()

/** A page as the bridge sees it, and the log batches sent to it. */
function page() {
  const p = testPage()
  return { caller: p.caller, batches: () => p.of<LogBatch>('logs', 'lines'), leave: p.leave }
}

describe('logs over the bridge', () => {
  const engine = new Engine()
  const opened: string[] = []
  const bridge = createBridge(engine, { openWindow: (route) => opened.push(route) })
  const call = (name: string, input: unknown, caller: Caller) => bridge.router.dispatch(callChannel('logs', name), input, caller) as Promise<Result<unknown>>
  after(async () => {
    bridge.close()
    await removeTestContainers(docker)
  })

  it('keeps each page’s streams to itself and closes them when the page goes away', async () => {
    const c = await createContainer(docker, { cmd: ['sh', '-c', "echo hello; trap 'exit 0' TERM; sleep 3600 & wait"], start: true })
    const a = page()
    const b = page()
    const open = await call('open', { stream: 's1', id: c.Id, tail: 10, follow: true }, a.caller)
    assert.ok(open.ok)
    await eventually(() => a.batches().some((batch) => batch.lines.includes('hello')), 'the first line', ENGINE_ANSWER_MS)

    // The same name on another page is another (absent) stream: b cannot read or close a's.
    const older = await call('older', { stream: 's1', before: '2000-01-01T00:00:00.000000000Z', skip: 0, count: 10 }, b.caller)
    assert.ok(!older.ok && older.error.code === 'not-found')
    await call('close', { stream: 's1' }, b.caller)
    // a's stream is still open when a line the container writes after b's close reaches a.
    await cli(['exec', c.Id, 'sh', '-c', 'echo after-close > /proc/1/fd/1'])
    await eventually(() => a.batches().some((batch) => batch.lines.includes('after-close')), "a line written after b's close", ENGINE_ANSWER_MS)
    assert.equal(openLogConnections(), 1)
    assert.equal(b.batches().length, 0, 'b heard nothing of it')

    a.leave()
    await eventually(() => openLogConnections() === 0, 'the stream to close with its page', ENGINE_ANSWER_MS)
  })

  it('refuses malformed inputs and changes nothing', async () => {
    const a = page()
    for (const input of [
      { stream: 'no spaces', id: 'web', tail: 10, follow: true },
      { stream: 's', id: 'web', tail: -1, follow: true },
      { stream: 's', id: '../etc', tail: 10, follow: true },
      { stream: 's', id: 'web', tail: 10, follow: true, extra: 1 },
    ]) {
      const result = await call('open', input, a.caller)
      assert.ok(!result.ok && result.error.code === 'invalid-input', JSON.stringify(input))
    }
    const older = await call('older', { stream: 's', before: 'yesterday', skip: 0, count: 10 }, a.caller)
    assert.ok(!older.ok && /engine time/.test(older.error.message))
    assert.equal(openLogConnections(), 0)
  })

  it('loads the lines before the oldest one a page holds', async () => {
    const c = await createContainer(docker, { cmd: ['seq', '1', '5000'], start: true })
    await eventually(async () => !(await docker.getContainer(c.Id).inspect()).State.Running, 'the container to exit', CONTAINER_RUN_MS)
    const a = page()
    assert.ok((await call('open', { stream: 'p', id: c.Id, tail: 1000, follow: true }, a.caller)).ok)
    await eventually(() => a.batches().reduce((n, batch) => n + batch.lines.length, 0) >= 1000, 'the tail', ENGINE_ANSWER_MS)
    const first = a.batches()[0] as LogBatch
    assert.equal(first.lines[0], '4001')
    // The lines held at the oldest one's time, counted as the pane counts them: Podman's log times
    // have whole seconds, so thousands of lines can share one (README).
    const held = a.batches().flatMap((batch) => batch.times)
    const later = held.findIndex((time) => time !== held[0])
    const sameTime = later < 0 ? held.length : later
    const older = await call('older', { stream: 'p', before: first.times[0], skip: 1000, count: 1500, sameTime }, a.caller)
    assert.ok(older.ok)
    const value = older.value as { lines: string[]; complete: boolean }
    assert.equal(value.lines.length, 1500)
    assert.equal(value.lines[0], '2501')
    assert.equal(value.lines.at(-1), '4000')
    assert.equal(value.complete, false)
    const rest = await call('older', { stream: 'p', before: first.times[0], skip: 1000, count: 5000, sameTime }, a.caller)
    assert.ok(rest.ok && (rest.value as { complete: boolean; lines: string[] }).complete)
    a.leave()
    await eventually(() => openLogConnections() === 0, 'every connection to close', ENGINE_ANSWER_MS)
  })

  it('asks the host to open a pop-out window at an app route, refuses anything else, and says when there is none', async () => {
    const popOut = (route: string, b = bridge) => b.router.dispatch(callChannel('window', 'popOut'), { route }, page().caller)
    assert.deepEqual(await popOut('/containers/web-1/logs?popout=1'), { ok: true, value: { opened: true } })
    assert.deepEqual(await popOut('/images/localhost%3A5000%2Fteam%2Fapp%3A1?popout=1'), { ok: true, value: { opened: true } })
    assert.deepEqual(opened, ['/containers/web-1/logs?popout=1', '/images/localhost%3A5000%2Fteam%2Fapp%3A1?popout=1'])
    for (const bad of ['javascript:alert(1)', '//evil.example/x', 'https://evil.example', '/settings', '/containers/../../etc', '/containers/a b']) {
      const refused = await popOut(bad)
      assert.ok(!refused.ok && refused.error.code === 'invalid-input', `refuses ${bad}`)
    }
    assert.equal(opened.length, 2, 'nothing refused reached the host')
    const windowless = createBridge(engine)
    assert.deepEqual(await popOut('/containers/web-1/logs', windowless), { ok: true, value: { opened: false } })
    windowless.close()
  })
})
