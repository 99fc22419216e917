// Compose projects in the window, against the real engine through browser mode: containers made as
// Compose v2 makes them (labels and names app-web-1) are grouped in the list live, a group row stops
// and starts them all, and the project's page shows its services and its merged logs by service.
import type { Page } from '@playwright/test'
import { docker as cli } from '../env/docker-cli'
import { runV2Container } from '../env/compose-project'
import { removeTestContainers, testDocker, uniqueName } from '../env/session'
import { CONTAINER_RUN_MS, ENGINE_ANSWER_MS } from '../env/wait'
import { containerRow, expect, test } from './fixtures'

/** A numbered line every 100 ms, from 1 again in each run. */
const COUNTER = ['sh', '-c', "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 0.1; done"]

const projectName = (prefix: string) => uniqueName(prefix).replace(/[^a-z0-9-]/g, '')
const projectRow = (app: Page, name: string) => app.locator(`[data-project="${name}"]`)
/** `docker ps -a` of the project: each container's name and state. */
const ps = async (project: string) =>
  (await cli(['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}} {{.State}}'])).split('\n').filter(Boolean).sort()

test.afterEach(async () => {
  await removeTestContainers(testDocker())
})

test('groups a project’s containers live, and filters into the group', async ({ app }) => {
  const p = projectName('live')
  await runV2Container(p, 'web', 1)
  const group = projectRow(app, p)
  await expect(group.getByTestId('project-summary')).toHaveText('1 of 1 running', { timeout: ENGINE_ANSWER_MS })
  await expect(group).toContainText('/srv/app')
  await expect(group).toContainText('compose.yaml')

  await Promise.all([runV2Container(p, 'web', 2), runV2Container(p, 'db', 1)])
  await expect(group.getByTestId('project-summary')).toHaveText('3 of 3 running', { timeout: ENGINE_ANSWER_MS })
  await expect(containerRow(app, `${p}-db-1`)).toHaveAttribute('data-in-project', p)
  await cli(['stop', '-t', '1', `${p}-db-1`])
  await expect(group.getByTestId('project-summary')).toHaveText('2 of 3 running', { timeout: ENGINE_ANSWER_MS })

  // The filter shows the group with only the containers that match; the summary stays the project's.
  await app.getByLabel('Filter containers').fill(`${p}-db`)
  await expect(containerRow(app, `${p}-db-1`)).toBeVisible()
  await expect(containerRow(app, `${p}-web-1`)).toHaveCount(0)
  await expect(group.getByTestId('project-summary')).toHaveText('2 of 3 running')
  await app.getByLabel('Filter containers').fill(p)
  await expect(containerRow(app, `${p}-web-2`)).toBeVisible()

  await group.getByTestId('project-toggle').click()
  await expect(containerRow(app, `${p}-web-1`)).toHaveCount(0)
  await group.getByTestId('project-toggle').click()
  await expect(containerRow(app, `${p}-web-1`)).toBeVisible()
})

test('a group row stops and starts every container, as docker compose stop and start', async ({ app }) => {
  const p = projectName('act')
  await Promise.all([runV2Container(p, 'web', 1), runV2Container(p, 'web', 2), runV2Container(p, 'db', 1)])
  const group = projectRow(app, p)
  await expect(group.getByTestId('project-summary')).toHaveText('3 of 3 running', { timeout: ENGINE_ANSWER_MS })
  const stop = group.getByTestId('project-stop')
  await expect(stop).toHaveAttribute('title', `docker compose -p ${p} stop`)
  await stop.click()
  await expect(group.getByTestId('project-summary')).toHaveText('0 of 3 running', { timeout: CONTAINER_RUN_MS })
  expect(await ps(p)).toEqual([`${p}-db-1 exited`, `${p}-web-1 exited`, `${p}-web-2 exited`])

  await group.getByTestId('project-start').click()
  await expect(group.getByTestId('project-summary')).toHaveText('3 of 3 running', { timeout: CONTAINER_RUN_MS })
  expect(await ps(p)).toEqual([`${p}-db-1 running`, `${p}-web-1 running`, `${p}-web-2 running`])

  // Removal asks first, naming every container.
  await group.getByTestId('project-remove').click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toContainText(`${p}-db-1, ${p}-web-1, ${p}-web-2`)
  await expect(dialog).toContainText(`docker compose -p ${p} rm -s -f`)
  await dialog.getByRole('button', { name: 'Stop and remove' }).click()
  await expect(group).toHaveCount(0, { timeout: CONTAINER_RUN_MS })
  expect(await ps(p)).toEqual([])
})

test('the project page: its services, and its logs merged with a service filter', async ({ app }) => {
  const p = projectName('page')
  await Promise.all([runV2Container(p, 'web', 1, COUNTER), runV2Container(p, 'web', 2, COUNTER), runV2Container(p, 'db', 1, COUNTER)])
  await projectRow(app, p).getByTestId('project-link').click({ timeout: ENGINE_ANSWER_MS })
  await expect(app).toHaveURL(new RegExp(`#/projects/${p}`))
  const services = app.getByTestId('service-row')
  await expect(services).toHaveCount(2)
  await expect(services.nth(0)).toContainText('db')
  await expect(services.nth(1).getByTestId('service-replicas')).toHaveText('2 of 2 running')
  await expect(services.nth(1)).toContainText(`${p}-web-2`)

  await app.getByTestId('project-tab-logs').click()
  await expect(app).toHaveURL(new RegExp(`#/projects/${p}/logs`))
  const pane = app.getByTestId('project-log-pane')
  const prefixes = pane.getByTestId('log-prefix')
  for (const label of ['web-1', 'web-2', 'db-1']) await expect(prefixes.filter({ hasText: new RegExp(`^${label}$`) }).first()).toBeVisible({ timeout: CONTAINER_RUN_MS })
  // Each service in its own colour: read from the rows drawn at one moment (the list drops its top rows
  // as lines come, so a row found first and read after may be gone).
  const colours = () =>
    pane.evaluate((el) => {
      const seen: Record<string, string> = {}
      for (const prefix of el.querySelectorAll('[data-testid=log-prefix]')) seen[prefix.textContent ?? ''] ||= getComputedStyle(prefix).color
      return seen
    })
  let seen: Record<string, string> = {}
  await expect
    .poll(async () => {
      seen = await colours()
      return ['web-1', 'web-2', 'db-1'].filter((label) => seen[label])
    }, { timeout: CONTAINER_RUN_MS })
    .toEqual(['web-1', 'web-2', 'db-1'])
  expect(seen['web-1']).toBe(seen['web-2'])
  expect(seen['web-1']).not.toBe(seen['db-1'])

  // Only web: no db line is drawn, and web's keep coming.
  await pane.locator('[data-testid=log-service][data-service=db]').click()
  await expect(prefixes.filter({ hasText: /^db-1$/ })).toHaveCount(0)
  await expect(prefixes.filter({ hasText: /^web-2$/ }).first()).toBeVisible()
  await pane.locator('[data-testid=log-service][data-service=db]').click()

  // A restart of db: its stream comes back by itself in the merged pane.
  await cli(['restart', '-t', '1', `${p}-db-1`])
  await expect(pane.getByTestId('log-row').filter({ hasText: 'container started again' })).toHaveCount(1, { timeout: CONTAINER_RUN_MS })

  // A project that no longer exists says so.
  await cli(['rm', '-f', `${p}-web-1`, `${p}-web-2`, `${p}-db-1`])
  await expect(app.getByTestId('project-gone')).toContainText(`The compose project ${p} has no containers any more`, { timeout: ENGINE_ANSWER_MS })
})
