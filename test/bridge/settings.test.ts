// The settings domain over the real bridge, as main builds it around a state folder: a save comes
// back exactly as given and is on disk as that JSON; refused input leaves the file byte for byte; a
// broken or invalid file gives the defaults and a sentence, never a failed call, and the next save
// replaces it; with no file yet, the defaults and no sentence.
import { strict as assert } from 'node:assert'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createBridge, type Bridge } from '@main/bridge'
import { Engine } from '@main/engine'
import { Engines } from '@main/engine/engines/engines'
import { callChannel, eventChannel } from '@common/contract/spec'
import { DEFAULT_SETTINGS, type Settings, type SettingsRead } from '@common/contract/settings'
import type { Result } from '@common/contract/shared'
import { refusal, testPage, valueOf } from '../env/bridge-page'

const CHOSEN: Settings = {
  theme: 'light',
  notifications: { enabled: true, containerDied: false, containerUnhealthy: true, tasks: false },
  logs: { tail: 250, timestamps: true, wrap: true },
  terminal: { fontSize: 17 },
  confirm: { makeCliDefault: false },
}

describe('settings over the bridge', () => {
  let stateDir: string
  let engine: Engine
  let bridge: Bridge
  const page = testPage()
  const file = () => join(stateDir, 'settings.json')
  const call = (name: 'read' | 'save', input: unknown) => bridge.router.dispatch(callChannel('settings', name), input, page.caller)
  const read = async () => valueOf((await call('read', {})) as Result<SettingsRead>)

  before(() => {
    stateDir = join(mkdtempSync(join(tmpdir(), 'berth-settings-')), 'state')
    // The engine is never started: settings need none.
    engine = new Engine()
    bridge = createBridge(new Engines({ stateDir }, engine))
  })
  after(() => {
    bridge.close()
    engine.stop()
    rmSync(join(stateDir, '..'), { recursive: true, force: true })
  })

  it('gives the defaults and no sentence before anything was saved', async () => {
    assert.deepEqual(await read(), { settings: DEFAULT_SETTINGS, problem: null })
  })

  it('stores a save exactly as given, in the state folder, with no temp file left', async () => {
    assert.deepEqual(valueOf((await call('save', CHOSEN)) as Result<Settings>), CHOSEN)
    assert.deepEqual(JSON.parse(readFileSync(file(), 'utf8')), CHOSEN)
    assert.deepEqual(await read(), { settings: CHOSEN, problem: null })
    assert.deepEqual(readdirSync(stateDir), ['settings.json'])
    // A second save of other values replaces the first whole.
    const all = { ...CHOSEN, logs: { tail: 'all' as const, timestamps: false, wrap: false } }
    valueOf(await call('save', all))
    assert.deepEqual((await read()).settings, all)
    valueOf(await call('save', CHOSEN))
  })

  it('tells every window what was saved, once it is on disk, and nothing for a refused save', async () => {
    const heard: unknown[] = []
    const off = bridge.hub.subscribe((channel, payload) => channel === eventChannel('settings', 'changed') && heard.push(payload))
    const light = { ...CHOSEN, theme: 'dark' as const }
    valueOf(await call('save', light))
    refusal(await call('save', { ...CHOSEN, theme: 'pink' }), 'invalid-input')
    valueOf(await call('save', CHOSEN))
    off()
    assert.deepEqual(heard, [light, CHOSEN])
  })

  it('refuses bad input with a sentence naming the field, and leaves the file as it was', async () => {
    const before = readFileSync(file(), 'utf8')
    const cases: Array<[unknown, RegExp]> = [
      [{ ...CHOSEN, theme: 'pink' }, /theme is not a theme/],
      [{ ...CHOSEN, logs: { ...CHOSEN.logs, tail: -5 } }, /logs\.tail/],
      [{ ...CHOSEN, logs: { ...CHOSEN.logs, tail: 2.5 } }, /logs\.tail/],
      [{ ...CHOSEN, terminal: { fontSize: 200 } }, /terminal\.fontSize must be at most 32/],
      [{ ...CHOSEN, confirm: { makeCliDefault: false, removeVolume: false } }, /confirm has unknown field "?removeVolume/],
      [{ ...CHOSEN, notifications: undefined }, /notifications/],
      [{ ...CHOSEN, extra: 1 }, /unknown field/],
      ['light', /input/],
    ]
    for (const [input, sentence] of cases) {
      const message = refusal(await call('save', input), 'invalid-input')
      assert.match(message, sentence)
      assert.equal(readFileSync(file(), 'utf8'), before, `the file changed after ${JSON.stringify(input).slice(0, 80)}`)
    }
    assert.deepEqual(readdirSync(stateDir), ['settings.json'])
  })

  it('reads a broken file as the defaults with a sentence, and the next save replaces it', async () => {
    const broken: Array<[string, RegExp]> = [
      ['{"theme": "light", ', /settings\.json could not be read: it is not JSON .*; Berth is using the defaults/],
      ['', /settings\.json could not be read: it is not JSON/],
      [JSON.stringify({ ...CHOSEN, theme: 'pink' }), /settings\.json could not be read: theme is not a theme.*; Berth is using the defaults/],
      [JSON.stringify({ theme: 'dark' }), /settings\.json could not be read: notifications .*; Berth is using the defaults/],
      ['[1, 2, 3]', /settings\.json could not be read: .*; Berth is using the defaults/],
    ]
    for (const [text, sentence] of broken) {
      writeFileSync(file(), text)
      const answer = await read()
      assert.deepEqual(answer.settings, DEFAULT_SETTINGS)
      assert.match(answer.problem ?? '', sentence)
    }
    valueOf(await call('save', CHOSEN))
    assert.deepEqual(await read(), { settings: CHOSEN, problem: null })
  })

  it('reads a settings.json that is a folder as the defaults with a sentence', async () => {
    rmSync(file())
    mkdirSync(file())
    const answer = await read()
    assert.deepEqual(answer.settings, DEFAULT_SETTINGS)
    assert.match(answer.problem ?? '', /settings\.json could not be read: it is a folder; Berth is using the defaults/)
    rmSync(file(), { recursive: true })
  })
})
