// Hostile archives, as a compromised container could hand them out. After each one, the disk
// outside the destination must be exactly as it was.
import { strict as assert } from 'node:assert'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { beforeEach, describe, it } from 'node:test'
import * as tar from 'tar-stream'
import type { EngineError } from '@main/engine/errors'
import { extractArchive } from '@main/engine/files/safe-extract'

type Entry = tar.Header extends infer H ? Partial<H> & { name: string; content?: string } : never

async function archive(entries: Entry[]): Promise<Readable> {
  const pack = tar.pack()
  for (const { content, ...header } of entries) pack.entry(header, content ?? '')
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return Readable.from([Buffer.concat(chunks)])
}

/** Every path and its content (or link target) under `dir`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name)
    const stat = lstatSync(path)
    out[name] = stat.isSymbolicLink() ? `-> ${readlinkSync(path)}` : stat.isFile() ? readFileSync(path, 'utf8') : 'dir'
  }
  return out
}

const refused = (code: string, pattern: RegExp) => (err: EngineError) => err.code === code && pattern.test(err.message)

describe('safe extraction of untrusted archives', () => {
  let base: string
  let dest: string
  let outside: string
  let before: Record<string, string>
  const outsideUntouched = () => {
    assert.deepEqual(snapshot(outside), before)
    assert.deepEqual(readdirSync(base).sort(), ['dest', 'outside'])
  }

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'berth-hostile-'))
    dest = join(base, 'dest')
    outside = join(base, 'outside')
    mkdirSync(dest)
    mkdirSync(outside)
    writeFileSync(join(outside, 'keep.txt'), 'precious')
    before = snapshot(outside)
  })

  it('refuses ".." traversal, plain and hidden in a path', async () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', './../outside/keep.txt']) {
      await assert.rejects(extractArchive(await archive([{ name, content: 'pwned' }]), dest), refused('invalid-input', /\.\./))
    }
    outsideUntouched()
  })

  it('refuses absolute paths', async () => {
    const name = join(outside, 'keep.txt')
    await assert.rejects(extractArchive(await archive([{ name, content: 'pwned' }]), dest), refused('invalid-input', /absolute/))
    outsideUntouched()
  })

  it('refuses symlinks that point outside, and never writes through a link', async () => {
    const cases: Entry[][] = [
      [{ name: 'link', type: 'symlink', linkname: '../outside' }, { name: 'link/keep.txt', content: 'pwned' }],
      [{ name: 'abs', type: 'symlink', linkname: outside }],
      [{ name: 'a', type: 'symlink', linkname: '.' }, { name: 'b', type: 'symlink', linkname: 'a/../../outside' }],
    ]
    for (const entries of cases) {
      await assert.rejects(extractArchive(await archive(entries), dest), refused('invalid-input', /link/))
    }
    outsideUntouched()
  })

  it('keeps links that stay inside, normalized so no hop through another link can leave', async () => {
    const result = await extractArchive(
      await archive([
        { name: 'dir/', type: 'directory' },
        { name: 'dir/file.txt', content: 'inside' },
        { name: 'dir/up', type: 'symlink', linkname: '../dir/file.txt' },
        { name: 'here', type: 'symlink', linkname: '.' },
        { name: 'hop', type: 'symlink', linkname: 'here/../dir/file.txt' },
      ]),
      dest,
    )
    assert.equal(result.links, 3)
    assert.equal(readlinkSync(join(dest, 'hop')), 'dir/file.txt')
    assert.equal(readFileSync(join(dest, 'dir', 'up'), 'utf8'), 'inside')
    outsideUntouched()
  })

  it('refuses a destination link that leads outside', async () => {
    symlinkSync(outside, join(dest, 'out'))
    await assert.rejects(
      extractArchive(await archive([{ name: 'out/keep.txt', content: 'pwned' }]), dest, { overwrite: true }),
      refused('invalid-input', /through the link/),
    )
    outsideUntouched()
  })

  it('refuses hard links outside, absolute, or to files the archive did not unpack', async () => {
    writeFileSync(join(dest, 'mine.txt'), 'the user’s')
    for (const linkname of ['../outside/keep.txt', join(outside, 'keep.txt'), 'mine.txt']) {
      await assert.rejects(extractArchive(await archive([{ name: 'h', type: 'link', linkname }]), dest), refused('invalid-input', /h/))
    }
    const ok = await extractArchive(await archive([{ name: 'f', content: 'x' }, { name: 'g', type: 'link', linkname: 'f' }]), dest)
    assert.equal(ok.links, 1)
    assert.equal(statSync(join(dest, 'g')).nlink, 2)
    outsideUntouched()
  })

  it('skips device files and FIFOs, and strips set-user-id bits', async () => {
    const result = await extractArchive(
      await archive([
        { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 },
        { name: 'disk', type: 'block-device', devmajor: 8, devminor: 0 },
        { name: 'pipe', type: 'fifo' },
        { name: 'tool', mode: 0o4755, content: '#!/bin/sh' },
      ]),
      dest,
    )
    assert.deepEqual(result.skipped.map((s) => s.name), ['null', 'disk', 'pipe'])
    assert.deepEqual(readdirSync(dest), ['tool'])
    assert.equal(statSync(join(dest, 'tool')).mode & 0o7777, 0o755)
    outsideUntouched()
  })

  it('refuses an archive with too many entries', async () => {
    const entries = Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, content: '' }))
    await assert.rejects(extractArchive(await archive(entries), dest, { maxEntries: 100 }), refused('invalid-input', /limit of 100/))
    outsideUntouched()
  })

  it('never replaces an existing file unless told to, and then replaces a link, not its target', async () => {
    writeFileSync(join(dest, 'keep.txt'), 'mine')
    symlinkSync(join(outside, 'keep.txt'), join(dest, 'l'))
    await assert.rejects(extractArchive(await archive([{ name: 'keep.txt', content: 'theirs' }]), dest), refused('conflict', /already exists/))
    assert.equal(readFileSync(join(dest, 'keep.txt'), 'utf8'), 'mine')
    await extractArchive(await archive([{ name: 'keep.txt', content: 'theirs' }, { name: 'l', content: 'new' }]), dest, { overwrite: true })
    assert.equal(readFileSync(join(dest, 'keep.txt'), 'utf8'), 'theirs')
    assert.equal(lstatSync(join(dest, 'l')).isFile(), true)
    outsideUntouched()
  })

  it('writes names with spaces, unicode and leading dashes', async () => {
    const names = ['a b/c d.txt', 'ünï/名前.txt', '-rf', '--help/-x']
    await extractArchive(await archive(names.map((name) => ({ name, content: name }))), dest)
    for (const name of names) assert.equal(readFileSync(join(dest, name), 'utf8'), name)
    assert.ok(existsSync(join(dest, '-rf')))
    outsideUntouched()
  })
})
