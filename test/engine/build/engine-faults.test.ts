// Builds when the engine is not what Berth hoped: one that goes away mid-step ends at once with a
// failure that says so and can be retried (issue 12); one with no BuildKit session to open (as
// Podman's compatible API) builds with its classic builder and says so. A unix-socket relay sits
// between Berth and the real private engine: it cuts every connection while a step runs, as an
// engine that stops does, or answers POST /session with 404.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Dockerode from 'dockerode'
import { buildImage } from '@main/engine/build/build'
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'

const engineSocket = (testDocker().modem as { socketPath?: string }).socketPath
const made: string[] = []
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function relay(options: { refuseSession?: boolean } = {}): Promise<{ socketPath: string; cut(): void; close(): Promise<void> }> {
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
    // Every request on the connection is looked at, not only its first: a kept-alive connection may
    // carry the session request after another (the engine's version, asked first).
    client.on('data', (chunk: Buffer) => {
      if (options.refuseSession && /^POST \/(v[\d.]+\/)?session /.test(chunk.toString('latin1'))) {
        const body = '{"message":"page not found"}'
        client.end(`HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`)
        upstream.destroy()
        return
      }
      upstream.write(chunk)
    })
    upstream.pipe(client)
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

describe('builds when the engine goes away or has no BuildKit', () => {
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

  it('builds with the classic builder, saying so, when the engine opens no BuildKit session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-build-nosession-'))
    made.push(dir)
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')}\n`)
    const link = await relay({ refuseSession: true })
    try {
      const docker = new Dockerode({ socketPath: link.socketPath })
      const { result } = await buildImage(docker, 'nosession', { folder: dir, tags: [], buildArgs: [], builder: 'buildkit', network: 'none' })
      assert.equal(result.failure, undefined, result.failure?.message)
      assert.equal(result.builder, 'classic')
      assert.match(result.note ?? '', /opened no BuildKit session \(page not found\), so it built with its classic builder/)
      assert.match(result.steps[1]?.position ?? '', /^2\/2$/)
    } finally {
      link.cut()
    }
  })
})
