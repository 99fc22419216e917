// What every remote link must carry, checked the same way over TLS and over ssh: the container list
// (the docker CLI over the same link is the oracle), followed logs, a terminal (hijacked exec), cp in
// and out, a build context upload, and the events stream. Berth's engine layer, as the app uses it.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import type { Engine } from '@main/engine'
import { buildImage } from '@main/engine/build/build'
import { copyIn, copyOut } from '@main/engine/files/copy'
import { LogFollower } from '@main/engine/logs/logs'
import { openExec } from '@main/engine/terminal/open'
import type { EngineEvent } from '@main/engine/events'
import { BUSYBOX_IMAGE, createContainer, uniqueName } from '../../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS, eventually } from '../../env/wait'

export interface RemoteLink {
  /** Berth's engine over the link, started and connected. */
  engine(): Engine
  /** The docker CLI over the same link; resolves with its stdout. */
  cli(args: string[]): Promise<string>
}

const TICKER = ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.1; done"]

export function remoteStreamTests(link: RemoteLink): void {
  it('lists the containers the docker CLI lists over the same link', async () => {
    const docker = link.engine().docker
    const made = [await createContainer(docker, { name: uniqueName('remote-list') }), await createContainer(docker, { name: uniqueName('remote-list'), start: true })]
    const fromCli = (await link.cli(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.State}}'])).split('\n').filter(Boolean).sort()
    const listed = await docker.listContainers({ all: true })
    const fromBerth = listed.map((c) => `${c.Id} ${c.Names.map((n) => n.replace(/^\//, '')).join(',')} ${c.State}`).sort()
    assert.deepEqual(fromBerth, fromCli)
    for (const c of made) assert.ok(fromBerth.some((row) => row.startsWith(c.Id)), `${c.Name} is listed`)
  })

  it('follows a container\'s logs as they are written', async () => {
    const docker = link.engine().docker
    const c = await createContainer(docker, { cmd: TICKER, start: true })
    const lines: string[] = []
    const follower: LogFollower = new LogFollower(docker, c.Id, { follow: true, tail: 'all' }, {
      lines: (batch) => {
        lines.push(...batch.lines)
        follower.ack(batch.seq)
      },
      state: () => {},
    })
    await follower.start()
    await eventually(() => lines.length >= 10, 'ten followed lines', ENGINE_ANSWER_MS)
    assert.deepEqual(lines.slice(0, 10), Array.from({ length: 10 }, (_, i) => `tick ${i}`))
    const cliLines = (await link.cli(['logs', c.Id])).split('\n')
    assert.deepEqual(cliLines.slice(0, 10), lines.slice(0, 10), 'the CLI reads the same lines')
    follower.close()
  })

  it('runs a terminal round trip over a hijacked exec', async () => {
    const docker = link.engine().docker
    const c = await createContainer(docker, { start: true })
    let output = ''
    let ended = false
    const opened = await openExec(docker, c.Id, { cols: 80, rows: 24 }, { command: ['sh'] }, {
      output: (data) => {
        output += data.toString('utf8')
        opened?.session.ack(output.length)
      },
      ended: () => {
        ended = true
      },
    })
    opened.session.write(Buffer.from('echo remote-$((6*7))\n'))
    await eventually(() => output.includes('remote-42'), 'the shell to answer', ENGINE_ANSWER_MS)
    opened.session.write(Buffer.from('exit\n'))
    await eventually(() => ended, 'the shell to end', ENGINE_ANSWER_MS)
  })

  it('copies a file in and back out byte for byte', async () => {
    const docker = link.engine().docker
    const c = await createContainer(docker, { start: true })
    const dir = mkdtempSync(join(tmpdir(), 'berth-remote-cp-'))
    try {
      const data = randomBytes(3 * 1024 * 1024)
      writeFileSync(join(dir, 'payload.bin'), data)
      await copyIn(docker, { kind: 'container', id: c.Id }, '/', [join(dir, 'payload.bin')])
      assert.equal(await link.cli(['exec', c.Id, 'wc', '-c', '/payload.bin']), `${data.length} /payload.bin`)
      const back = mkdtempSync(join(dir, 'back-'))
      await copyOut(docker, { kind: 'container', id: c.Id }, '/payload.bin', back)
      assert.ok(readFileSync(join(back, 'payload.bin')).equals(data), 'the copy out is the file copied in')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  for (const builder of ['classic', 'buildkit'] as const) {
    it(`uploads a build context and builds from it (${builder})`, async () => {
      const docker = link.engine().docker
      const folder = mkdtempSync(join(tmpdir(), 'berth-remote-build-'))
      const tag = `berth-test/${uniqueName('remote-build')}:latest`
      try {
        writeFileSync(join(folder, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nCOPY payload.bin /payload.bin\nLABEL berth.test=1\n`)
        writeFileSync(join(folder, 'payload.bin'), randomBytes(2 * 1024 * 1024))
        const { result } = await buildImage(docker, uniqueName('op'), { folder, tags: [tag], buildArgs: [], builder, network: 'none' })
        assert.equal(result.failure, undefined, result.failure?.message)
        assert.ok(result.imageId, 'the build made an image')
        // Podman builds with Buildah whatever is asked; Docker runs BuildKit's session over the same link.
        const podman = link.engine().connection.status.product?.kind === 'podman'
        assert.equal(result.builder, podman ? 'classic' : builder)
        const size = await link.cli(['run', '--rm', '--network', 'none', tag, 'wc', '-c', '/payload.bin'])
        assert.equal(size, `${2 * 1024 * 1024} /payload.bin`)
      } finally {
        await docker.getImage(tag).remove({ force: true }).catch(() => {})
        rmSync(folder, { recursive: true, force: true })
      }
    })
  }

  it('hears engine events as they happen', async () => {
    const engine = link.engine()
    const seen: EngineEvent[] = []
    const stop = engine.connection.onEvent((event) => seen.push(event))
    try {
      const name = uniqueName('remote-events')
      const id = await link.cli(['create', '--label', 'berth.test=1', '--network', 'none', '--name', name, BUSYBOX_IMAGE, 'true'])
      await eventually(() => seen.some((e) => e.Type === 'container' && e.Actor?.ID === id && e.Action === 'create'), 'the create event', CONTAINER_RUN_MS)
    } finally {
      stop()
    }
  })
}
