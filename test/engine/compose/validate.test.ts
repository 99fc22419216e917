// Compose files read and checked against the Compose Specification: each problem at the line and column
// of the node it is about, before anything runs.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { checkComposeText } from '@main/engine/compose/validate'
import { locateComposeFile, readComposeFiles } from '@main/engine/compose/project-file'
import { volumesDownRemoves } from '@common/compose/volumes'

const where = (text: string) => checkComposeText('c.yaml', text).issues.map((i) => `${i.line}:${i.column} ${i.message}`)

describe('validating a compose file', () => {
  it('accepts a valid file', () => {
    assert.deepEqual(where('services:\n  web:\n    image: busybox\n    ports: ["8080:80"]\n    command: ["sh", "-c", "echo hi"]\nvolumes:\n  data: {}\n'), [])
  })

  it('points at an unknown key, a wrong type and a oneOf of types, each at its node', () => {
    const issues = where('services:\n  web:\n    image: x\n    imag: y\n    ports: 3\n    command: 5\n')
    assert.deepEqual(issues, [
      '4:5 services.web.imag: "imag" is not a key the Compose Specification knows here (a typo?).',
      '5:12 services.web.ports: must be a list.',
      '6:14 services.web.command: must be a string or a list.',
    ])
  })

  it('points into lists and deeper mappings', () => {
    assert.deepEqual(where('services:\n  web:\n    image: x\n    healthcheck:\n      retries: many\n    ports:\n      - "80"\n      - {target: 80, protocol: 5}\n'), [
      '5:16 services.web.healthcheck.retries: must be a number.',
      '8:32 services.web.ports[1].protocol: must be a string.',
    ])
  })

  it('says a YAML syntax error at its line, and a duplicate key at the second one', () => {
    assert.match(where('services:\n  web:\n    image: "x\n')[0] ?? '', /^3:13 Not valid YAML: Missing closing "quote/)
    assert.match(where('services:\n  web:\n    image: x\n  web:\n    image: y\n')[0] ?? '', /^4:3 Not valid YAML: Map keys must be unique/)
  })

  it('asks for an image or a build, and for a mapping at the top', () => {
    assert.deepEqual(where('services:\n  web:\n    command: x\n'), ['2:3 services.web: needs "image:" or "build:" (what to run).'])
    assert.deepEqual(where('- a\n'), ['1:1 A compose file is a mapping (key: value) with "services:" in it.'])
    assert.deepEqual(where(''), ['1:1 The file is empty: a compose file has at least "services:".'])
  })
})

describe('reading a project’s files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-read-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('finds the folder’s file in the order Compose looks, and sums up services and volumes', async () => {
    const folder = join(dir, 'My App')
    mkdirSync(folder)
    writeFileSync(join(folder, 'docker-compose.yml'), 'services:\n  old:\n    image: x\n')
    writeFileSync(join(folder, 'compose.yaml'), 'services:\n  web:\n    image: x\n  api:\n    build: ./api\nvolumes:\n  data: {}\n  shared:\n    external: true\n  named:\n    name: fixed-name\n')
    const file = await locateComposeFile(folder)
    assert.equal(file, join(folder, 'compose.yaml'))
    const read = await readComposeFiles([file])
    assert.equal(read.defaultProject, 'myapp')
    assert.deepEqual(read.services, [{ name: 'web', image: 'x' }, { name: 'api', build: './api' }])
    assert.deepEqual(volumesDownRemoves(read, 'other'), ['other_data', 'fixed-name'])
    await assert.rejects(locateComposeFile(join(dir, 'nowhere')), /Nothing is at/)
    await assert.rejects(locateComposeFile('relative/path'), /not an absolute path/)
    await assert.rejects(readComposeFiles([join(dir, 'gone.yaml')]), /cannot be read from here/)
  })
})
