import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { copyIn, copyOut } from '@main/engine/files/copy'
import type { EngineError } from '@main/engine/errors'
import { downloadFile, listDirectory, readTextFile, statPath } from '@main/engine/files/read'
import { uploadStream } from '@main/engine/files/write'
import { removeHelpers } from '@main/engine/volumes/helper'
import { createVolume } from '@main/engine/volumes/volumes'
import type { FileTarget } from '@common/contract/volumes'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { createContainer, removeTestContainers, testDocker, uniqueName } from '../../env/session'

const isCode = (code: string, pattern?: RegExp) => (err: EngineError) =>
  err.code === code && (!pattern || pattern.test(err.message))

const ODD_NAMES = ['with space.txt', 'ünïcødé-名前.txt', '-leading-dash.txt']

async function text(stream: Readable): Promise<string> {
  let out = ''
  for await (const chunk of stream) out += chunk.toString()
  return out
}

const upload = (docker: Dockerode, target: FileTarget, dir: string, name: string, content: string | Buffer) => {
  const bytes = Buffer.from(content)
  return uploadStream(docker, target, dir, name, bytes.length, Readable.from([bytes]))
}

describe('files in volumes and containers (real engine)', () => {
  let docker: Dockerode
  let volume: FileTarget
  before(async () => {
    docker = testDocker()
    const name = uniqueName('files')
    await createVolume(docker, name)
    volume = { kind: 'volume', name }
  })
  afterEach(() => removeTestContainers(docker))
  after(async () => {
    await removeTestContainers(docker)
    await removeHelpers(docker)
  })

  it('uploads and lists a volume folder: type, size, mode, mtime, folder sizes, odd names', async () => {
    for (const name of ODD_NAMES) await upload(docker, volume, '/', name, `content of ${name}`)
    const host = mkdtempSync(join(tmpdir(), 'berth-in-'))
    mkdirSync(join(host, 'sub dir', 'deeper'), { recursive: true })
    writeFileSync(join(host, 'sub dir', 'a.txt'), 'aaaa')
    writeFileSync(join(host, 'sub dir', 'deeper', 'b.bin'), Buffer.alloc(1000, 1))
    await copyIn(docker, volume, '/', [join(host, 'sub dir')])

    const listing = await listDirectory(docker, volume, '/')
    assert.equal(listing.truncated, false)
    assert.deepEqual(
      listing.entries.map((e) => e.name),
      ['sub dir', ...[...ODD_NAMES].sort((a, b) => a.localeCompare(b))],
      'folders first, then by name',
    )
    const dir = listing.entries[0]
    assert.equal(dir?.type, 'directory')
    assert.equal(dir?.size, 1004, 'a folder counts what is inside it')
    const file = listing.entries.find((e) => e.name === 'with space.txt')
    assert.equal(file?.type, 'file')
    assert.equal(file?.size, 'content of with space.txt'.length)
    assert.equal(file?.mode, 0o644)
    assert.ok(file && Math.abs(file.mtime - Date.now()) < 120_000)

    const inner = await listDirectory(docker, volume, '/sub dir/deeper')
    assert.deepEqual(inner.entries.map((e) => [e.name, e.size]), [['b.bin', 1000]])
    assert.equal((await statPath(docker, volume, '/sub dir')).type, 'directory')
  })

  it('reads small text files, and refuses folders, binaries and missing paths with a reason', async () => {
    await upload(docker, volume, '/', 'notes.md', '# <b>not html</b>\n')
    await upload(docker, volume, '/', 'blob.bin', Buffer.from([1, 0, 2, 0]))
    assert.deepEqual(await readTextFile(docker, volume, '/notes.md'), { path: '/notes.md', size: 18, text: '# <b>not html</b>\n' })
    assert.equal((await readTextFile(docker, volume, `/${ODD_NAMES[1]}`)).text, `content of ${ODD_NAMES[1]}`)
    await assert.rejects(readTextFile(docker, volume, '/blob.bin'), isCode('invalid-input', /binary/))
    await assert.rejects(readTextFile(docker, volume, '/sub dir'), isCode('invalid-input', /folder/))
    await assert.rejects(readTextFile(docker, volume, '/nope.txt'), isCode('not-found', /Nothing is at "\/nope.txt"/))
    await assert.rejects(listDirectory(docker, { kind: 'volume', name: uniqueName('gone') }, '/'), isCode('not-found', /No volume/))
  })

  it('downloads a file as a stream of its bytes', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'x')
    await upload(docker, volume, '/', 'big.txt', big)
    const { size, stream } = await downloadFile(docker, volume, '/big.txt')
    assert.equal(size, big.length)
    let total = 0
    for await (const chunk of stream) total += (chunk as Buffer).length
    assert.equal(total, big.length)
    await assert.rejects(readTextFile(docker, volume, '/big.txt'), isCode('invalid-input', /too big/))
    assert.equal(await text((await downloadFile(docker, volume, `/${ODD_NAMES[2]}`)).stream), `content of ${ODD_NAMES[2]}`)
  })

  it('copies into and out of a running and a stopped container, like docker cp', async () => {
    const running = await createContainer(docker, { start: true })
    const stopped = await createContainer(docker)
    for (const c of [running, stopped]) {
      const target: FileTarget = { kind: 'container', id: c.Id }
      // The fixture image has no /tmp: bring a folder along.
      const host = mkdtempSync(join(tmpdir(), 'berth-box-'))
      mkdirSync(join(host, 'box'))
      writeFileSync(join(host, 'box', ODD_NAMES[0] as string), 'from berth')
      await copyIn(docker, target, '/', [join(host, 'box')])
      const listing = await listDirectory(docker, target, '/box')
      assert.ok(listing.entries.some((e) => e.name === ODD_NAMES[0]))
      assert.ok((await listDirectory(docker, target, '/')).entries.some((e) => e.name === 'bin' && e.type === 'directory'))
      const out = mkdtempSync(join(tmpdir(), 'berth-out-'))
      await copyOut(docker, target, '/box', out)
      assert.equal(readFileSync(join(out, 'box', ODD_NAMES[0] as string), 'utf8'), 'from berth')
      // Asked first, never replaced silently.
      await assert.rejects(copyOut(docker, target, '/box', out), isCode('conflict', /already exists/))
      await upload(docker, target, '/box', ODD_NAMES[0] as string, 'changed')
      await copyOut(docker, target, '/box', out, { overwrite: true })
      assert.equal(readFileSync(join(out, 'box', ODD_NAMES[0] as string), 'utf8'), 'changed')
    }
    // The CLI sees what Berth put there.
    assert.equal(await cli(['exec', running.Id, 'cat', `/box/${ODD_NAMES[0]}`]), 'changed')
    // Into a folder that does not exist: Docker refuses; Podman makes it, as its own `docker cp` does.
    const missing = upload(docker, { kind: 'container', id: running.Id }, '/no/such/dir', 'x', 'y')
    if (testEngineKind() === 'podman') {
      await missing
      assert.equal(await cli(['exec', running.Id, 'cat', '/no/such/dir/x']), 'y')
    } else await assert.rejects(missing, isCode('not-found'))
    await assert.rejects(listDirectory(docker, { kind: 'container', id: uniqueName('gone') }, '/'), isCode('not-found', /No container/))
  })

  it('copies a host folder in and back out with its tree intact', async () => {
    const host = mkdtempSync(join(tmpdir(), 'berth-tree-'))
    mkdirSync(join(host, 'tree', 'a', 'b'), { recursive: true })
    writeFileSync(join(host, 'tree', 'a', 'b', 'c.txt'), 'deep')
    writeFileSync(join(host, 'tree', ODD_NAMES[2] as string), 'dash')
    await copyIn(docker, volume, '/', [join(host, 'tree')])
    const out = mkdtempSync(join(tmpdir(), 'berth-tree-out-'))
    const result = await copyOut(docker, volume, '/tree', out)
    assert.equal(result.files, 2)
    assert.deepEqual(readdirSync(join(out, 'tree')).sort(), [ODD_NAMES[2], 'a'].sort())
    assert.equal(readFileSync(join(out, 'tree', 'a', 'b', 'c.txt'), 'utf8'), 'deep')
  })
})
