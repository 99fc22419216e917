// Dragging out stages each item in a temp folder. Old folders are cleaned up, but never one a drag
// is still filling: two windows (or two quick drags) may stage at once.
import { strict as assert } from 'node:assert'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { KEEP_STAGED, stageForDrag } from '@main/engine/files/drag-out'
import { uploadStream } from '@main/engine/files/write'
import type { FileTarget } from '@common/contract/volumes'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { ENGINE_ANSWER_MS, eventually } from '../../env/wait'

const BIG = 96 * 1024 * 1024

describe('stageForDrag (real engine)', () => {
  let docker: Dockerode
  let target: FileTarget
  // A temp root of our own, so staged folders of other test runs on this machine do not count.
  const root = mkdtempSync(join(tmpdir(), 'berth-drag-test-'))
  const savedTmp = process.env.TMPDIR
  const staged = () => readdirSync(root).filter((n) => n.startsWith('berth-drag-'))

  before(async () => {
    process.env.TMPDIR = root
    docker = testDocker()
    const c = await createContainer(docker)
    target = { kind: 'container', id: c.Id }
    const chunk = Buffer.alloc(1024 * 1024, 3)
    await uploadStream(docker, target, '/', 'big.bin', BIG, Readable.from((function* () {
      for (let i = 0; i < BIG / chunk.length; i++) yield chunk
    })()))
    await uploadStream(docker, target, '/', 'small.txt', 3, Readable.from([Buffer.from('hi\n')]))
  })
  after(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmp
    rmSync(root, { recursive: true, force: true })
    await removeTestContainers(docker)
  })

  it('leaves a drag that is still being staged alone when another one starts', async () => {
    const before = staged().length
    const first = stageForDrag(docker, target, '/big.bin')
    // The first drag has its folder and is filling it.
    await eventually(() => staged().length > before, 'the first drag to have its folder', ENGINE_ANSWER_MS)
    const second = await stageForDrag(docker, target, '/small.txt')
    const big = await first
    assert.equal(statSync(big).size, BIG)
    assert.ok(existsSync(second))
  })

  it('removes folders of finished drags once newer ones exist, and leaves none for a failed one', async () => {
    const oldest = await stageForDrag(docker, target, '/small.txt')
    const newer: string[] = []
    for (let i = 0; i < KEEP_STAGED; i++) newer.push(await stageForDrag(docker, target, '/small.txt'))
    assert.equal(existsSync(oldest), false, 'the oldest staged folder is removed')
    for (const path of newer) assert.ok(existsSync(path), path)
    const count = staged().length
    await assert.rejects(stageForDrag(docker, target, '/no-such-file'))
    assert.equal(staged().length, count, 'a failed drag leaves no folder behind')
  })
})
