// Building from the page: pick a folder, build, change a source file, rebuild, and see which steps
// came from the cache, which file made the first one miss, and the install-first Dockerfile.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, ENGINE_KIND } from './fixtures'
import { fixtureImage } from '../env/fixtures'
import { testDocker } from '../env/session'
import { IMAGE_TRANSFER_MS } from '../env/wait'

// The cache advice's manifests go to a folder of this test's own, not the user's data folder.
const dataDir = mkdtempSync(join(tmpdir(), 'berth-e2e-build-data-'))
process.env.BERTH_DATA_DIR = dataDir
const folder = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'))
/** Containers before this file's builds: a classic build's failed step leaves its container, as the CLI's does. */
let before: Set<string>
test.beforeAll(async () => {
  before = new Set((await testDocker().listContainers({ all: true })).map((c) => c.Id))
})
test.afterAll(async () => {
  const docker = testDocker()
  for (const c of await docker.listContainers({ all: true })) {
    if (!before.has(c.Id)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {})
  }
  rmSync(folder, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

/** Podman's test engine stores layers with vfs, which copies the whole file system for each RUN step. */

test('build, change a source file, rebuild: CACHED steps and the advice', async ({ app }) => {
  test.setTimeout(3 * IMAGE_TRANSFER_MS)
  writeFileSync(
    join(folder, 'Dockerfile'),
    `FROM ${fixtureImage('busybox')}\nRUN echo ${randomBytes(4).toString('hex')}\nWORKDIR /app\nCOPY . .\nRUN echo npm ci && cat package.json\nRUN ls -R\n`,
  )
  writeFileSync(join(folder, 'package.json'), '{"name":"e2e"}\n')
  mkdirSync(join(folder, 'src'))
  writeFileSync(join(folder, 'src', 'app.js'), 'one\n')
  const tag = `berth-test/e2e-build:${randomBytes(3).toString('hex')}`

  await app.getByRole('link', { name: 'Images' }).first().click()
  await app.getByTestId('images-build').click()
  await expect(app).toHaveURL(/#\/build/)
  await app.getByTestId('build-folder').fill(folder)
  await expect(app.getByTestId('build-context')).toContainText('3 files')
  await app.getByTestId('build-tag').fill(tag)
  await app.getByLabel('No network for RUN').check()
  if (ENGINE_KIND === 'podman') {
    // Podman builds with Buildah and has no BuildKit: the page says so where the builder is picked, and
    // shows the line that works there.
    await expect(app.getByTestId('builder-note')).toHaveText('Podman builds with Buildah: its Docker API has no BuildKit, so builds here are classic builds.')
    await expect(app.getByTestId('builder-buildkit')).toBeDisabled()
    await expect(app.getByTestId('builder-classic')).toBeChecked()
    await expect(app.getByTestId('build-cli')).toHaveText(`DOCKER_BUILDKIT=0 docker build -t ${tag} --network=none ${folder}`)
    await expect(app.getByTestId('build-cli-note')).toContainText('this line’s --network=none is not applied')
  } else {
    // The form is drawn for Docker (its line uses BuildKit), and says nothing of Podman.
    await expect(app.getByTestId('build-cli')).toHaveText(`DOCKER_BUILDKIT=1 docker build -t ${tag} --network=none ${folder}`)
    await expect(app.getByTestId('builder-note')).toHaveCount(0)
    await expect(app.getByTestId('build-cli-note')).toHaveCount(0)
  }

  await app.getByTestId('build-start').click()
  await expect(app.getByTestId('build-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  await expect(app.getByTestId('build-tag-link')).toHaveText(tag)
  await expect(app.getByTestId('build-output')).toContainText('npm ci')
  await expect(app.getByTestId('advice-first-miss')).toBeVisible()

  writeFileSync(join(folder, 'src', 'app.js'), 'two\n')
  await app.getByTestId('build-start').click()
  await expect(app.getByTestId('build-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
  const steps = app.getByTestId('build-step')
  await expect(steps).toHaveCount(6)
  await expect(app.locator('[data-step="2/6"]')).toHaveAttribute('data-state', 'cached')
  await expect(app.locator('[data-step="3/6"]')).toHaveAttribute('data-state', 'cached')
  await expect(app.locator('[data-step="4/6"]')).toHaveAttribute('data-state', 'done')
  await expect(app.locator('[data-step="2/6"]')).toContainText('CACHED')
  await expect(app.getByTestId('advice-first-miss')).toContainText('COPY . . was the first step that missed the cache')
  await expect(app.getByTestId('advice-first-miss')).toContainText('2 steps after it ran again')
  await expect(app.getByTestId('advice-changes')).toContainText('src/app.js')
  await expect(app.getByTestId('advice-dockerfile')).toContainText('COPY package.json .\nRUN echo npm ci && cat package.json\nCOPY . .')
})

test('a failed step is highlighted with its output', async ({ app, berth }) => {
  const broken = mkdtempSync(join(tmpdir(), 'berth-e2e-broken-'))
  try {
    // In colour, as test runners print: the escape codes must not show as text.
    writeFileSync(join(broken, 'Dockerfile'), `FROM ${fixtureImage('busybox')}\nRUN printf '\\033[31mabout-to-fail-${randomBytes(3).toString('hex')}\\033[0m\\n' && exit 7\n`)
    await app.goto(berth.url.replace('#token=', '#/build?token='))
    await app.getByTestId('build-folder').fill(broken)
    await app.getByTestId('builder-classic').check()
    await app.getByLabel('No network for RUN').check()
    await app.getByTestId('build-start').click()
    await expect(app.getByTestId('build-failed')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
    await expect(app.locator('[data-state="failed"][data-testid="build-step"]')).toContainText('exit 7')
    await expect(app.getByTestId('failed-output')).toContainText('about-to-fail')
    for (const pane of ['failed-output', 'build-output']) {
      await expect(app.getByTestId(pane)).toContainText(/about-to-fail-[0-9a-f]{6}/)
      await expect(app.getByTestId(pane)).not.toContainText('[31m')
      await expect(app.getByTestId(pane)).not.toContainText('[0m')
    }
  } finally {
    rmSync(broken, { recursive: true, force: true })
  }
})

test('a RUN the engine has no network for says the cause and the fix once, and the fix builds', async ({ app, berth }) => {
  test.skip(ENGINE_KIND === 'podman', "Podman's Docker API has no BuildKit, whose RUN steps are the ones that ask for the bridge")
  // The test engine has no bridge (dockerd --bridge=none): BuildKit's RUN asks for it and fails.
  const bare = mkdtempSync(join(tmpdir(), 'berth-e2e-bridgeless-'))
  try {
    writeFileSync(join(bare, 'Dockerfile'), `FROM ${fixtureImage('busybox')}\nRUN echo ${randomBytes(4).toString('hex')}\n`)
    await app.goto(berth.url.replace('#token=', '#/build?token='))
    await app.getByTestId('build-folder').fill(bare)
    await app.getByTestId('builder-buildkit').check()
    await expect(app.getByLabel('No network for RUN')).not.toBeChecked()
    await app.getByTestId('build-start').click()
    const failure = app.getByTestId('build-failed')
    await expect(failure).toContainText('this engine has no "bridge" network to give it', { timeout: IMAGE_TRANSFER_MS })
    // Once: the step keeps the engine's own words; the bar does not repeat the sentence, and there is no empty Output box.
    await expect(app.locator('[data-state="failed"][data-testid="build-step"]')).toContainText('network bridge not found')
    await expect(app.getByText('this engine has no "bridge" network')).toHaveCount(1)
    await expect(app.getByText('network bridge not found')).toHaveCount(1)
    await expect(app.getByTestId('error')).toHaveCount(0)
    await expect(app.getByTestId('build-output')).toHaveCount(0)

    await failure.getByTestId('build-fix').click()
    await expect(app.getByLabel('No network for RUN')).toBeChecked()
    await expect(app.getByTestId('build-done')).toBeVisible({ timeout: IMAGE_TRANSFER_MS })
    await expect(app.getByTestId('cli-equivalent')).toContainText('--network=none')
  } finally {
    rmSync(bare, { recursive: true, force: true })
  }
})
