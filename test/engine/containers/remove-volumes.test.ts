// `docker rm` and `docker rm -v` against the oracle: a container's anonymous volumes outlive it unless
// -v is asked, and a named volume stays either way (`docker volume ls` says which are left).
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { removeContainer } from '@main/engine/containers/containers'
import { docker as cli } from '../../env/docker-cli'
import { TEST_LABEL } from '../../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'

/** A stopped container with an anonymous volume at /cache and the named one at /data; the anonymous volume's name. */
async function containerWithVolumes(named: string): Promise<{ name: string; anonymous: string }> {
  const name = uniqueName('rm-v')
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, '-v', '/cache', '-v', `${named}:/data`, BUSYBOX_IMAGE, 'true'])
  const anonymous = await cli(['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/cache"}}{{.Name}}{{end}}{{end}}', name])
  assert.match(anonymous, /^[0-9a-f]{64}$/)
  return { name, anonymous }
}

const volumeNames = async () => (await cli(['volume', 'ls', '-q'])).split('\n')

describe('removing a container and its volumes (real engine, CLI oracle)', () => {
  const named = uniqueName('rm-v-named')
  const left: string[] = [named]
  after(async () => {
    await removeTestContainers(testDocker())
    for (const v of left) await cli(['volume', 'rm', v]).catch(() => {})
  })

  it('keeps the anonymous volume without -v, removes it with -v, and keeps the named one both times', async () => {
    const kept = await containerWithVolumes(named)
    left.push(kept.anonymous)
    await removeContainer(testDocker(), kept.name)
    assert.ok((await volumeNames()).includes(kept.anonymous), 'without -v the anonymous volume stays')

    const gone = await containerWithVolumes(named)
    await removeContainer(testDocker(), gone.name, false, true)
    const after = await volumeNames()
    assert.ok(!after.includes(gone.anonymous), 'with -v the anonymous volume goes')
    assert.ok(after.includes(named), 'a named volume always stays')
  })
})
