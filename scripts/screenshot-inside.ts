// `npm run screenshot:inside`: the image page (summary, layers) and a container's Inspect, Changes and
// Stats tabs at 1400×900 and 800×600, dark and light, into .tmp/inside/ for looking at; with --docs,
// the README's picture of the layers (docs/screenshot-layers.png).
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { buildImage, docker as cli } from '../test/env/docker-cli'
import { fixtureImage } from '../test/env/fixtures'
import { docsPath, LOOKS, README, screenshots, shotName } from './shots'

const DOCKERFILE = `FROM ${fixtureImage('busybox')}
ENV APP_ENV=production PORT=8080
WORKDIR /srv/app
COPY package.json ./
RUN mkdir -p node_modules/left-pad && head -c 120000 /bin/busybox > node_modules/left-pad/index.js
COPY server.js ./
RUN head -c 40000 /bin/busybox > /srv/app/build.bin
VOLUME /srv/app/data
EXPOSE 8080/tcp
LABEL org.opencontainers.image.title="acme web" org.opencontainers.image.version="2.3.0"
CMD ["sh", "-c", "trap 'exit 0' TERM; while true; do head -c 300000 /dev/urandom > /tmp/scratch; sleep 1; done & wait"]
`

const SHOTS: Array<[name: string, route: string, ready: string]> = [
  ['image-summary', '/images/acme%2Fweb%3A2.3.0', 'image-summary'],
  ['image-layers', '/images/acme%2Fweb%3A2.3.0/layers', 'layer-table'],
  ['container-inspect', '/containers/web/inspect', 'container-inspect'],
  ['container-changes', '/containers/web/changes', 'changes-tree'],
  ['container-stats', '/containers/web/stats', 'stats-cpu'],
  ['images-list', '/images', 'image-list'],
]

screenshots({
  engine: 'private',
  async stage() {
    await buildImage('acme/web:2.3.0', DOCKERFILE, { 'package.json': '{"name":"web","dependencies":{"left-pad":"1"}}\n', 'server.js': 'console.log("hi")\n' })
    await buildImage('acme/worker:2.3.0', `FROM ${fixtureImage('busybox')}\nRUN head -c 60000 /bin/busybox > /worker.bin\n`)
    await cli(['volume', 'create', 'web-uploads'])
    await cli([
      'run', '-d', '--name', 'web', '--network', 'none', '--restart', 'unless-stopped', '-e', 'GREETING=hello',
      '-v', 'web-uploads:/srv/app/uploads', '-v', '/tmp:/host-tmp:ro', '--label', 'team=platform', 'acme/web:2.3.0',
    ])
    await cli(['exec', 'web', 'sh', '-c', 'mkdir -p /srv/app/logs && echo started > /srv/app/logs/web.log && rm /bin/vi && echo 127.0.0.2 extra >> /etc/hosts.extra'])
  },
  async shoot({ open, save }) {
    const out = resolve(__dirname, '../.tmp/inside')
    mkdirSync(out, { recursive: true })
    for (const look of LOOKS) {
      for (const [name, route, ready] of SHOTS) {
        const page = await open(look, route)
        await page.getByTestId(ready).first().waitFor()
        await page.waitForTimeout(name === 'container-stats' ? 6000 : 400)
        await save(page, resolve(out, shotName(name, look)))
        await page.close()
      }
    }
    if (process.argv.includes('--docs')) {
      const page = await open(README, '/images/acme%2Fweb%3A2.3.0/layers')
      await page.getByTestId('layer-table').waitFor()
      await page.waitForTimeout(400)
      await save(page, docsPath('screenshot-layers.png'))
    }
  },
})
