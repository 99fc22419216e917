// Hostile build contexts, on the tar Berth sends: links stay links, pipes are skipped, a file that
// cannot be read is named, and an ignored 10,000-file node_modules is never walked.
import { strict as assert } from 'node:assert'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import tar from 'tar-stream'
import { packContext, scanContext, type ContextScan } from '@main/engine/build/context'
import { readPatterns } from '@main/engine/build/ignore'
import { docker as cli } from '../../env/docker-cli'

/** The CLI's figure for a size (go-units HumanSize): four significant digits, in 1000s. */
function goHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let i = 0
  let size = bytes
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000
    i++
  }
  return `${Number(size.toPrecision(4))}${units[i]}`
}

const made: string[] = []
function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-context-'))
  made.push(dir)
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

interface Sent {
  name: string
  type: string
  uid: number
  gid: number
  linkname?: string | null
  body: string
}

async function sent(scan: ContextScan): Promise<Sent[]> {
  const entries: Sent[] = []
  const extract = tar.extract()
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: unknown) => chunks.push(c as Buffer))
    stream.on('end', () => {
      entries.push({ name: header.name, type: header.type ?? '', uid: header.uid ?? -1, gid: header.gid ?? -1, linkname: header.linkname, body: Buffer.concat(chunks).toString() })
      next()
    })
  })
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve)
    extract.on('error', reject)
  })
  const pack = packContext(scan)
  pack.on('error', (err) => extract.destroy(err))
  pack.pipe(extract)
  await done
  return entries
}

describe('build context', () => {
  it('sends a link pointing outside as a link, never its target, with uid/gid 0', async () => {
    const dir = context({ 'a.txt': 'a' })
    symlinkSync('/etc/passwd', join(dir, 'outside'))
    symlinkSync('../../nowhere', join(dir, 'dangling'))
    const entries = await sent(await scanContext(dir))
    const outside = entries.find((e) => e.name === 'outside')
    assert.equal(outside?.type, 'symlink')
    assert.equal(outside?.linkname, '/etc/passwd')
    assert.equal(outside?.body, '')
    assert.equal(entries.find((e) => e.name === 'dangling')?.linkname, '../../nowhere')
    assert.ok(entries.every((e) => e.uid === 0 && e.gid === 0))
    assert.equal(entries.find((e) => e.name === 'a.txt')?.body, 'a')
  })

  it('skips a named pipe with a note instead of waiting on it', async () => {
    const dir = context({ 'a.txt': 'a' })
    execFileSync('mkfifo', [join(dir, 'pipe')])
    const scan = await scanContext(dir)
    assert.deepEqual(scan.skipped, ['pipe (a named pipe: not sent, like the docker CLI)'])
    const entries = await sent(scan)
    assert.deepEqual(entries.map((e) => e.name).sort(), ['Dockerfile', 'a.txt'])
  })

  it('names a file that could not be read', async () => {
    const dir = context({ 'src/gone.txt': 'x', 'src/kept.txt': 'y' })
    const scan = await scanContext(dir)
    unlinkSync(join(dir, 'src/gone.txt'))
    await assert.rejects(sent(scan), /"src\/gone\.txt" could not be read \(it was removed while the context was being read\)/)
  })

  it('never walks an ignored 10,000-file node_modules', async () => {
    const dir = context({ '.dockerignore': 'node_modules\n', 'index.js': 'x' })
    for (let p = 0; p < 100; p++) {
      mkdirSync(join(dir, 'node_modules', `pkg${p}`), { recursive: true })
      for (let f = 0; f < 100; f++) writeFileSync(join(dir, 'node_modules', `pkg${p}`, `f${f}.js`), '')
    }
    const scan = await scanContext(dir)
    assert.equal(scan.directoriesRead, 1, 'only the context folder itself was listed')
    assert.deepEqual(scan.ignoredDirectories, ['node_modules'])
    assert.equal(scan.files, 3)

    // An exception inside it opens only the way to that file.
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n!node_modules/pkg7/f1.js\n')
    const excepted = await scanContext(dir)
    assert.equal(excepted.directoriesRead, 3, 'the context, node_modules and pkg7')
    assert.ok(excepted.entries.some((e) => e.path === 'node_modules/pkg7/f1.js'))
    assert.equal(excepted.entries.filter((e) => e.path.startsWith('node_modules/')).length, 1)
  })

  it('counts size and files before sending, and always sends the Dockerfile and .dockerignore', async () => {
    const dir = context({ '.dockerignore': '*\n', 'big.bin': 'x'.repeat(1000), constructor: 'c' })
    const scan = await scanContext(dir)
    assert.deepEqual(scan.entries.map((e) => e.path).sort(), ['.dockerignore', 'Dockerfile'])
    assert.equal(scan.files, 2)
    assert.equal(scan.size, '*\n'.length + 'FROM scratch\n'.length)
  })

  it('knows the archive it will send before sending it, as the CLI counts it', { timeout: 120_000 }, async () => {
    const deep = `${'a-long-folder-name/'.repeat(8)}file.txt` // over 100 characters: a PAX header of its own
    const dir = context({ empty: '', one: '1', block: 'b'.repeat(512), more: 'm'.repeat(513), [deep]: 'deep' })
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY one /\n')
    symlinkSync('one', join(dir, 'link'))
    const scan = await scanContext(dir)
    let packed = 0
    const pack = packContext(scan)
    for await (const chunk of pack) packed += (chunk as Buffer).length
    assert.equal(scan.archiveSize, packed, 'the bytes the packer then writes')
    assert.ok(scan.archiveSize > scan.size + 512 * scan.entries.length, 'headers and padding counted')

    // The CLI's classic build prints the archive it sends, in its units (4 significant digits, 1000s).
    const printed = await cli(['build', dir], { env: { DOCKER_BUILDKIT: '0' }, output: 'all' })
    const image = /Successfully built ([0-9a-f]+)/.exec(printed)?.[1]
    if (image) await cli(['rmi', image]).catch(() => {})
    assert.equal(/Sending build context to Docker daemon\s+(\S+)/.exec(printed)?.[1], goHumanSize(scan.archiveSize))
  })

  it('reads .dockerignore as the CLI does', () => {
    assert.deepEqual(readPatterns('\uFEFF# c\n /a/ \n!  b/../c\n\n./d\n'), ['a', '!c', 'd'])
  })

  it('refuses a Dockerfile outside the folder or missing', async () => {
    const dir = context({})
    await assert.rejects(scanContext(dir, '../Dockerfile'), /must be inside the folder/)
    await assert.rejects(scanContext(dir, 'Nope'), /There is no Dockerfile at "Nope"/)
    await assert.rejects(scanContext(join(dir, 'missing')), /is not a folder/)
  })
})
