// Save as compose through the real router: inputs validated (no container, a container that does not
// exist, a choice for nothing flagged, a flagged value without a choice) with a sentence and nothing
// written; a flagged value is in the file only when kept; the desktop's save hook gets the file.
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { testEngineKind } from '../env/engine'

const podman = testEngineKind() === 'podman'

describe('compose.savePreview and compose.saveFile over the bridge', () => {
  let b: TestBridge
  const written: { filename: string; text: string }[] = []
  const name = uniqueName('save-bridge')
  const secret = 'Zq4vT8mR2xW9kL3pN7bY5cH1'
  before(async () => {
    b = testBridge({ saveComposeFile: async (filename, text) => (written.push({ filename, text }), `/chosen/${filename}`) })
    await cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-e', 'DB_PASSWORD=hunter2', '-e', `SETTING=${secret}`, '-e', 'PLAIN=1', BUSYBOX_IMAGE, ...IDLE])
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
  })

  it('refuses what it cannot save, in a sentence, and writes nothing', async () => {
    assert.match(refusal(await b.call('compose', 'savePreview', { containers: [], secrets: [] }), 'invalid-input'), /needs at least one container/)
    assert.match(refusal(await b.call('compose', 'savePreview', { containers: ['no-such-container-x'], secrets: [] }), 'not-found'), /no-such-container-x/)
    assert.match(refusal(await b.call('compose', 'savePreview', { containers: [name] }), 'invalid-input'), /secrets/)
    assert.match(refusal(await b.call('compose', 'saveFile', { containers: [name], secrets: [{ id: 'other.KEY', choice: 'keep' }] }), 'invalid-input'), /No value flagged as a secret is named "other\.KEY"/)
    const missing = refusal(await b.call('compose', 'saveFile', { containers: [name], secrets: [{ id: `${name}.DB_PASSWORD`, choice: 'keep' }] }), 'invalid-input')
    assert.match(missing, new RegExp(`Choose whether to keep or replace by a variable: SETTING of ${name}\\. Nothing was saved\\.`))
    assert.match(refusal(await b.call('compose', 'saveFile', { containers: [name], secrets: [{ id: `${name}.SETTING`, choice: 'maybe' }] }), 'invalid-input'), /choice/)
    assert.equal(written.length, 0)
  })

  it('flags by name and by shape; the preview holds no flagged value until it is kept', async () => {
    const preview = valueOf(await b.call('compose', 'savePreview', { containers: [name], secrets: [] }))
    // In the container's env order, which the 20.10 CLI leaves to chance: compared as a set.
    assert.deepEqual(preview.secrets.map((s) => [s.key, s.value, s.variable]).sort(), [['DB_PASSWORD', 'hunter2', 'DB_PASSWORD'], ['SETTING', secret, 'SETTING']])
    assert.ok(!preview.yaml.includes('hunter2') && !preview.yaml.includes(secret))
    assert.match(preview.yaml, /- PLAIN=1\n/)
    assert.deepEqual(preview.envFile.split('\n').sort(), ['', 'DB_PASSWORD=', 'SETTING='])
  })

  // Podman gives -P its host ports when it creates the container, and shows them as -p: they are written so.
  it('names what Compose cannot say: -P (on Docker), --rm', async () => {
    const other = uniqueName('save-notes')
    await cli(['create', '--name', other, '--label', `${TEST_LABEL}=1`, '-P', '--expose', '80', '--rm', BUSYBOX_IMAGE, 'true'])
    const { notes, services } = valueOf(await b.call('compose', 'savePreview', { containers: [other], secrets: [] }))
    assert.deepEqual(services, [{ container: other, service: other }])
    assert.equal(notes.length, podman ? 1 : 2, notes.join('\n'))
    if (!podman) assert.match(notes.join('\n'), /random host port \(-P\)/)
    assert.match(notes.join('\n'), /--rm/)
  })

  it('saves through the host hook with each value as chosen', async () => {
    const saved = valueOf(await b.call('compose', 'saveFile', { containers: [name], secrets: [{ id: `${name}.DB_PASSWORD`, choice: 'variable' }, { id: `${name}.SETTING`, choice: 'keep' }] }))
    assert.equal(saved.savedTo, '/chosen/compose.yaml')
    assert.equal(written.length, 1)
    assert.equal(written[0]!.text, saved.yaml)
    assert.match(saved.yaml, /- DB_PASSWORD=\$\{DB_PASSWORD\}\n/)
    assert.ok(!saved.yaml.includes('hunter2'))
    assert.match(saved.yaml, new RegExp(`- SETTING=${secret}\\n`))
    assert.equal(saved.envFile, 'DB_PASSWORD=\n')
  })
})
