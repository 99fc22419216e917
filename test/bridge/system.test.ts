// `system.df` sent through the real router to the real engine, compared with `docker system df` on the
// same engine, row by row: how many, how many active, the size and what a prune could take back, in
// the CLI's own words ("1.985MB").
import { strict as assert } from 'node:assert'
import { after, before, describe, it } from 'node:test'
import type { DiskUsageRow } from '@common/contract/system'
import { refusal, testBridge, valueOf, type TestBridge } from '../env/bridge-page'
import { humanSize } from '../env/cli-units'
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'

const KINDS: Record<string, DiskUsageRow['kind']> = { Images: 'images', Containers: 'containers', 'Local Volumes': 'volumes', 'Build Cache': 'build-cache' }

interface CliRow {
  Type: string
  TotalCount: string
  Active: string
  Size: string
  Reclaimable: string
}

describe('system df over the bridge (real engine, docker system df as the oracle)', () => {
  let b: TestBridge
  const volume = uniqueName('berth-df')
  before(() => {
    b = testBridge()
  })
  after(async () => {
    b.close()
    await removeTestContainers(testDocker())
    await cli(['volume', 'rm', volume])
  })

  it('answers what docker system df prints, row by row', async () => {
    // Something in each row: a stopped container that wrote a file, a volume holding one, a running container.
    const writer = await cli(['create', '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', `${volume}:/data`, BUSYBOX_IMAGE, 'sh', '-c', 'head -c 9000 /bin/busybox > /f; head -c 7000 /bin/busybox > /data/f'])
    await cli(['start', writer])
    await cli(['wait', writer])
    await cli(['run', '-d', '--label', `${TEST_LABEL}=1`, '--network', 'none', BUSYBOX_IMAGE, 'sleep', '3600'])
    // Nothing writes from here on, so both read the same engine.
    const { rows } = valueOf(await b.call('system', 'df', {}))
    const printed = (await cli(['system', 'df', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as CliRow)
    assert.deepEqual(printed.map((r) => KINDS[r.Type]).sort(), rows.map((r) => r.kind).sort(), 'the same rows')
    for (const row of printed) {
      const ours = rows.find((r) => r.kind === KINDS[row.Type])!
      assert.deepEqual(
        { total: String(ours.total), active: String(ours.active), size: humanSize(ours.size), reclaimable: humanSize(ours.reclaimable) },
        // The CLI adds a percentage to some rows' reclaimable figure: "1.2MB (40%)".
        { total: row.TotalCount, active: row.Active, size: row.Size, reclaimable: row.Reclaimable.replace(/ \(\d+%\)$/, '') },
        row.Type,
      )
    }
    const containers = rows.find((r) => r.kind === 'containers')!
    assert.ok(containers.total >= 2 && containers.active >= 1 && containers.reclaimable >= 9000, JSON.stringify(containers))
  })

  it('refuses any input, in a sentence', async () => {
    assert.match(refusal(await b.call('system', 'df', { verbose: true }), 'invalid-input'), /^Berth refused the request: input has unknown field "verbose"\.$/)
    assert.match(refusal(await b.call('system', 'df', 'all'), 'invalid-input'), /^Berth refused the request: .+\.$/)
  })
})
