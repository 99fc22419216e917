// Terminal flow control end to end under Node: the real contract client over the browser mode's
// WebSocket, the real engine. While the page has not acknowledged what it parsed, main stops reading
// and the engine holds the process back; once it acknowledges, every byte arrives, none lost, doubled
// or moved (a checksum of what arrived against the file's, as the TTY sends it).
import { strict as assert } from 'node:assert'
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { TERMINAL_FLOW, type TerminalState } from '@common/contract/terminal'
import { connectClient, type WsClient } from '../env/ws-client'
import { docker as cli } from '../env/docker-cli'
import { createContainer, removeTestContainers, testDocker } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../env/wait'

const docker = testDocker()
const SIZE = { cols: 80, rows: 24 }
/** Main sends at most a piece beyond the high-water mark before it stops reading. */
const PIECE = 256 * 1024

/** A process's state letter and the bytes it has written so far, from /proc in its container ("S 2097152"), or "gone". */
async function writerProgress(id: string, name: string): Promise<string> {
  return cli(['exec', id, 'sh', '-c', `p=$(pidof ${name}) && echo "$(cut -d' ' -f3 /proc/$p/stat) $(sed -n 's/^wchar: //p' /proc/$p/io)" || echo gone`])
}

describe('terminal flow control over the bridge', () => {
  let mode: BrowserMode
  let client: WsClient
  before(async () => {
    mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../../out/renderer') })
    client = await connectClient(mode)
  })
  after(async () => {
    client.close()
    await mode.close()
    await removeTestContainers(docker)
  })

  it('holds the engine while the page has not acknowledged, then delivers every byte in order', async () => {
    const berth = client.berth
    const c = await createContainer(docker, { start: true })
    // Random base64 lines, 8 MB: far more than main and the engine hold between them.
    await cli(['exec', c.Id, 'sh', '-c', 'head -c 6000000 /dev/urandom | base64 > /flood'])
    // What the TTY sends: each \n as \r\n.
    const expected = (await cli(['exec', c.Id, 'sh', '-c', `awk '{ printf "%s\\r\\n", $0 }' /flood | sha256sum`])).split(' ')[0]

    const session = 'flow'
    const hash = createHash('sha256')
    const states: TerminalState[] = []
    let bytes = 0
    let acked = 0
    let acking = false
    berth.terminal.onOutput(({ session: s, data }) => {
      if (s !== session) return
      hash.update(data)
      bytes += data.length
      // As the page does: an acknowledgement every so many bytes parsed.
      if (acking && bytes - acked >= TERMINAL_FLOW.ackEvery) {
        acked = bytes
        void berth.terminal.ack({ session, bytes })
      }
    })
    berth.terminal.onState((state) => state.session === session && states.push(state))
    const ended = () => states.find((s) => s.phase !== 'attached')
    assert.ok((await berth.terminal.exec({ session, id: c.Id, size: SIZE, command: ['cat', '/flood'] })).ok)
    await eventually(() => bytes > 0, 'the first output', ENGINE_ANSWER_MS)

    // Nothing acknowledged: cat ends up asleep on its full TTY, writing nothing more, and nothing
    // more reaches the page, from one look to the next.
    let last = ''
    await eventually(async () => {
      const now = `${await writerProgress(c.Id, 'cat')} page ${bytes}`
      const stuck = now === last && /^S /.test(now)
      last = now
      return stuck || ended() !== undefined
    }, 'cat to be held back', CONTAINER_RUN_MS)
    assert.equal(ended(), undefined, `the whole file arrived unacknowledged (${bytes} bytes)`)
    assert.ok(bytes <= TERMINAL_FLOW.highWater + PIECE, `at most the high-water mark and a piece unacknowledged (got ${bytes}; cat ${last})`)

    // The page acknowledges as it parses: the rest arrives, and all of it is the file.
    acking = true
    acked = bytes
    await berth.terminal.ack({ session, bytes })
    await eventually(() => states.some((s) => s.phase === 'exited'), 'cat to finish', CONTAINER_RUN_MS)
    assert.equal(states.find((s) => s.phase === 'exited')?.code, 0)
    assert.equal(hash.digest('hex'), expected, `what arrived (${bytes} bytes) is the file as the TTY sends it`)
  })
})
