// A volume's Inspect tab against the oracle: what Berth reads for a volume (driver options, labels,
// mountpoint, created, scope) is what `docker volume inspect` prints for it.
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { inspectVolume } from '@main/engine/volumes/volumes'
import { docker as cli } from '../../env/docker-cli'
import { testDocker, uniqueName } from '../../env/session'

interface CliVolume {
  Name: string
  Driver: string
  Mountpoint: string
  CreatedAt: string
  Labels: Record<string, string> | null
  Options: Record<string, string> | null
  Scope: string
}

describe('volume inspect (real engine, CLI oracle)', () => {
  const made: string[] = []
  after(async () => {
    for (const name of made) await cli(['volume', 'rm', name]).catch(() => {})
  })

  it('reads the driver options, labels, mountpoint, created time and scope the CLI prints', async () => {
    const name = uniqueName('inspected')
    made.push(name)
    await cli(['volume', 'create', '--driver', 'local', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=nodev', '--label', 'team=web', '--label', 'empty=', name])
    const [oracle] = JSON.parse(await cli(['volume', 'inspect', name])) as CliVolume[]
    assert.ok(oracle)
    const detail = await inspectVolume(testDocker(), name)
    assert.equal(detail.name, oracle.Name)
    assert.equal(detail.driver, oracle.Driver)
    assert.equal(detail.mountpoint, oracle.Mountpoint)
    assert.equal(detail.scope, oracle.Scope)
    assert.deepEqual(detail.labels, oracle.Labels ?? {})
    assert.deepEqual(detail.options, oracle.Options ?? {})
    assert.deepEqual(detail.options, { type: 'tmpfs', device: 'tmpfs', o: 'nodev' })
    assert.equal(detail.created, Date.parse(oracle.CreatedAt))
  })
})
