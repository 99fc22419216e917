// The compose calls through the real router, on the run's engine: inputs checked before anything runs
// (a bad project name, a relative path, an invalid file, a file that is not there), the CLI named, or
// how to get one when PATH has none, and a run's output sent to the page that started it only.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { ComposeOutputEvent } from '@common/contract/compose'
import { refusal, testBridge, testPage, valueOf, type TestBridge } from '../env/bridge-page'
import { docker } from '../env/docker-cli'
import { BUSYBOX_IMAGE } from '../env/session'
import { IMAGE_TRANSFER_MS } from '../env/wait'

describe('compose over the bridge', () => {
  let b: TestBridge
  let none: TestBridge
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-bridge-'))
  const file = join(dir, 'compose.yaml')
  before(() => {
    writeFileSync(file, `services:\n  web:\n    image: ${BUSYBOX_IMAGE}\n`)
    b = testBridge()
    none = testBridge({ composeEnv: { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'berth-empty-path-')) } })
  })
  after(() => {
    b.close()
    none.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('names the CLI and its version, and what it is given to reach this engine', async () => {
    const info = valueOf(await b.call('compose', 'cli', {}))
    assert.match(info.cli?.name ?? '', /^(docker compose|docker-compose|podman-compose)$/)
    assert.match(info.cli?.version ?? '', /^\d/)
    assert.equal(info.env?.value, process.env.DOCKER_HOST)
  })

  it('says how to get one when PATH has none, and runs nothing', async () => {
    const info = valueOf(await none.call('compose', 'cli', {}))
    assert.equal(info.cli, null)
    assert.match(info.howToGet, /docker-compose-plugin/)
    assert.match(refusal(await none.call('compose', 'run', { operation: 'op1', request: { command: 'up', project: 'app', files: [file] } }), 'not-found'), /No compose CLI was found.*apt install/)
  })

  it('refuses bad input in a sentence, before anything runs', async () => {
    assert.match(refusal(await b.call('compose', 'run', { operation: 'op2', request: { command: 'up', project: 'Bad Name', files: [file] } }), 'invalid-input'), /compose project name/)
    assert.match(refusal(await b.call('compose', 'run', { operation: 'op3', request: { command: 'rm', project: 'app', files: [file] } }), 'invalid-input'), /command/)
    assert.match(refusal(await b.call('compose', 'open', { path: 'compose.yaml' }), 'invalid-input'), /not an absolute path/)
    assert.match(refusal(await b.call('compose', 'readProject', { project: 'gone', workingDir: join(dir, 'moved'), configFiles: ['compose.yaml'] }), 'not-found'), /cannot be read from here/)
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, `services:\n  web:\n    image: ${BUSYBOX_IMAGE}\n    ports: 80\n`)
    assert.match(refusal(await b.call('compose', 'run', { operation: 'op4', request: { command: 'up', project: 'badapp', files: [bad] } }), 'invalid-input'), /Nothing was run: \S+bad\.yaml:4:12: services\.web\.ports: must be a list/)
    assert.equal(await docker(['ps', '-aq', '--filter', 'label=com.docker.compose.project=badapp']), '')
  })

  it('sends a run’s output, tagged by service, to the page that started it only', { timeout: IMAGE_TRANSFER_MS }, async () => {
    const other = testPage()
    const result = valueOf(await b.call('compose', 'run', { operation: 'op5', request: { command: 'build', project: 'quiet', files: [file] } }))
    assert.equal(result.exitCode, 0)
    assert.match(result.line, / -p quiet -f \S+compose\.yaml build$/)
    assert.deepEqual(valueOf(await b.call('compose', 'line', { request: { command: 'build', project: 'quiet', files: [file] } })), { line: result.line }, 'the line shown before is the line that ran')
    const lines = b.page.of<ComposeOutputEvent>('compose', 'output').flatMap((e) => e.lines)
    assert.ok(lines.some((l) => l.service === 'web'), JSON.stringify(lines))
    assert.deepEqual(other.of('compose', 'output'), [])
  })
})
