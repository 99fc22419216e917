// A build whose engine goes away mid-step ends at once with a failure that says so and can be
// retried (issue 12). A unix-socket relay sits between Berth and the real private engine and cuts
// every connection while a step runs, as an engine that stops does.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Dockerode from 'dockerode'
import { buildImage } from '../../main/engine/build/build'
import { BUSYBOX_IMAGE, testDocker } from '../env/session'

const engineSocket = (testDocker().modem as { socketPath?: string }).socketPath
const made: string[] = []
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function relay(): Promise<{ socketPath: string; cut(): void; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-relay-'))
  made.push(dir)
  const socketPath = join(dir, 'engine.sock')
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(engineSocket ?? '')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((r) => server.listen(socketPath, r))
  return {
    socketPath,
    cut: () => {
      server.close()
      sockets.forEach((s) => s.destroy())
    },
    close: () => new Promise((r) => server.close(() => r())),
  }
}

describe('a build when the engine goes away', () => {
  for (const builder of ['buildkit', 'classic'] as const) {
    it(`ends with a failure that says so (${builder})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-build-drop-'))
      made.push(dir)
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')} && sleep 20\n`)
      const link = await relay()
      const docker = new Dockerode({ socketPath: link.socketPath })
      const began = Date.now()
      let cut = false
      const { result } = await buildImage(docker, 'drop', { folder: dir, tags: [], buildArgs: [], builder, network: 'none' }, {
        onSteps: (steps) => {
          if (!cut && steps.some((s) => s.state === 'running' && s.instruction.includes('sleep'))) {
            cut = true
            link.cut()
          }
        },
      })
      assert.ok(cut, 'the step started')
      assert.equal(result.cancelled, false)
      assert.equal(result.imageId, undefined)
      assert.equal(result.failure?.engineGone, true, result.failure?.message)
      assert.match(result.failure?.message ?? '', /stopped answering.*Retry/)
      assert.ok(Date.now() - began < 15_000, 'ended when the engine went, not when the step would have')
    })
  }
})
