// `docker builder prune -a -f` against the oracle: after Berth's prune, `docker system df` counts no
// build cache left to reclaim, and what Berth says it freed is what df counted before.
import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { pruneBuildCache } from '@main/engine/system/build-cache'
import { diskUsage } from '@main/engine/system/disk-usage'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { BUSYBOX_IMAGE, testDocker, uniqueName } from '../../env/session'

interface DfRow {
  Type: string
  TotalCount: string
  Reclaimable: string
}
const buildCacheRow = async () =>
  (await cli(['system', 'df', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as DfRow).find((r) => r.Type === 'Build Cache')

describe('build cache prune (real engine, CLI oracle)', { skip: testEngineKind() === 'podman' && 'Podman keeps no BuildKit cache: its builds are Buildah’s' }, () => {
  const tag = uniqueName('cache-maker')
  after(() => cli(['rmi', '-f', tag]).catch(() => {}))

  it('removes every unused cache record, so docker system df has nothing left to reclaim', async () => {
    // A BuildKit build leaves cache records behind, as a user's builds do.
    await cli(['build', '--network', 'none', '-t', tag, '-'], { input: `FROM ${BUSYBOX_IMAGE}\nRUN head -c 100000 /dev/urandom > /noise\n`, env: { DOCKER_BUILDKIT: '1' } })
    const before = (await diskUsage(testDocker())).rows.find((r) => r.kind === 'build-cache')
    assert.ok(before && before.reclaimable > 0, 'the build left reclaimable cache')
    assert.notEqual((await buildCacheRow())?.TotalCount, '0')

    const result = await pruneBuildCache(testDocker())
    assert.ok(result.removed > 0)
    assert.ok(result.spaceReclaimed >= before.reclaimable, `freed ${result.spaceReclaimed}, df counted ${before.reclaimable}`)
    const row = await buildCacheRow()
    assert.equal(row?.Reclaimable, '0B')
    assert.equal((await diskUsage(testDocker())).rows.find((r) => r.kind === 'build-cache')?.reclaimable, 0)
  })
})
