import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type WebSocket from 'ws'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { callChannel } from '@common/contract/spec'
import { docker as cli } from '../env/docker-cli'
import { testDocker, uniqueName } from '../env/session'
import { openBridgeSocket, sendRaw } from '../env/ws-client'


const cliLabels = async (volume: string) => JSON.parse(await cli(['volume', 'inspect', '--format', '{{json .Labels}}', volume])) as Record<string, string>
const entries = (labels: Record<string, unknown>) => Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))

type Reply = { ok: boolean; value?: { labels: Record<string, string> }; error?: { code: string; message: string } }

/** Labels whose keys are also names on Object.prototype: each must be stored as an ordinary label. */
const TRICKY: Array<[string, string]> = [
  ['__proto__', 'p'],
  ['constructor', 'c'],
  ['toString', 't'],
  ['hasOwnProperty', 'h'],
  ['valueOf', 'v'],
  ['__defineGetter__', 'g'],
  ['with.equals', 'a=b=c'],
  ['long', 'x'.repeat(4096)],
  ['ключ', 'über'],
]

describe('volume labels are kept exactly or refused naming the field (real engine, real browser-mode bridge)', () => {
  let mode: BrowserMode
  let ws: WebSocket
  const created: string[] = []
  const rendererDir = mkdtempSync(join(tmpdir(), 'berth-renderer-'))

  before(async () => {
    mode = await startBrowserMode({ rendererDir })
    ws = await openBridgeSocket(mode)
  })
  after(async () => {
    ws.close()
    await mode.close()
    for (const name of created) await testDocker().getVolume(name).remove().catch(() => {})
    rmSync(rendererDir, { recursive: true, force: true })
  })

  /** Sends the JSON text as given, so keys such as "__proto__" travel exactly as a page would send them. */
  const send = (name: string, inputJson: string): Promise<Reply> => sendRaw<Reply>(ws, callChannel('volumes', name), inputJson)

  it('JSON.parse makes "__proto__" an own key (the transport does not lose it)', () => {
    const parsed = JSON.parse('{"__proto__":"p"}') as object
    assert.deepEqual(Object.keys(parsed), ['__proto__'])
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype)
    assert.deepEqual(Object.keys(structuredClone(parsed)), ['__proto__'], 'nor does the IPC transport, a structured clone')
  })

  for (const [key, value] of TRICKY) {
    it(`stores the label ${JSON.stringify(key)} as given, as the CLI and dockerode read it back`, async () => {
      const volume = uniqueName('labels')
      created.push(volume)
      const labels = `{${JSON.stringify(key)}:${JSON.stringify(value)},"plain":"1"}`
      const reply = await send('create', `{"name":${JSON.stringify(volume)},"labels":${labels}}`)
      assert.equal(reply.ok, true, reply.error?.message)
      const expected = entries(JSON.parse(labels) as Record<string, string>)
      assert.deepEqual(entries(reply.value?.labels ?? {}), expected, 'the answer')
      assert.deepEqual(entries(await cliLabels(volume)), expected, 'docker volume inspect')
      const inspected = (await testDocker().getVolume(volume).inspect()) as unknown as { Labels: Record<string, string> }
      assert.deepEqual(entries(inspected.Labels), expected, "dockerode's inspect")
      const again = await send('inspect', `{"name":${JSON.stringify(volume)}}`)
      assert.deepEqual(entries(again.value?.labels ?? {}), expected, 'volumes.inspect over the bridge')
    })
  }

  it('stores all of them together on one volume', async () => {
    const volume = uniqueName('labels')
    created.push(volume)
    const labels = `{${TRICKY.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
    const reply = await send('create', `{"name":${JSON.stringify(volume)},"labels":${labels}}`)
    assert.equal(reply.ok, true, reply.error?.message)
    assert.deepEqual(entries(await cliLabels(volume)), entries(Object.fromEntries(TRICKY)))
  })

  const refusals: Array<[string, string, RegExp]> = [
    ['an empty key', '{"":"x"}', /labels\[""\] key must not be empty/],
    ['a key with "="', '{"a=b":"x"}', /labels\["a=b"\] key must not contain "="/],
    ['a key with a space', '{"a b":"x"}', /labels\["a b"\] key must not contain/],
    ['a key over 255 characters', `{"${'k'.repeat(256)}":"x"}`, /labels\["k+…k+"\] key too big/],
    ['a value over 4096 characters', `{"big":"${'x'.repeat(4097)}"}`, /labels\.big too big/],
    ['a value that is not text', '{"n":1}', /labels\.n expected string, received number/],
    ['"__proto__" with a value that is not text', '{"__proto__":{"x":"y"}}', /labels\.__proto__ expected string, received object/],
    ['more than 64 labels', JSON.stringify(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']))), /labels has 65 labels, more than 64/],
    ['a list instead of key: value', '[["a","b"]]', /labels must be an object of labels/],
  ]
  for (const [what, labels, message] of refusals) {
    it(`refuses ${what}, naming the field, and creates nothing`, async () => {
      const volume = uniqueName('refused')
      const reply = await send('create', `{"name":${JSON.stringify(volume)},"labels":${labels}}`)
      assert.equal(reply.ok, false)
      assert.equal(reply.error?.code, 'invalid-input')
      assert.match(reply.error?.message ?? '', message)
      assert.equal((await cli(['volume', 'ls', '-q'])).split('\n').includes(volume), false)
    })
  }
})
