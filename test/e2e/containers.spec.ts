import { docker as cli } from '../env/docker-cli'
import { IDLE, TEST_LABEL } from '../env/fixtures'
import { BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../env/session'
import { containerRow, ENGINE_KIND, expect, test } from './fixtures'

const run = (name: string, ...extra: string[]) =>
  cli(['run', '-d', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, ...extra, BUSYBOX_IMAGE, ...IDLE])

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('lists the engine’s containers and images, like docker ps -a and docker images', async ({ app }) => {
  const running = uniqueName('listed-running')
  const created = uniqueName('listed-created')
  await run(running)
  await cli(['create', '--name', created, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE])
  await expect(containerRow(app, running).getByTestId('state')).toHaveText('running')
  await expect(containerRow(app, created).getByTestId('state')).toHaveText('created')
  await expect(containerRow(app, running)).toContainText(BUSYBOX_IMAGE)

  await app.getByTestId('show-running').click()
  await expect(containerRow(app, created)).toHaveCount(0)
  await expect(containerRow(app, running)).toHaveCount(1)
  await app.getByTestId('show-all').click()
  await app.getByLabel('Filter containers').fill(created)
  await expect(containerRow(app, running)).toHaveCount(0)
  await expect(containerRow(app, created)).toHaveCount(1)

  await app.locator('[data-nav=images]').click()
  const row = app.locator(`[data-image="${BUSYBOX_IMAGE}"]`)
  await expect(row).toContainText('berth-test/busybox')
  await expect(row.getByTestId('used-by')).toContainText('2 containers')
})

test('starts, stops and removes a container from the window, showing the CLI equivalent', async ({ app }) => {
  const name = uniqueName('clicked')
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, ...IDLE])
  const row = containerRow(app, name)
  await row.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(row.getByTestId('state')).toHaveText('running')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker start ${name}`)
  expect(await cli(['inspect', '-f', '{{.State.Running}}', name])).toBe('true')

  await row.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(row.getByTestId('state')).toHaveText('exited (0)')
  expect(await cli(['inspect', '-f', '{{.State.Running}}', name])).toBe('false')

  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  await app.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(row).toHaveCount(0)
  await expect(cli(['inspect', name])).rejects.toThrow(/No such/)
})

test('asks before removing a running container, as docker rm refuses it', async ({ app }) => {
  const name = uniqueName('running-rm')
  await run(name)
  const row = containerRow(app, name)
  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toContainText('is running')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(row.getByTestId('state')).toHaveText('running')

  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  await dialog.getByRole('button', { name: 'Stop, then remove' }).click()
  await expect(row).toHaveCount(0)
})

// Podman 4.3 gives a container made through its Docker API no stop timeout (containers/podman#19139):
// the CLI's own `docker stop` kills it at once there. Berth's Stop gives it Docker's 10 s (see above).
const OUTSIDE_STOPPED = ENGINE_KIND === 'podman' ? 'exited (137)' : 'exited (0)'

test('an outside docker stop shows in the window from the engine’s event, not a later refresh', async ({ app }) => {
  const name = uniqueName('outside-stop')
  await run(name)
  const row = containerRow(app, name)
  await expect(row.getByTestId('state')).toHaveText('running')

  // Record, in the page, the moment the row first shows the new state.
  await app.evaluate(({ selector, stopped }) => {
    const w = window as unknown as { seenAt?: number }
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)?.textContent?.trim() === stopped) {
        w.seenAt = Date.now()
        observer.disconnect()
      }
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  }, { selector: `[data-container="${name}"] [data-testid="state"]`, stopped: OUTSIDE_STOPPED })

  // The engine's own timestamp of the container's death, from its event stream.
  const docker = testDocker()
  // Filtered here, not by the engine: Podman 4.3 reports `die` but filters on its own word, `died`.
  const events = (await docker.getEvents({ filters: { container: [name] } })) as NodeJS.ReadableStream & {
    destroy(): void
  }
  const diedAt = new Promise<number>((done) => {
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as { Action?: string; status?: string; timeNano: number }
        if ((event.Action ?? event.status) === 'die') done(Number(event.timeNano) / 1e6)
      }
    })
  })
  await cli(['stop', name])
  const cliReturnedAt = Date.now()
  await expect(row.getByTestId('state')).toHaveText(OUTSIDE_STOPPED)
  const seenAt = await app.evaluate(() => (window as unknown as { seenAt?: number }).seenAt ?? 0)
  const died = await diedAt
  events.destroy()
  const latency = Math.round(seenAt - died)
  console.log(`outside docker stop → window: ${latency} ms after the engine's die event (${seenAt - cliReturnedAt} ms after the CLI returned)`)
  expect(seenAt).toBeGreaterThan(0)
  // The speed goal (event lag p95 ≤ 250 ms) is measured by `npm run bench:soak`, not here: on a
  // loaded CI machine this one sample has read 269 ms. The bound here only tells an event-driven
  // update from a periodic refresh or a reload, which would take seconds.
  expect(latency).toBeLessThan(1500)
})

test('a button held while the list moves does not act on the container that moved under it', async ({ app }) => {
  const prefix = uniqueName('held')
  const [lower, upper, top] = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]
  await run(lower)
  await run(upper)
  await app.getByLabel('Filter containers').fill(prefix)
  await expect(containerRow(app, lower).getByTestId('state')).toHaveText('running')
  await expect(containerRow(app, upper).getByTestId('state')).toHaveText('running')
  // The engine lists the newest first; Podman orders containers made within the same second either
  // way, so the next one is made once the engine's clock has passed the second `upper` was made in.
  const madeAt = Date.parse(await cli(['inspect', '-f', '{{.Created}}', upper]))
  await expect.poll(() => Date.now(), { timeout: 5000 }).toBeGreaterThan(Math.floor(madeAt / 1000) * 1000 + 1000)

  // Press Stop on `lower` and hold it; a container made meanwhile moves every row down, so the row
  // element under the pointer now shows `upper`.
  const stop = containerRow(app, lower).getByRole('button', { name: 'Stop', exact: true })
  const box = (await stop.boundingBox()) as { x: number; y: number; width: number; height: number }
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await app.mouse.move(at.x, at.y)
  await app.mouse.down()
  await run(top)
  await expect
    .poll(() => app.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-container]')?.dataset.container, at))
    .toBe(upper)
  await app.mouse.up()

  // Then a click that means it: `top` stops. Had the held one gone through, `upper` would have been
  // stopped before it.
  await containerRow(app, top).getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(containerRow(app, top).getByTestId('state')).toHaveText('exited (0)')
  await expect(app.getByTestId('cli-equivalent')).toHaveText(`$ docker stop ${top}`)
  expect(await cli(['inspect', '-f', '{{.State.Running}}', upper, lower])).toBe('true\ntrue')
})

test('an image in use is refused before asking, naming its containers', async ({ app }) => {
  const tag = `${uniqueName('berth-test/in-use')}:1`
  const name = uniqueName('image-user')
  const base = await cli(['create', '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, 'sh', '-c', 'echo x > /f'])
  await cli(['start', '-a', base])
  await cli(['commit', base, tag])
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, tag])

  await app.locator('[data-nav=images]').click()
  const row = app.locator(`[data-image="${tag}"]`)
  await expect(row.getByTestId('used-by')).toHaveText('1 container')
  // Refused up front, as the row knows its users: no "Remove?" that fails after the click.
  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toContainText(`used by container ${name}`)
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(row).toHaveCount(1)

  // The container goes while the refusal is open (or just before the click, before the engine's event
  // reached the list: Podman's come later): the dialog follows the list and asks instead.
  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(dialog).toContainText(`used by container ${name}`)
  await cli(['rm', name])
  await expect(dialog).toContainText(`Remove image "${tag}"?`)
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(row).toHaveCount(0)
  await expect(app.getByTestId('error')).toHaveCount(0)
})

test('untrusted text from the engine is shown as text, never as HTML', async ({ app }) => {
  const name = uniqueName('hostile')
  const payload = '<img src=x onerror=alert(1)>'
  await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE, 'echo', payload])
  const row = containerRow(app, name)
  await expect(row.getByTestId('command')).toContainText(payload)
  await expect(app.locator('img')).toHaveCount(0)
})

test('a paused container offers Stop, not a Start the engine would refuse', async ({ app }) => {
  const name = uniqueName('paused')
  await run(name)
  await cli(['pause', name])
  const row = containerRow(app, name)
  await expect(row.getByTestId('state')).toHaveText('paused')
  await expect(row.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0)
  await row.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(row.getByTestId('state')).toHaveText(/^exited/)
})

test('the list is one tab stop: arrow keys move through the rows, Enter opens the row’s page', async ({ app }) => {
  const prefix = uniqueName('keys')
  const names = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]
  for (const name of names) await cli(['create', '--name', name, '--network', 'none', '--label', `${TEST_LABEL}=1`, BUSYBOX_IMAGE])
  await app.getByLabel('Filter containers').fill(prefix)
  for (const name of names) await expect(containerRow(app, name)).toHaveCount(1)
  // The rows in the order drawn (docker ps's, checked against the CLI in the bridge tests): Podman
  // orders containers created within the same second either way.
  const order = (await app.locator('[data-container]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-container')))).filter(
    (name): name is string => name !== null && names.includes(name),
  )
  expect([...order].sort()).toEqual([...names].sort())

  const list = app.getByRole('grid', { name: 'Containers' })
  const active = () => list.evaluate((grid) => grid.querySelector(`#${CSS.escape(grid.getAttribute('aria-activedescendant') ?? '')}`)?.getAttribute('data-container'))
  // The toolbar's last control, then Tab: the list is the next stop.
  await app.getByTestId('prune-containers').focus()
  await app.keyboard.press('Tab')
  await expect(list).toBeFocused()
  await expect.poll(active).toBe(order[0])
  // Only the active row's links and buttons are in the tab order: 3 rows × 6 would be 18 stops.
  const tabbable = await list.evaluate((grid) => [...grid.querySelectorAll('a, button')].filter((el) => (el as HTMLElement).tabIndex >= 0).length)
  expect(tabbable).toBe(await containerRow(app, order[0] as string).locator('a, button').count())

  await app.keyboard.press('ArrowDown')
  await expect.poll(active).toBe(order[1])
  await app.keyboard.press('End')
  await expect.poll(active).toBe(order[2])
  await app.keyboard.press('ArrowDown')
  await expect.poll(active, 'the last row stays active').toBe(order[2])
  await app.keyboard.press('Home')
  await expect.poll(active).toBe(order[0])
  await app.keyboard.press('ArrowDown')
  // Tab goes on into the active row's own box, links and buttons, and the arrows bring the focus back.
  await app.keyboard.press('Tab')
  await expect(containerRow(app, order[1] as string).getByTestId('select-row')).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(containerRow(app, order[1] as string).getByTestId('container-link')).toBeFocused()
  await app.keyboard.press('ArrowUp')
  await expect(list).toBeFocused()
  await expect.poll(active).toBe(order[0])

  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(new RegExp(`#/containers/${order[1]}/logs`))
})
