// `npm run screenshot:run-flags`: the Run dialog with a long pasted `docker run` line, its flag groups
// open, the isolation sentences and the bind to confirm, in every look (into the folder given, or a
// temp one), scrolled to the groups and to the footer.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixtureImage } from '../test/env/fixtures'
import { LOOKS, screenshots, shotName } from './shots'

const LINE = `docker run -d --name grafana --privileged -v /var/run/docker.sock:/var/run/docker.sock \\
  --hostname grafana --dns 1.1.1.1 --add-host db.local:10.0.0.5 --memory 512m --cpus 1.5 --pids-limit 200 \\
  --ulimit nofile=1024:2048 --cap-add NET_ADMIN --security-opt no-new-privileges --read-only --init \\
  --health-cmd 'wget -qO- http://localhost:3000/api/health || exit 1' --health-interval 30s \\
  --log-driver json-file --log-opt max-size=10m --mount type=tmpfs,target=/cache,tmpfs-size=64m ${fixtureImage('busybox')}`

screenshots({
  engine: 'private',
  async stage() {},
  async shoot({ open, save }) {
    const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'berth-shots-'))
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      const page = await open(look, '/containers')
      await page.getByTestId('containers-run').click()
      const dialog = page.getByTestId('run-dialog')
      await dialog.getByTestId('run-paste').fill(LINE)
      await dialog.getByTestId('run-paste-fill').click()
      await dialog.getByTestId('run-group-limits').scrollIntoViewIfNeeded()
      await save(page, join(out, shotName('run-flags-groups', look)))
      await dialog.getByTestId('run-group-other').scrollIntoViewIfNeeded()
      await save(page, join(out, shotName('run-flags-more', look)))
      await page.close()
    }
    console.log(`Pictures in ${out}`)
  },
})
