// `npm run screenshot`: the README's pictures, taken of the real UI. Starts a private engine, makes a
// few containers and images from the local busybox fixture, opens browser mode in Chromium and saves
// docs/screenshot.png (the containers, dark) and docs/screenshot-logs.png (a container's page at its
// Logs tab, light).
import { docker } from '../test/env/docker-cli'
import { fixtureImage, IDLE } from '../test/env/fixtures'
import { docsPath, README, screenshots } from './shots'

screenshots({
  engine: 'private',
  async stage() {
    const base = fixtureImage('busybox')
    for (const tag of ['acme/api:1.4.2', 'acme/worker:1.4.2', 'postgres-lite:16', 'localhost:5000/acme/web:dev']) {
      await docker(['tag', base, tag])
    }
    const run = (name: string, image: string, ...cmd: string[]) =>
      docker(['run', '-d', '--name', name, '--network', 'none', image, ...(cmd.length ? cmd : IDLE)])
    await run('api', 'acme/api:1.4.2')
    await run(
      'worker',
      'acme/worker:1.4.2',
      'sh',
      '-c',
      `i=0; while true; do i=$((i+1)); printf '\\033[32mINFO\\033[0m job %d done in %dms\\n' $i $((i*7%90+10)); [ $((i%5)) = 0 ] && echo "WARN queue depth $i" >&2; sleep 0.2; done`,
    )
    await run('db', 'postgres-lite:16')
    await run('migrate', 'acme/api:1.4.2', 'sh', '-c', 'exit 0')
    await run('nightly-report', 'acme/worker:1.4.2', 'sh', '-c', 'exit 2')
    await docker(['create', '--name', 'web', '--network', 'none', 'localhost:5000/acme/web:dev'])
  },
  async shoot({ open, save }) {
    const page = await open(README)
    await page.locator('[data-container="nightly-report"]').waitFor()
    await page.locator('[data-container="api"]').getByRole('button', { name: 'Restart' }).click()
    await page.getByTestId('cli-equivalent').waitFor()
    await page.waitForTimeout(1500)
    await save(page, docsPath('screenshot.png'))

    const light = await open({ ...README, scheme: 'light' }, '/containers/worker/logs')
    await light.getByTestId('log-row').first().waitFor()
    await light.waitForTimeout(2500)
    await save(light, docsPath('screenshot-logs.png'))
  },
})
