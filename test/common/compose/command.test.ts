// The compose command lines main runs and the page shows: the same words, quoted for a shell.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { composeLine, composeSteps, defaultProjectName, type ComposeCli } from '@common/compose/command'
import { projectName } from '@common/contract/shared'

const plugin: ComposeCli = { name: 'docker compose', path: '/usr/bin/docker', prefix: ['compose'], version: '2.24.6' }
const v1: ComposeCli = { name: 'docker-compose', path: '/usr/bin/docker-compose', prefix: [], version: '1.29.2' }
const files = ['/home/me/My App/compose.yaml']

describe('compose command lines', () => {
  it('up with build and pull: the plugin’s --pull always, a pull first for docker-compose 1.x', () => {
    assert.deepEqual(composeSteps(plugin, { command: 'up', project: 'app', files, build: true, pull: true }), [
      ['compose', '-p', 'app', '-f', files[0], 'up', '-d', '--build', '--pull', 'always'],
    ])
    assert.equal(
      composeLine(v1, { command: 'up', project: 'app', files, pull: true }, { name: 'DOCKER_HOST', value: 'unix:///run/podman/podman.sock' }),
      "DOCKER_HOST=unix:///run/podman/podman.sock docker-compose -p app -f '/home/me/My App/compose.yaml' pull && DOCKER_HOST=unix:///run/podman/podman.sock docker-compose -p app -f '/home/me/My App/compose.yaml' up -d",
    )
  })

  it('down -v only with volumes confirmed; pull, build, restart as they are', () => {
    assert.equal(composeLine(plugin, { command: 'down', project: 'app', files }, null), "docker compose -p app -f '/home/me/My App/compose.yaml' down")
    assert.match(composeLine(plugin, { command: 'down', project: 'app', files, removeVolumes: ['app_data'] }, null), / down -v$/)
    for (const command of ['pull', 'build', 'restart'] as const) assert.match(composeLine(v1, { command, project: 'app', files }, null), new RegExp(` ${command}$`))
  })

  it('derives the project name from the folder as Compose does', () => {
    assert.equal(defaultProjectName('My App'), 'myapp')
    assert.equal(defaultProjectName('_web.site-2'), 'website-2')
  })

  it('takes a derived name as a project name, and refuses what Compose would not make', () => {
    for (const folder of ['My App', '_web.site-2', 'a'.repeat(100)]) assert.ok(projectName.safeParse(defaultProjectName(folder)).success, folder)
    for (const bad of ['', 'My App', '-app', '_app', 'app.1', 'a'.repeat(256)]) assert.equal(projectName.safeParse(bad).success, false, bad)
  })
})
