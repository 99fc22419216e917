// A volume's helper container removed between finding it and reading through it (another Berth's
// clean-up of an idle helper, `docker rm`) is not the volume's fault: the error says which went, and
// a browse makes a new helper and reads on.
import { strict as assert } from 'node:assert'
import { after, it } from 'node:test'
import { listDirectory, statPath } from '@main/engine/files/read'
import { locate } from '@main/engine/files/target'
import { removeHelpers } from '@main/engine/volumes/helper'
import { docker as cli } from '../../env/docker-cli'
import { testDocker, uniqueName } from '../../env/session'

const docker = testDocker()
const volume = uniqueName('helper-gone')
after(async () => {
  await removeHelpers(docker)
  await cli(['volume', 'rm', volume]).catch(() => '')
})

it('names the helper, not the volume, when the helper went mid-read; a browse reads on with a new one', { timeout: 120_000 }, async () => {
  await cli(['volume', 'create', volume])
  const target = { kind: 'volume' as const, name: volume }
  const located = await locate(docker, target, '/')
  await located.container.remove({ force: true })
  await assert.rejects(statPath(docker, target, '/', located), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'not-found')
    assert.match(err.message, /helper container for volume ".*" was removed while it was being read/)
    assert.doesNotMatch(err.message, /No volume/)
    return true
  })
  assert.deepEqual((await listDirectory(docker, target, '/')).entries, [])
})
