// A copy out of a container whose archive breaks off mid-file (the engine stopped): the error names
// the file and how far it got, and no partial file is left under its name (nor a replaced one lost).
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import * as tar from 'tar-stream'
import { EngineError } from '@main/engine/errors'
import { extractArchive } from '@main/engine/files/safe-extract'

const MB = 1024 * 1024

/** A real tar of `app.log` (10 MB), of which only the header and the first `sent` bytes arrive before the connection drops. */
async function cutArchive(sent: number): Promise<Readable> {
  const pack = tar.pack()
  pack.entry({ name: 'logs/app.log', size: 10 * MB, mode: 0o644 }, Buffer.alloc(10 * MB, 'x'))
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk)
  const whole = Buffer.concat(chunks).subarray(0, 512 + sent)
  // As an HTTP response does when the engine's socket closes mid-body: some chunks, then an error.
  return Readable.from(
    (async function* () {
      for (let at = 0; at < whole.length; at += 64 * 1024) {
        yield whole.subarray(at, at + 64 * 1024)
        await new Promise((r) => setImmediate(r))
      }
      await new Promise((r) => setTimeout(r, 400))
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
    })(),
  )
}

describe('a copy cut short', () => {
  it('names the file and how far it got, and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cut-'))
    const error = await extractArchive(await cutArchive(Math.round(3.2 * MB)), dir).then(() => null, (err: unknown) => err)
    assert.ok(error instanceof EngineError)
    assert.equal(error.code, 'engine-unreachable')
    assert.match(error.message, /^Copy of "app\.log" stopped at 3\.\d MB of 10\.0 MB: the Docker engine stopped\./)
    assert.deepEqual(readdirSync(join(dir, 'logs')), [], 'neither app.log nor a temporary file is left')
  })

  it('keeps the file it was to replace when the copy over it is cut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cut-'))
    const archive = await cutArchive(2 * MB)
    const logs = join(dir, 'logs')
    mkdirSync(logs)
    writeFileSync(join(logs, 'app.log'), 'the old one')
    await assert.rejects(extractArchive(archive, dir, { overwrite: true }), /stopped at 2\.0 MB of 10\.0 MB/)
    assert.deepEqual(readdirSync(logs), ['app.log'])
    assert.equal(readFileSync(join(logs, 'app.log'), 'utf8'), 'the old one')
  })
})
