// Every route of the app, with real things on each page (a running container, its image, a volume, a
// network), for the specs that visit them all: the access scan and the console check.
import { docker as cli } from '../env/docker-cli'
import { TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { HELPER_VOLUME_LABEL } from '@main/engine/volumes/helper'
import { test } from './fixtures'

/** Makes the container and volume the routes name (before the spec's tests, gone after), and lists the routes. */
export function everyRoute(prefix: string): string[] {
  const name = uniqueName(prefix)
  const volume = uniqueName(`${prefix}-vol`)
  test.beforeAll(async () => {
    await cli(['volume', 'create', '--label', `${TEST_LABEL}=1`, volume])
    await cli(['run', '-d', '--name', name, '--label', `${TEST_LABEL}=1`, '--network', 'none', '-v', `${volume}:/data`, BUSYBOX_IMAGE, 'sh', '-c', 'echo hello; sleep 3600'])
  })
  test.afterAll(async () => {
    await removeTestContainers(testDocker())
    // Berth's helper for browsing the volume holds it for a quiet minute after the last visit (Berth's
    // own remove takes it first; the CLI's cannot): it goes first, so the volume is not left behind.
    const helpers = await testDocker().listContainers({ all: true, filters: { label: [`${HELPER_VOLUME_LABEL}=${volume}`] } })
    await Promise.all(helpers.map((h) => testDocker().getContainer(h.Id).remove({ force: true })))
    await cli(['volume', 'rm', volume])
  })
  const image = encodeURIComponent(BUSYBOX_IMAGE)
  return [
    '/containers',
    ...['logs', 'files', 'inspect', 'changes', 'stats', 'terminal'].map((tab) => `/containers/${name}/${tab}`),
    '/images',
    `/images/${image}`,
    `/images/${image}/layers`,
    `/images/${image}/inspect`,
    '/volumes',
    `/volumes/${volume}/files`,
    `/volumes/${volume}/inspect`,
    '/networks',
    '/networks/none',
    '/networks/none/inspect',
    '/registries',
    '/build',
    '/compose',
    '/engines',
    '/settings',
    '/no-such-page',
  ]
}
