// `builds.contextInfo` sent through the real router: the size and file count of a build context,
// before anything is sent, against what `docker build` really sends on the same engine (the files a
// `COPY . /ctx/` of that context puts in the image), .dockerignore honoured. A folder or Dockerfile
// that is not there, or outside the folder, is refused in a sentence.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { BUSYBOX_IMAGE, uniqueName } from '../env/session'
import { IMAGE_TRANSFER_MS } from '../env/wait'

describe('build context info over the bridge (real engine, docker build as the oracle)', () => {
  let b: TestBridge
  const dir = mkdtempSync(join(tmpdir(), 'berth-context-'))
  const tag = `${uniqueName('berth-test/context')}:1`
  before(() => {
    b = testBridge()
    const files: Record<string, string> = {
      Dockerfile: `FROM ${BUSYBOX_IMAGE}\nCOPY . /ctx/\n`,
      '.dockerignore': 'node_modules\n*.log\n!keep.log\n',
      'app.txt': 'a'.repeat(100),
      'src/main.js': 'b'.repeat(2000),
      'src/deep/data.bin': 'c'.repeat(30_000),
      'node_modules/lib/index.js': 'd'.repeat(50_000),
      'debug.log': 'e'.repeat(700),
      'keep.log': 'f'.repeat(70),
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
  })
  after(async () => {
    b.close()
    rmSync(dir, { recursive: true, force: true })
    await cli(['rmi', tag]).catch(() => {})
  })

  it('counts the files and bytes docker build sends, leaving out what .dockerignore does', async () => {
    const info = valueOf(await b.call('builds', 'contextInfo', { folder: dir }))
    assert.equal(info.root, dir)
    assert.equal(info.dockerfile, 'Dockerfile')
    assert.deepEqual(info.ignoredDirectories, ['node_modules'], 'an ignored folder is not even read')
    await cli(['build', '--network=none', '--quiet', '-t', tag, dir], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: IMAGE_TRANSFER_MS })
    const sent = (await cli(['run', '--rm', '--network', 'none', tag, 'sh', '-c', 'cd /ctx && find . -type f | sort && cat $(find . -type f) | wc -c'])).split('\n')
    const bytes = Number(sent.pop())
    assert.deepEqual(sent, ['./.dockerignore', './Dockerfile', './app.txt', './keep.log', './src/deep/data.bin', './src/main.js'])
    assert.equal(info.files, sent.length)
    assert.equal(info.size, bytes)
  })

  it('refuses a folder or a Dockerfile that is not there, a Dockerfile outside the folder, and bad input', async () => {
    const missing = join(dir, 'no-such-folder')
    const refused: Array<[unknown, RegExp]> = [
      [{ folder: missing }, new RegExp(`^"${missing}" is not a folder on this machine\\.$`)],
      [{ folder: join(dir, 'app.txt') }, /is not a folder on this machine/],
      [{ folder: dir, dockerfile: '../Dockerfile' }, /^The Dockerfile "\.\.\/Dockerfile" must be inside the folder, as a path relative to it\.$/],
      [{ folder: dir, dockerfile: '/etc/passwd' }, /must be inside the folder/],
      [{ folder: dir, dockerfile: 'src/Dockerfile' }, new RegExp(`^There is no Dockerfile at "src/Dockerfile" in ${dir}\\.$`)],
      [{ folder: '' }, /^Berth refused the request: folder .+\.$/],
      [{ folder: dir, extra: 1 }, /unknown field "extra"/],
      [{ folder: 'x'.repeat(5000) }, /folder too big/],
    ]
    for (const [input, message] of refused) assert.match(refusal(await b.call('builds', 'contextInfo', input), 'invalid-input'), message, JSON.stringify(input).slice(0, 80))
  })
})
