// Copy and paste keys in a container terminal: which ones Berth takes, and which still reach the
// process. The terminal here is a stand-in that records the key handler and holds a selection: the
// decisions are Berth's; what xterm does with "handled" or "not handled" is xterm's.
import { strict as assert } from 'node:assert'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { Terminal } from '@xterm/xterm'
import { handleClipboardKeys } from '@renderer/features/terminal/keys'

interface Keys {
  key: string
  ctrl?: boolean
  shift?: boolean
  alt?: boolean
  meta?: boolean
  type?: string
}

function terminal() {
  let handler: ((event: KeyboardEvent) => boolean) | null = null
  const state = { selection: '' }
  const term = {
    attachCustomKeyEventHandler: (h: (event: KeyboardEvent) => boolean) => (handler = h),
    hasSelection: () => state.selection !== '',
    getSelection: () => state.selection,
  }
  handleClipboardKeys(term as unknown as Terminal)
  return {
    state,
    /** Presses the keys; says whether xterm may handle them (send them to the process) and whether the browser's default was stopped. */
    press({ key, ctrl = false, shift = false, alt = false, meta = false, type = 'keydown' }: Keys) {
      assert.ok(handler, 'a key handler is attached')
      let prevented = false
      const event = { type, key, ctrlKey: ctrl, shiftKey: shift, altKey: alt, metaKey: meta, preventDefault: () => (prevented = true) }
      const toTerminal = handler(event as unknown as KeyboardEvent)
      return { toTerminal, prevented }
    },
  }
}

describe('terminal clipboard keys', () => {
  const copied: string[] = []
  let saved: PropertyDescriptor | undefined
  const useClipboard = (writeText: ((text: string) => Promise<void>) | null) =>
    Object.defineProperty(globalThis, 'navigator', { value: writeText ? { clipboard: { writeText } } : {}, configurable: true, writable: true })

  beforeEach(() => {
    copied.length = 0
    saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator')
    useClipboard(async (text) => void copied.push(text))
  })
  afterEach(() => {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved)
    else Reflect.deleteProperty(globalThis, 'navigator')
  })

  it('Ctrl+C without a selection goes to the process as ^C', () => {
    const t = terminal()
    assert.deepEqual(t.press({ key: 'c', ctrl: true }), { toTerminal: true, prevented: false })
    assert.deepEqual(copied, [])
  })

  it('Ctrl+C with a selection copies it instead, as Windows Terminal does', () => {
    const t = terminal()
    t.state.selection = 'docker ps'
    assert.deepEqual(t.press({ key: 'c', ctrl: true }), { toTerminal: false, prevented: true })
    assert.deepEqual(copied, ['docker ps'])
  })

  it('Ctrl+Shift+C copies the selection, and is never ^C even without one', () => {
    const t = terminal()
    t.state.selection = 'line one\nline two'
    assert.deepEqual(t.press({ key: 'C', ctrl: true, shift: true }), { toTerminal: false, prevented: true })
    assert.deepEqual(copied, ['line one\nline two'])
    t.state.selection = ''
    assert.deepEqual(t.press({ key: 'C', ctrl: true, shift: true }), { toTerminal: false, prevented: true })
    assert.deepEqual(copied, ['line one\nline two'], 'nothing selected, nothing written')
  })

  it('Ctrl+V and Ctrl+Shift+V are left to the browser to paste, never sent as ^V', () => {
    const t = terminal()
    assert.deepEqual(t.press({ key: 'v', ctrl: true }), { toTerminal: false, prevented: false })
    assert.deepEqual(t.press({ key: 'V', ctrl: true, shift: true }), { toTerminal: false, prevented: false })
  })

  it('leaves every other key to the terminal', () => {
    const t = terminal()
    t.state.selection = 'selected'
    const others: Keys[] = [
      { key: 'd', ctrl: true },
      { key: 'z', ctrl: true },
      { key: 'c' },
      { key: 'c', meta: true },
      { key: 'v', meta: true },
      { key: 'c', ctrl: true, alt: true },
      { key: 'c', ctrl: true, meta: true },
      { key: 'c', ctrl: true, type: 'keyup' },
      { key: 'v', ctrl: true, type: 'keypress' },
    ]
    for (const keys of others) assert.deepEqual(t.press(keys), { toTerminal: true, prevented: false }, JSON.stringify(keys))
    assert.deepEqual(copied, [])
  })

  it('copies quietly where the clipboard is refused or missing', async () => {
    const t = terminal()
    t.state.selection = 'secret'
    useClipboard(() => Promise.reject(new Error('Document is not focused.')))
    assert.equal(t.press({ key: 'c', ctrl: true }).toTerminal, false)
    await new Promise((resolve) => setImmediate(resolve))
    useClipboard(null)
    assert.equal(t.press({ key: 'c', ctrl: true, shift: true }).toTerminal, false, 'plain http: no clipboard API, still no ^C')
  })
})
