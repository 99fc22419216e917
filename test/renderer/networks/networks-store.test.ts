// The networks store's own logic: a project's networks by Compose's label (for the project page),
// a container's networks, the filter, and a prune that sends only what the preview named. Main's
// answers are given by hand here; what the engine does is in test/engine/networks/.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, settle } from '../bridge-stand-in'
import { useNetworksStore } from '@renderer/features/networks/networks-store'
import type { NetworkSummary } from '@common/contract/networks'

const network = (name: string, labels: Record<string, string> = {}, containers: string[] = [], subnet = ''): NetworkSummary => ({
  id: `${name}-id`,
  name,
  driver: 'bridge',
  scope: 'local',
  internal: false,
  ipv6: false,
  subnets: subnet ? [{ subnet, gateway: '' }] : [],
  created: null,
  labels,
  predefined: name === 'bridge',
  containers: containers.map((c) => ({ id: `${c}-id`, name: c, running: true, ipv4: '', ipv6: '', mac: '', inUse: true })),
})

describe('networks store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
  })

  it('finds a project\'s networks by com.docker.compose.project, and a container\'s', async () => {
    const items = [
      network('bridge', {}, ['web']),
      network('shop_default', { 'com.docker.compose.project': 'shop' }, ['shop-web-1']),
      network('shop_backend', { 'com.docker.compose.project': 'shop' }, ['shop-db-1', 'web']),
      network('shopping', { 'com.docker.compose.project': 'shopping' }),
    ]
    bridge.answer('networks', 'list', () => ({ ok: true, value: { version: 1, items } }))
    const networks = useNetworksStore()
    networks.start()
    await settle()
    assert.deepEqual(networks.forProject('shop').map((n) => n.name), ['shop_default', 'shop_backend'])
    assert.deepEqual(networks.forProject('nope'), [])
    assert.deepEqual(networks.forContainer('web').map((n) => n.name), ['bridge', 'shop_backend'])

    // Live: a network the project gains arrives as a change, not a new list.
    bridge.emit('networks', 'changed', { base: 1, version: 2, add: [{ after: 'shopping', item: network('shop_cache', { 'com.docker.compose.project': 'shop' }) }], update: [], remove: ['shop_default'] })
    assert.deepEqual(networks.forProject('shop').map((n) => n.name), ['shop_backend', 'shop_cache'])
  })

  it('filters by name, subnet or a container on it', async () => {
    bridge.answer('networks', 'list', () => ({ ok: true, value: { version: 1, items: [network('app', {}, ['api']), network('lab', {}, [], '10.40.0.0/16')] } }))
    const networks = useNetworksStore()
    networks.start()
    await settle()
    networks.query = '10.40'
    assert.deepEqual(networks.visible.map((n) => n.name), ['lab'])
    networks.query = 'API'
    assert.deepEqual(networks.visible.map((n) => n.name), ['app'])
  })

  it('prunes only the networks the preview named, once confirmed', async () => {
    bridge.answer('networks', 'prunePreview', () => ({ ok: true, value: { networks: ['old-a', 'old-b'] } }))
    bridge.answer('networks', 'prune', ({ names }) => ({ ok: true, value: { removed: names, kept: [] } }))
    const networks = useNetworksStore()
    await networks.previewPrune()
    assert.deepEqual(networks.pruneCandidates, ['old-a', 'old-b'])
    await networks.confirmPrune(false)
    assert.deepEqual(bridge.calls('networks', 'prune'), [], 'cancelled: nothing sent')
    await networks.previewPrune()
    await networks.confirmPrune(true)
    assert.deepEqual(bridge.calls('networks', 'prune'), [{ names: ['old-a', 'old-b'] }])
  })
})
