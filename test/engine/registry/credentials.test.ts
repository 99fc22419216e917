// Logins shared with the docker CLI: a `docker login` in a terminal is seen by Berth and a Berth
// login is used by the CLI, through config.json and a real credential helper (a small program on
// PATH speaking the helper protocol). And without a helper, Berth seals what it keeps.
import { strict as assert } from 'node:assert'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { CredentialStore, type SecretBox } from '@main/engine/registry/credentials'
import { login, logout, pushImage } from '@main/engine/registry/registry'
import { installTestHelper, TEST_HELPER, type TestHelper } from '../../env/credential-helper'
import { docker as cli } from '../../env/docker-cli'
import { buildUniqueImage } from '../../env/registry-images'
import { startTestRegistry, type TestRegistry } from '../../env/registry'
import { testDocker, uniqueName } from '../../env/session'

/** A real cipher with a key that lives in this process only: what safeStorage does with the OS keychain. */
function testSecretBox(file: string): SecretBox {
  const key = randomBytes(32)
  return {
    file,
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

const readConfig = (dir: string) => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { auths?: Record<string, Record<string, string>> }

describe('credentials shared with the docker CLI', () => {
  let registry: TestRegistry
  let helper: TestHelper
  let docker: Dockerode
  let image: string
  const originalEnv = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, PATH: process.env.PATH }
  const transfer = (operation: string) => ({ operation, signal: new AbortController().signal, onProgress: () => {} })

  /** A fresh config dir that both this process's CLI calls and Berth use. */
  function useConfig(config: object | null): string {
    const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'))
    if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
    process.env.DOCKER_CONFIG = dir
    return dir
  }

  before(async () => {
    registry = await startTestRegistry()
    helper = installTestHelper()
    process.env.PATH = helper.path
    docker = testDocker()
    image = `${registry.engineHost}/team/${uniqueName('shared')}:1`
    await buildUniqueImage(image)
  })

  after(async () => {
    process.env.DOCKER_CONFIG = originalEnv.DOCKER_CONFIG
    process.env.PATH = originalEnv.PATH
    helper?.remove()
    await registry?.stop()
  })

  it('sees a CLI `docker login` that wrote config.json, uses it, and logs out as the CLI does', async () => {
    const dir = useConfig(null)
    await cli(['login', '-u', registry.username, '--password-stdin', registry.engineHost], { input: registry.password })
    assert.ok(readConfig(dir).auths?.[registry.engineHost]?.auth, 'the CLI wrote its base64 entry')

    const store = new CredentialStore({ configDir: dir })
    assert.deepEqual(await store.list(), [{ registry: registry.engineHost, username: registry.username, storage: 'config' }])
    const pushed = await pushImage(docker, store, image, transfer('p1'))
    assert.match(pushed.digest ?? '', /^sha256:/)

    assert.deepEqual(await logout(store, registry.engineHost), { registry: registry.engineHost, removed: true })
    assert.equal(readConfig(dir).auths?.[registry.engineHost], undefined)
    // Each engine in its words: Docker's client sends none, Podman's registry answer says so.
    await assert.rejects(cli(['push', image]), /no basic auth credentials|unauthorized: authentication required/, 'the CLI is logged out too')
  })

  it('stores a Berth login in the configured helper, where the CLI finds it', async () => {
    const dir = useConfig({ credsStore: TEST_HELPER })
    const store = new CredentialStore({ configDir: dir })
    assert.equal(store.storageFor(registry.engineHost).storage, 'helper')
    const result = await login(docker, store, { registry: registry.engineHost, username: registry.username, password: registry.password })
    assert.equal(result.storage, 'helper')
    assert.equal(result.helper, TEST_HELPER)
    assert.deepEqual(helper.stored()[registry.engineHost], { Username: registry.username, Secret: registry.password })
    assert.deepEqual(readConfig(dir).auths?.[registry.engineHost], {}, 'config.json lists the registry, with no secret')

    await cli(['push', image]) // the CLI asks the helper, as it does for any login
    await cli(['logout', registry.engineHost])
    assert.equal(helper.stored()[registry.engineHost], undefined)
    assert.deepEqual(await store.list(), [])
  })

  it('sees a CLI login kept by the helper, and its logout removes only that registry', async () => {
    const dir = useConfig({ credsStore: TEST_HELPER, auths: { 'other.example:5000': { auth: Buffer.from('someone:x').toString('base64') } } })
    await cli(['login', '-u', registry.username, '--password-stdin', registry.engineHost], { input: registry.password })
    const store = new CredentialStore({ configDir: dir })
    const logins = await store.list()
    assert.deepEqual(
      logins.map((l) => [l.registry, l.username, l.storage]),
      [
        [registry.engineHost, registry.username, 'helper'],
        ['other.example:5000', 'someone', 'config'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )
    const pushed = await pushImage(docker, store, image, transfer('p2'))
    assert.equal(pushed.cancelled, false)

    await logout(store, registry.engineHost)
    assert.equal(helper.stored()[registry.engineHost], undefined)
    assert.deepEqual(readConfig(dir).auths, { 'other.example:5000': { auth: Buffer.from('someone:x').toString('base64') } })
  })

  it('without a helper, seals what it keeps and never writes base64 credentials', async () => {
    const dir = useConfig({})
    const vaultFile = join(mkdtempSync(join(tmpdir(), 'berth-user-data-')), 'registry-credentials.json')
    const box = testSecretBox(vaultFile)
    const store = new CredentialStore({ configDir: dir, secretBox: box })
    const result = await login(docker, store, { registry: registry.engineHost, username: registry.username, password: registry.password })
    assert.equal(result.storage, 'encrypted')
    assert.ok(existsSync(vaultFile), 'the sealed login was written')

    const basic = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
    for (const file of [vaultFile, join(dir, 'config.json')]) {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
      assert.equal(text.includes(registry.password), false, `${file} holds the password`)
      assert.equal(text.includes(basic), false, `${file} holds base64 credentials`)
      assert.equal(/"auth"\s*:/.test(text), false, `${file} has an auth field`)
    }
    // A second start of Berth with the same keychain finds the login.
    const later = new CredentialStore({ configDir: dir, secretBox: box })
    assert.deepEqual(await later.list(), [{ registry: registry.engineHost, username: registry.username, storage: 'encrypted' }])
    assert.equal((await pushImage(docker, later, image, transfer('p3'))).cancelled, false)
    // Names that every plain object answers to are not logins: logging out of them removes nothing.
    for (const name of ['constructor', 'hasownproperty', 'valueof']) assert.equal((await logout(later, name)).removed, false, name)
    assert.equal((await logout(later, registry.engineHost)).removed, true)
    assert.deepEqual(await later.list(), [])
  })

  it('says which registry refused a login, and keeps nothing from it', async () => {
    const dir = useConfig({ credsStore: TEST_HELPER })
    const store = new CredentialStore({ configDir: dir })
    await assert.rejects(
      login(docker, store, { registry: registry.engineHost, username: registry.username, password: 'wrong' }),
      (err: Error) => err.message.includes(`${registry.engineHost} refused the username or password`),
    )
    assert.deepEqual(helper.stored(), {})
  })
})
