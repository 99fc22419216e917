// The compose CLI is found as a shell finds it, on a PATH this test controls (a folder of links to the
// real programs): the first docker counts only if `docker compose version` really answers.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { findComposeCli, whichOnPath } from '@main/engine/compose/find-cli'

const root = mkdtempSync(join(tmpdir(), 'berth-find-cli-'))
after(() => rmSync(root, { recursive: true, force: true }))

/** A folder holding links named `name` to the real `target`. */
function folderOf(name: string, links: Record<string, string>): string {
  const dir = join(root, name)
  mkdirSync(dir)
  for (const [link, target] of Object.entries(links)) symlinkSync(target, join(dir, link))
  return dir
}

const real = (name: string): string => {
  const found = whichOnPath(name, process.env.PATH ?? '')
  assert.ok(found, `${name} is installed (test/env/prerequisites.list)`)
  return found
}

describe('finding the compose CLI', () => {
  // A docker CLI with no compose plugin: the static one first on the machine's PATH, else Debian's.
  const pluginless = whichOnPath('docker', process.env.PATH ?? '') ?? '/usr/bin/docker'
  // A config dir with no cli-plugins, so no plugin of the machine's is found.
  const env = (path: string) => ({ PATH: path, HOME: root, DOCKER_CONFIG: join(root, 'no-plugins') })

  it('skips a docker CLI whose compose plugin is missing, and takes docker-compose after it', async () => {
    const first = folderOf('first', { docker: pluginless })
    const second = folderOf('second', { 'docker-compose': real('docker-compose') })
    const cli = await findComposeCli(env(`${first}:${second}:/usr/bin:/bin`))
    assert.equal(cli?.name, 'docker-compose')
    assert.equal(cli?.path, join(second, 'docker-compose'))
    assert.match(cli?.version ?? '', /^\d+\.\d+\.\d+/)
  })

  it('takes the first of each on PATH, as a shell does', async () => {
    const a = folderOf('a', { 'docker-compose': real('docker-compose') })
    const b = folderOf('b', { 'docker-compose': real('docker-compose') })
    assert.equal((await findComposeCli(env(`${b}:${a}:/usr/bin:/bin`)))?.path, join(b, 'docker-compose'))
  })

  it('falls back to podman-compose', async () => {
    const only = folderOf('only-podman', { 'podman-compose': real('podman-compose'), podman: real('podman'), python3: real('python3') })
    const cli = await findComposeCli(env(only))
    assert.equal(cli?.name, 'podman-compose')
    assert.match(cli?.version ?? '', /^\d+\.\d+/)
  })

  it('finds none on a PATH without any, and skips what is not executable', async () => {
    const none = folderOf('none', {})
    writeFileSync(join(none, 'docker-compose'), '#!/bin/sh\necho 1.0.0\n', { mode: 0o644 })
    assert.equal(await findComposeCli(env(none)), null)
    assert.equal(await findComposeCli(env('')), null)
  })
})
