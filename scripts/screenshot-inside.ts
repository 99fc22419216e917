// `npm run screenshot:inside`: the image page (summary, layers) and a container's Inspect, Changes and
// Stats tabs at 1400×900 and 800×600, dark and light, into .tmp/inside/ for looking at; with --docs,
// the README's picture of the layers (docs/screenshot-layers.png).
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserMode } from '@main/browser-mode/server'
import { startPrivateEngine } from '../test/env/engine'
import { buildImage, docker as cli } from '../test/env/docker-cli'
import { buildFixtureImages, fixtureImage } from '../test/env/fixtures'

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

async function main(): Promise<void> {
  const engine = await startPrivateEngine()
  process.env.DOCKER_HOST = engine.host
  const out = resolve(__dirname, '../.tmp/inside')
  mkdirSync(out, { recursive: true })
  try {
    await buildFixtureImages()
    await buildImage('acme/web:2.3.0', DOCKERFILE, { 'package.json': '{"name":"web","dependencies":{"left-pad":"1"}}\n', 'server.js': 'console.log("hi")\n' })
    await buildImage('acme/worker:2.3.0', `FROM ${fixtureImage('busybox')}\nRUN head -c 60000 /bin/busybox > /worker.bin\n`)
    await cli(['volume', 'create', 'web-uploads'])
    await cli([
      'run', '-d', '--name', 'web', '--network', 'none', '--restart', 'unless-stopped', '-e', 'GREETING=hello',
      '-v', 'web-uploads:/srv/app/uploads', '-v', '/tmp:/host-tmp:ro', '--label', 'team=platform', 'acme/web:2.3.0',
    ])
    await cli(['exec', 'web', 'sh', '-c', 'mkdir -p /srv/app/logs && echo started > /srv/app/logs/web.log && rm /bin/vi && echo 127.0.0.2 extra >> /etc/hosts.extra'])
    const mode = await startBrowserMode({ rendererDir: resolve(__dirname, '../out/renderer') })
    const browser = await chromium.launch({
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    const at = (route: string) => mode.url.replace('#token=', `#${route}?token=`)
    const shots: Array<[string, string, string]> = [
      ['image-summary', '/images/acme%2Fweb%3A2.3.0', 'image-summary'],
      ['image-layers', '/images/acme%2Fweb%3A2.3.0/layers', 'layer-table'],
      ['container-inspect', '/containers/web/inspect', 'container-inspect'],
      ['container-changes', '/containers/web/changes', 'changes-tree'],
      ['container-stats', '/containers/web/stats', 'stats-cpu'],
      ['images-list', '/images', 'image-list'],
    ]
    for (const scheme of ['dark', 'light'] as const) {
      for (const [width, height] of [[1400, 900], [800, 600]] as const) {
        const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: scheme })
        for (const [name, route, ready] of shots) {
          await page.goto(at(route))
          await page.getByTestId(ready).first().waitFor()
          await page.waitForTimeout(name === 'container-stats' ? 6000 : 400)
          await page.screenshot({ path: resolve(out, `${name}-${width}x${height}-${scheme}.png`) })
        }
        await page.close()
      }
    }
    if (process.argv.includes('--docs')) {
      const page = await browser.newPage({ viewport: { width: 1240, height: 780 }, deviceScaleFactor: 1, colorScheme: 'dark' })
      await page.goto(at('/images/acme%2Fweb%3A2.3.0/layers'))
      await page.getByTestId('layer-table').waitFor()
      await page.waitForTimeout(400)
      await page.screenshot({ path: resolve(__dirname, '../docs/screenshot-layers.png') })
    }
    console.log(`Saved to ${out}`)
    await browser.close()
    await mode.close()
  } finally {
    await engine.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
