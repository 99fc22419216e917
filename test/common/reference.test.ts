import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseImageReference } from '@common/reference'
import { EngineError } from '@main/engine/errors'
import { authKey, normalizeRegistry, parseReference } from '@main/engine/images/reference'

const DIGEST = `sha256:${'ab12'.repeat(16)}`

interface Vector {
  from: string
  input: string
  valid: boolean
  defaultTag?: boolean
  normalized?: string
  familiarName?: string
  familiar?: string
  domain?: string
  path?: string
  tag?: string | null
  digest?: string | null
}
// distribution/reference's own test cases (the parser the docker CLI uses), as data: the file names
// its source, commit and licence, and which cases do not apply to ParseNormalizedNamed, and why.
const vectors = JSON.parse(readFileSync(new URL('./reference-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[]
  leftOut: { from: string; reason: string }[]
}

function refusal(text: string): string {
  try {
    parseReference(text)
  } catch (err) {
    assert.ok(err instanceof EngineError)
    assert.equal(err.code, 'invalid-input')
    return err.message
  }
  assert.fail(`"${text}" was accepted`)
}

describe('the CLI reference parser’s own test cases', () => {
  it(`agrees on all ${vectors.vectors.length} vectors`, () => {
    assert.ok(vectors.vectors.length > 200 && vectors.leftOut.every((l) => l.reason.length > 20))
    const wrong: string[] = []
    for (const v of vectors.vectors) {
      const result = parseImageReference(v.input, { defaultTag: v.defaultTag })
      const label = `${v.from}: ${JSON.stringify(v.input.length > 80 ? `${v.input.slice(0, 77)}…` : v.input)}`
      if (result.ok !== v.valid) {
        wrong.push(`${label} should be ${v.valid ? 'accepted' : 'refused'}${result.ok ? '' : ` (${result.message})`}`)
        continue
      }
      if (!result.ok) continue
      const r = result.value
      const got = { normalized: r.normalized, familiarName: r.familiarName, familiar: r.familiar, domain: r.registry, path: r.path }
      for (const key of ['normalized', 'familiarName', 'familiar', 'domain', 'path'] as const) {
        if (v[key] !== undefined && v[key] !== got[key]) wrong.push(`${label}: ${key} ${got[key]} ≠ ${v[key]}`)
      }
      // null: the vector says there is none.
      for (const key of ['tag', 'digest'] as const) {
        if (v[key] !== undefined && (v[key] ?? undefined) !== r[key]) wrong.push(`${label}: ${key} ${r[key]} ≠ ${v[key]}`)
      }
    }
    assert.deepEqual(wrong, [])
  })
})

describe('parseReference', () => {
  it('normalizes official images to docker.io/library with latest', () => {
    const r = parseReference('node', { defaultTag: true })
    assert.equal(r.normalized, 'docker.io/library/node:latest')
    assert.equal(r.familiar, 'node:latest')
    assert.equal(r.registry, 'docker.io')
    assert.equal(parseReference('node:20').normalized, 'docker.io/library/node:20')
    assert.equal(parseReference('node').tag, undefined, 'no default tag unless asked (docker tag adds it itself)')
  })

  it('keeps user repositories on Docker Hub, and nested library/ paths whole', () => {
    const r = parseReference('user/repo', { defaultTag: true })
    assert.equal(r.normalized, 'docker.io/user/repo:latest')
    assert.equal(r.familiar, 'user/repo:latest')
    assert.equal(parseReference('index.docker.io/user/repo:1').normalized, 'docker.io/user/repo:1')
    assert.equal(parseReference('docker.io/node').normalized, 'docker.io/library/node')
    assert.equal(parseReference('docker.io/library/foo/bar:1').familiar, 'library/foo/bar:1')
  })

  it('finds the registry host the way the CLI does', () => {
    const r = parseReference(`host:5000/ns/repo@${DIGEST}`, { defaultTag: true })
    assert.deepEqual([r.registry, r.path, r.tag, r.digest], ['host:5000', 'ns/repo', undefined, DIGEST])
    assert.equal(r.normalized, `host:5000/ns/repo@${DIGEST}`)
    assert.equal(parseReference('localhost/app').registry, 'localhost')
    assert.equal(parseReference('ghcr.io/org/app:1.2').registry, 'ghcr.io')
    assert.equal(parseReference('127.0.0.1:5000/app:1').familiar, '127.0.0.1:5000/app:1')
    // No '.', no ':' and not localhost: a namespace on Docker Hub, not a host.
    assert.equal(parseReference('team/app').registry, 'docker.io')
    assert.equal(parseReference('myhost/team/app').registry, 'docker.io')
    assert.equal(parseReference('app:1@' + DIGEST).tag, '1')
    // The CLI takes any digits as a port; the registry, not the parser, refuses a port that cannot be.
    assert.equal(parseReference('host:99999/app').registry, 'host:99999')
  })

  it('explains what is wrong with a bad reference', () => {
    assert.match(refusal(''), /cannot be empty/)
    assert.match(refusal('MyApp'), /must be lowercase.*"myapp"/)
    assert.match(refusal('Team/App'), /"Team\/App" is not a valid image reference: repository names must be lowercase \("App" → "app"\)/)
    assert.match(refusal('my app'), /contains a space/)
    assert.match(refusal('team//app'), /empty path component/)
    assert.match(refusal('app:-bad'), /tag "-bad" is not valid/)
    assert.match(refusal(`app:${'x'.repeat(129)}`), /at most 128/)
    assert.match(refusal('app@sha256:abc'), /digest/)
    assert.match(refusal(`app@sha256:${'a'.repeat(63)}x`), /digest/)
    assert.match(refusal(`app@sha256:${'a'.repeat(63)}`), /exactly 64 hex characters; this one has 63/)
    assert.match(refusal(`app@sha256:${'A'.repeat(64)}`), /hex is lowercase/)
    assert.match(refusal(`app@md5:${'a'.repeat(32)}`), /algorithm "md5" is not one the CLI knows/)
    assert.match(refusal('a'.repeat(64)), /image ID, not a repository name/)
    assert.match(refusal('host:port/app'), /port "port" is not a number/)
    assert.match(refusal('fc00::1:5000/app'), /IPv6 address goes between brackets/)
    assert.match(refusal('[2001:db8::192.0.2.33]:5000/app'), /no dotted IPv4 part/)
    assert.match(refusal('https://ghcr.io/app'), /leave out the scheme/)
    assert.match(refusal('-app'), /must start and end with a lowercase letter or digit/)
    assert.match(refusal('app$'), /"\$" is not allowed/)
    assert.match(refusal(':1.0'), /no repository name/)
    // The limit counts the path, library/ included, never the host.
    assert.match(refusal('a'.repeat(250)), /is 258 characters long; the limit is 255/)
    assert.equal(parseReference(`example.com/${'a'.repeat(255)}`).path.length, 255)
  })
})

describe('registry addresses', () => {
  it('reads what docker login accepts', () => {
    assert.equal(normalizeRegistry(''), 'docker.io')
    assert.equal(normalizeRegistry('https://index.docker.io/v1/'), 'docker.io')
    assert.equal(normalizeRegistry('localhost:5000'), 'localhost:5000')
    assert.equal(normalizeRegistry('https://GHCR.io'), 'ghcr.io')
    assert.throws(() => normalizeRegistry('bad host'), /not a registry address/)
    assert.throws(() => normalizeRegistry('host:99999'), /above 65535/)
  })

  it('files Docker Hub under the key the CLI uses', () => {
    assert.equal(authKey('docker.io'), 'https://index.docker.io/v1/')
    assert.equal(authKey('127.0.0.1:5000'), '127.0.0.1:5000')
  })
})
