// The terminal domain end to end under Node: the real contract client over the browser mode's
// WebSocket (binary frames), the real router, the real engine. The docker CLI's behaviour is the
// oracle: `docker exec -it`, `docker attach`, `docker start -a -i`, Ctrl-P Ctrl-Q.
import { strict as assert } from 'node:assert'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import type { BerthApi } from '@common/api'
import type { TerminalState } from '@common/contract/terminal'
import { eventChannel } from '@common/contract/spec'
import { connectClient, type WsClient } from '../env/ws-client'
import { BUSYBOX, TEST_LABEL } from '../env/fixtures'
import { docker as cli } from '../env/docker-cli'
import { BUSYBOX_IMAGE, createContainer, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, IMAGE_TRANSFER_MS, eventually } from '../env/wait'

const docker = testDocker()
const SIZE = { cols: 80, rows: 24 }
const NO_SHELL_IMAGE = 'berth-test/no-shell:latest'

/** One terminal as a page sees it: its output as text, its states, and its acknowledgements. */
function terminal(berth: BerthApi, session: string, options: { ack?: boolean } = {}) {
  const t = { text: '', bytes: 0, states: [] as TerminalState[], ack: options.ack ?? true }
  berth.terminal.onOutput(({ session: s, data }) => {
    if (s !== session) return
    assert.ok(data instanceof Uint8Array, 'output arrives as bytes')
    t.text += Buffer.from(data).toString('utf8')
    // A flood keeps only its end: what the tests look for.
    if (t.text.length > 4_000_000) t.text = t.text.slice(-65_536)
    t.bytes += data.length
    if (t.ack) void berth.terminal.ack({ session, bytes: t.bytes })
  })
  berth.terminal.onState((state) => state.session === session && t.states.push(state))
  const type = (text: string) => berth.terminal.input({ session, data: new TextEncoder().encode(text) })
  const phase = (p: TerminalState['phase']) => t.states.find((s) => s.phase === p)
  return { t, type, phase }
}

/** A process's state letter and the bytes it has written so far, from /proc in its container ("S 2097152"), or "gone". */
async function writerProgress(id: string, name: string): Promise<string> {
  return cli(['exec', id, 'sh', '-c', `p=$(pidof ${name}) && echo "$(cut -d' ' -f3 /proc/$p/stat) $(sed -n 's/^wchar: //p' /proc/$p/io)" || echo gone`])
}

async function interactive(spec: { cmd?: string[]; tty?: boolean; autoRemove?: boolean; start?: boolean }) {
  const container = await docker.createContainer({
    name: uniqueName('berth-term'),
    Image: BUSYBOX_IMAGE,
    Cmd: spec.cmd ?? ['sh'],
    Tty: spec.tty ?? true,
    OpenStdin: true,
    AttachStdin: true,
    StdinOnce: false,
    Labels: { [TEST_LABEL]: '1' },
    HostConfig: { NetworkMode: 'none', AutoRemove: spec.autoRemove ?? false },
  })
  if (spec.start ?? true) await container.start()
  return container.inspect()
}

describe('terminals over the bridge', () => {
  let mode: BrowserMode
  let client: WsClient
  let berth: BerthApi
  before(async () => {
    mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../../out/renderer') })
    client = await connectClient(mode)
    berth = client.berth
  })
  after(async () => {
    client.close()
    await mode.close()
    await removeTestContainers(docker)
  })

  it('execs cat in a TTY: what is typed comes back, as bytes in binary frames', async () => {
    const c = await createContainer(docker, { start: true })
    const { t, type } = terminal(berth, 'cat')
    const opened = await berth.terminal.exec({ session: 'cat', id: c.Id, size: SIZE, command: ['cat'] })
    assert.ok(opened.ok, JSON.stringify(opened))
    assert.equal(opened.value.cli, `docker exec -it ${c.Name.slice(1)} cat`)
    // Output events only: other domains' events (a list that changed) may go as JSON meanwhile.
    const output = eventChannel('terminal', 'output')
    const json = client.counts.jsonEvents.get(output) ?? 0
    await type('hello, terminal\r')
    // The TTY echoes the line, then cat writes it back.
    await eventually(() => t.text.split('hello, terminal').length >= 3, 'the echo and the line', ENGINE_ANSWER_MS)
    assert.ok(client.counts.binaryFrames > 0)
    assert.equal(client.counts.jsonEvents.get(output) ?? 0, json, 'no output travelled as JSON')
    await berth.terminal.close({ session: 'cat' })
  })

  it('attaches to an -it container and types into its shell', async () => {
    const c = await interactive({})
    const { t, type } = terminal(berth, 'att')
    const opened = await berth.terminal.attach({ session: 'att', id: c.Id, size: SIZE })
    assert.ok(opened.ok && opened.value.kind === 'attach' && opened.value.tty)
    await type('echo sum-$((40+2))\r')
    await eventually(() => t.text.includes('sum-42'), 'the shell to answer', ENGINE_ANSWER_MS)
    await berth.terminal.close({ session: 'att' })
  })

  it('start -a -i on a stopped container gets its very first output and its exit code', async () => {
    const c = await interactive({ cmd: ['sh', '-c', 'echo first-line; echo second-line; exit 3'], tty: false, start: false })
    const { t, phase } = terminal(berth, 'start')
    const opened = await berth.terminal.startAttached({ session: 'start', id: c.Id, size: SIZE })
    assert.ok(opened.ok && opened.value.cli === `docker start -a -i ${c.Name.slice(1)}`)
    await eventually(() => phase('exited') !== undefined, 'the exit', CONTAINER_RUN_MS)
    assert.equal(t.text, 'first-line\nsecond-line\n', 'nothing lost, stdout demultiplexed')
    assert.equal(phase('exited')?.code, 3)
  })

  it('shows the exit code of a --rm container, through the wait for its removal', async () => {
    const c = await interactive({ cmd: ['sh', '-c', 'echo bye; exit 7'], tty: true, autoRemove: true, start: false })
    const { t, phase } = terminal(berth, 'rm')
    assert.ok((await berth.terminal.startAttached({ session: 'rm', id: c.Id, size: SIZE })).ok)
    await eventually(() => phase('exited') !== undefined, 'the exit', CONTAINER_RUN_MS)
    assert.equal(phase('exited')?.code, 7)
    assert.match(t.text, /bye/)
    // On Podman the code comes from the exit, which can be told before --rm has removed it (README).
    await eventually(() => docker.getContainer(c.Id).inspect().then(() => false, () => true), 'the container to be removed', CONTAINER_RUN_MS)
  })

  it('detaches on Ctrl-P Ctrl-Q and leaves the container running; attaching again works', async () => {
    const c = await interactive({})
    const { type, phase } = terminal(berth, 'det')
    assert.ok((await berth.terminal.attach({ session: 'det', id: c.Id, size: SIZE })).ok)
    await type('\x10\x11')
    await eventually(() => phase('detached') !== undefined, 'the detach', ENGINE_ANSWER_MS)
    const again = terminal(berth, 'det2')
    assert.ok((await berth.terminal.attach({ session: 'det2', id: c.Id, size: SIZE })).ok)
    await again.type('echo back-$((1+1))\r')
    // The same shell answers after the detach: the container ran on, and was not started again.
    await eventually(() => again.t.text.includes('back-2'), 'the shell after reattaching', ENGINE_ANSWER_MS)
    const state = (await docker.getContainer(c.Id).inspect()).State
    assert.equal(state.Running, true)
    assert.equal(state.StartedAt, c.State.StartedAt, 'the run it had')
    await berth.terminal.close({ session: 'det2' })
  })

  it('gives the process the pane size first, and follows a resize (stty size)', async () => {
    const c = await createContainer(docker, { start: true })
    const { t, type } = terminal(berth, 'size')
    assert.ok((await berth.terminal.exec({ session: 'size', id: c.Id, size: { cols: 91, rows: 27 } })).ok)
    await type('stty size\r')
    await eventually(() => t.text.includes('27 91'), 'the first size', ENGINE_ANSWER_MS)
    assert.ok((await berth.terminal.resize({ session: 'size', size: { cols: 120, rows: 40 } })).ok)
    await type('stty size\r')
    await eventually(() => t.text.includes('40 120'), 'the new size', ENGINE_ANSWER_MS)
    await berth.terminal.close({ session: 'size' })
  })

  it('says a container has no shell, and no such command, in a sentence', async () => {
    const context = mkdtempSync(join(tmpdir(), 'berth-no-shell-'))
    try {
      copyFileSync(BUSYBOX, join(context, 'busybox'))
      writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY busybox /busybox\nCMD ["/busybox", "sleep", "3600"]\n')
      await cli(['build', '--network=none', '--quiet', '-t', NO_SHELL_IMAGE, context], { timeoutMs: IMAGE_TRANSFER_MS })
    } finally {
      rmSync(context, { recursive: true, force: true })
    }
    const c = await createContainer(docker, { image: NO_SHELL_IMAGE, cmd: ['/busybox', 'sleep', '3600'], start: true })
    const shell = await berth.terminal.exec({ session: 'none', id: c.Id, size: SIZE })
    assert.ok(!shell.ok && /has no shell \(neither bash nor sh\): try a command it has/.test(shell.error.message), JSON.stringify(shell))
    const { phase } = terminal(berth, 'bash')
    const bash = await berth.terminal.exec({ session: 'bash', id: c.Id, size: SIZE, command: ['bash'] })
    if (bash.ok) await eventually(() => phase('failed') !== undefined, 'the failure', ENGINE_ANSWER_MS)
    const message = bash.ok ? phase('failed')?.message : bash.error.message
    assert.match(message ?? '', /has no "bash": try a command it has/)
    const works = terminal(berth, 'busybox')
    assert.ok((await berth.terminal.exec({ session: 'busybox', id: c.Id, size: SIZE, command: ['/busybox', 'echo', 'made-it'] })).ok)
    await eventually(() => works.t.text.includes('made-it') && works.phase('exited')?.code === 0, 'the command it has', ENGINE_ANSWER_MS)
  })

  it('pauses the engine stream while output is not drawn, so memory stays bounded', async () => {
    const c = await createContainer(docker, { start: true })
    const { t } = terminal(berth, 'flood', { ack: false })
    const total = 20_000_000
    const opened = await berth.terminal.exec({
      session: 'flood', id: c.Id, size: SIZE, command: ['sh', '-c', `head -c ${total} /dev/zero | tr '\\0' a; echo; echo done-flooding`],
    })
    assert.ok(opened.ok)
    await eventually(() => t.bytes > 0, 'the first output', ENGINE_ANSWER_MS)
    // The moment has passed once the writer is stuck: asleep with nothing more written, and nothing
    // more sent, from one look at it to the next. Without back-pressure it would write on to the end.
    let last = ''
    await eventually(async () => {
      const now = `${await writerProgress(c.Id, 'tr')} page ${t.bytes}`
      const stuck = now === last && /^S /.test(now)
      last = now
      return stuck || t.text.includes('done-flooding')
    }, 'the writer to be held back, or the whole output', CONTAINER_RUN_MS)
    const held = t.bytes
    assert.ok(!t.text.includes('done-flooding'), `the whole output arrived unacknowledged (${held} bytes)`)
    assert.ok(held < 3 * 1024 * 1024, `at most the high-water mark and a piece are sent unacknowledged (got ${held}; writer ${last})`)
    // Drawing resumes the stream, and every byte arrives.
    t.ack = true
    await berth.terminal.ack({ session: 'flood', bytes: t.bytes })
    await eventually(() => t.text.includes('done-flooding'), 'the whole output', CONTAINER_RUN_MS)
    assert.ok(t.bytes >= total)
  })

  it('says when the container stops, and again when it starts, so the page can reattach', async () => {
    const c = await interactive({})
    const { phase } = terminal(berth, 'rs')
    assert.ok((await berth.terminal.attach({ session: 'rs', id: c.Id, size: SIZE })).ok)
    await docker.getContainer(c.Id).restart({ t: 0 })
    await eventually(() => phase('exited') !== undefined, 'the stop', CONTAINER_RUN_MS)
    await eventually(() => phase('can-return')?.reason === 'container-started', 'the start to be offered', ENGINE_ANSWER_MS)
    const again = terminal(berth, 'rs2')
    assert.ok((await berth.terminal.attach({ session: 'rs2', id: c.Id, size: SIZE })).ok)
    await again.type('echo again-$((2+2))\r')
    await eventually(() => again.t.text.includes('again-4'), 'the reattached shell', ENGINE_ANSWER_MS)
  })

  it('says a shell went with its container across a docker restart, with the exit code, and offers a new one', async () => {
    // sh as pid 1 ignores SIGTERM: the restart kills it, and the shell with it, and runs it again at once.
    const c = await interactive({})
    const { t, type, phase } = terminal(berth, 'xr')
    assert.ok((await berth.terminal.exec({ session: 'xr', id: c.Id, size: SIZE, command: ['sh'] })).ok)
    await type('echo up-$((1+1))\r')
    await eventually(() => t.text.includes('up-2'), 'the shell', ENGINE_ANSWER_MS)
    await docker.getContainer(c.Id).restart({ t: 1 })
    await eventually(() => t.states.some((s) => s.phase !== 'attached'), 'the shell to end', CONTAINER_RUN_MS)
    assert.deepEqual(t.states.filter((s) => s.phase !== 'attached' && s.phase !== 'can-return'), [{ session: 'xr', phase: 'container-stopped', code: 137 }])
    await eventually(() => phase('can-return')?.reason === 'container-started', 'a new shell to be offered', ENGINE_ANSWER_MS)
  })

  it('refuses malformed input and closes every session when the page goes', async () => {
    const bad = await berth.terminal.exec({ session: 'a b', id: 'web', size: SIZE })
    assert.ok(!bad.ok && bad.error.code === 'invalid-input')
    const bigSize = await berth.terminal.resize({ session: 'x', size: { cols: 0, rows: 5 } })
    assert.ok(!bigSize.ok && bigSize.error.code === 'invalid-input')
    const c = await createContainer(docker, { start: true })
    const other = await connectClient(mode)
    assert.ok((await other.berth.terminal.exec({ session: 'gone', id: c.Id, size: SIZE, command: ['sh'] })).ok)
    await eventually(async () => (await cli(['top', c.Id])).split('\n').length >= 4, 'the exec to run', CONTAINER_RUN_MS)
    await other.berth.terminal.input({ session: 'gone', data: new TextEncoder().encode('echo half-typed') })
    other.close()
    // Its shell ends with the page (even with a line half typed): only the container's own processes remain.
    await eventually(async () => (await cli(['top', c.Id])).split('\n').length <= 3, 'the exec to end with its page', CONTAINER_RUN_MS)
  })
})
