import { strict as assert } from 'node:assert'
import { after, describe, it } from 'node:test'
import { listContainers, startContainer, stopContainer } from '@main/engine/containers/containers'
import { MAX_TRAY_CONTAINERS, trayMenu, type TrayItem } from '@main/tray-menu'
import type { EngineStatus } from '@common/contract/engine'
import { createContainer, removeTestContainers, testDocker } from '../env/session'

const connected: EngineStatus = { state: 'connected', host: 'unix:///var/run/docker.sock', source: 'default', version: '28.0.0' }
const find = (items: TrayItem[], name: string) => items.find((i) => i.label.endsWith(name))

describe('tray menu (real engine)', () => {
  const docker = testDocker()
  after(() => removeTestContainers(docker))

  it('lists containers running first, each with the action that fits, and the action works', async () => {
    const idle = await createContainer(docker, { name: 'tray-idle' })
    const busy = await createContainer(docker, { name: 'tray-busy', start: true })
    const menu = trayMenu(connected, (await listContainers(docker)).filter((c) => c.name.startsWith('tray-')))
    assert.match(menu[0]!.label, /^Engine 28\.0\.0 — 1 running$/)
    const names = menu.filter((i) => i.submenu).map((i) => i.label)
    assert.deepEqual(names, ['●  tray-busy', '○  tray-idle'])

    const start = find(menu, 'tray-idle')!.submenu!.find((i) => i.action)!
    assert.deepEqual(start.action, { kind: 'start', id: idle.Id, name: 'tray-idle' })
    await startContainer(docker, start.action!.id)
    const stop = find(menu, 'tray-busy')!.submenu!.find((i) => i.action)!
    assert.equal(stop.action?.kind, 'stop')
    await stopContainer(docker, stop.action!.id, 1)

    const after = trayMenu(connected, (await listContainers(docker)).filter((c) => c.name.startsWith('tray-')))
    assert.deepEqual(after.filter((i) => i.submenu).map((i) => i.label), ['●  tray-idle', '○  tray-busy'])
    assert.equal((await docker.getContainer(busy.Id).inspect()).State.Running, false)
  })

  it('says when the engine is away and offers no container actions then', () => {
    const menu = trayMenu({ ...connected, state: 'unreachable' }, [])
    assert.equal(menu[0]!.label, 'Engine not reachable')
    assert.equal(menu.some((i) => i.action || i.submenu), false)
    assert.ok(menu.some((i) => i.quit) && menu.some((i) => i.open))
  })

  it('keeps the menu short and points to the window for the rest', () => {
    const many = Array.from({ length: MAX_TRAY_CONTAINERS + 5 }, (_, i) => ({
      id: `id${i}`,
      name: `c${String(i).padStart(2, '0')}`,
      image: 'img',
      imageId: 'sha256:x',
      command: '',
      state: 'exited' as const,
      exitCode: 0,
      status: 'Exited (0)',
      since: null,
      ports: [],
      created: i,
    }))
    const menu = trayMenu(connected, many)
    assert.equal(menu.filter((i) => i.submenu).length, MAX_TRAY_CONTAINERS)
    assert.ok(menu.some((i) => i.label === '5 more in the window…' && i.open))
  })
})
