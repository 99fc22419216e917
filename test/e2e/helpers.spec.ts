// Berth's own helpers (the image and containers it makes to browse volumes) never litter, on any
// engine: a hundred browses, some after their helper was removed, leave the engine's images and
// containers as they were, and a stray helper image an older Berth left behind is cleared.
import { Readable } from 'node:stream'
import { listDirectory } from '@main/engine/files/read'
import { HELPER_IMAGE, HELPER_LABEL } from '@main/engine/volumes/helper-image'
import { OWNER_LABEL } from '@main/engine/volumes/owner-lease'
import { releaseHelpers, removeHelpers } from '@main/engine/volumes/helper'
import { docker as cli } from '../env/docker-cli'
import { BUSYBOX_IMAGE, testDocker, uniqueName } from '../env/session'
import { expect, test } from './fixtures'

const engine = () => testDocker()
const count = async (args: string[]) => (await cli(args)).split('\n').filter(Boolean).length
const images = () => count(['images', '-aq', '--no-trunc'])
/**
 * Containers, less the owner markers of running Berths (the window's is one): a marker is a Berth's
 * proof of life, renewed every 30 s and made again if it was removed, and goes when that Berth stops.
 */
const containers = async () => (await count(['ps', '-aq'])) - (await count(['ps', '-aq', '--filter', `label=${OWNER_LABEL}`]))

test('a hundred volume browses leave no image or container behind, and strays are cleared', async ({ app }) => {
  // A hundred browses take seconds on an idle machine, minutes on a busy shared one.
  test.setTimeout(600_000)
  const docker = engine()
  const volume = uniqueName('helper-vol')
  await cli(['volume', 'create', volume])
  try {
    // A clean start: no helper containers (markers included), so the helper image can go for real;
    // forced away while a marker still used it, it would stay behind untagged.
    await removeHelpers(docker)
    await docker.getImage(HELPER_IMAGE).remove().catch(() => {})
    // What an older Berth left: an untagged image with the helper label (Podman kept one per browse).
    const stray = (await docker.importImage(Readable.from([Buffer.alloc(1024)]) as unknown as NodeJS.ReadableStream, {
      changes: [`LABEL ${HELPER_LABEL}=image`, 'CMD ["/none"]'],
    } as object)) as NodeJS.ReadableStream
    for await (const chunk of stray) void chunk
    const strays = await docker.listImages({ all: true, filters: { label: [`${HELPER_LABEL}=image`] } })
    expect(strays.length).toBeGreaterThan(0)

    // The first browse, in the window: it makes the helper image (once) and clears the stray.
    await app.locator('[data-nav=volumes]').click()
    await app.locator(`[data-volume="${volume}"]`).getByTestId('browse-volume').click()
    // The list's frame shows at once; the browse is done when its (empty) listing is in.
    await expect(app.getByTestId('file-browser').getByTestId('file-list-empty')).toBeVisible()
    await expect(app.getByTestId('file-browser').getByRole('alert')).toHaveCount(0)
    const helperImages = await docker.listImages({ all: true, filters: { label: [`${HELPER_LABEL}=image`] } })
    expect(helperImages.map((i) => i.RepoTags?.some((t) => t.endsWith(HELPER_IMAGE)))).toEqual([true])
    await removeHelpers(docker)
    const before = { images: await images(), containers: await containers() }

    // A hundred more through the engine functions the window calls, each tenth after its helper went.
    const started = Date.now()
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 0) await removeHelpers(docker, volume)
      const listing = await listDirectory(docker, { kind: 'volume', name: volume }, '/')
      expect(listing.entries).toEqual([])
    }
    console.log(`100 volume browses: ${Date.now() - started} ms`)
    expect(await images(), 'no image made per browse').toBe(before.images)
    expect(await count(['ps', '-aq', '--filter', `label=${HELPER_LABEL}=volume`]), 'one helper, reused').toBe(1)
    await releaseHelpers(docker)
    await removeHelpers(docker)
    expect({ images: await images(), containers: await containers() }).toEqual(before)
    // Hidden from the lists: the engine has the helper image, the window's image list, once drawn, does not.
    expect(await cli(['images', '-q', HELPER_IMAGE]), 'the helper image is there to hide').not.toBe('')
    await app.locator('[data-nav=images]').click()
    await expect(app.locator(`[data-image="${BUSYBOX_IMAGE}"]`), 'the image list is drawn').toBeVisible()
    await expect(app.getByText('berth-helper')).toHaveCount(0)
  } finally {
    await removeHelpers(docker)
    await cli(['volume', 'rm', volume]).catch(() => '')
  }
})
