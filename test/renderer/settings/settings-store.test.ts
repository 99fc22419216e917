// The settings store across windows: a save made in another window, as main announces it, shows here
// without a reload; while this window's own save is under way, its own choice stands over any
// announcement, so a quick run of changes never flickers back to an older one.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import { createPinia, setActivePinia } from 'pinia'
import { bridge, deferred, settle } from '../bridge-stand-in'
import { useSettingsStore } from '@renderer/features/settings/settings-store'
import { DEFAULT_SETTINGS, type Settings } from '@common/contract/plain'
import type { Result } from '@common/contract/shared'

const other: Settings = { ...DEFAULT_SETTINGS, theme: 'light', terminal: { fontSize: 20 } }

describe('settings store', () => {
  beforeEach(() => {
    bridge.reset()
    setActivePinia(createPinia())
    bridge.answer('settings', 'read', () => ({ ok: true, value: { settings: DEFAULT_SETTINGS, problem: null } }))
  })

  it('shows what another window saved, as main announces it', async () => {
    const settings = useSettingsStore()
    await settings.load()
    assert.equal(bridge.listening('settings', 'changed'), 1)
    bridge.emit('settings', 'changed', other)
    assert.deepEqual(settings.current, other)
  })

  it('keeps its own change while its save is under way, whatever is announced meanwhile', async () => {
    const settings = useSettingsStore()
    await settings.load()
    const answer = deferred<Result<Settings>>()
    bridge.answer('settings', 'save', () => answer.promise)
    const saved = settings.change({ terminal: { fontSize: 24 } })
    await settle()
    // The announcement of an earlier save (this window's or another's) arrives before this one's answer.
    bridge.emit('settings', 'changed', other)
    assert.equal(settings.current.terminal.fontSize, 24)
    answer.resolve({ ok: true, value: { ...DEFAULT_SETTINGS, terminal: { fontSize: 24 } } })
    await saved
    assert.equal(settings.current.terminal.fontSize, 24)
    // Once nothing of its own is under way, announcements show again.
    bridge.emit('settings', 'changed', other)
    assert.deepEqual(settings.current, other)
  })
})
