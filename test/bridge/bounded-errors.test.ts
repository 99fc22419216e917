import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type WebSocket from 'ws'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { callChannel } from '@common/contract/spec'
import { MAX_MESSAGE_CHARS } from '@common/echo'
import { createContainer, removeTestContainers, testDocker } from '../env/session'
import { openBridgeSocket, sendRaw } from '../env/ws-client'

type Reply = { ok: boolean; error?: { code: string; message: string } }

/** A nesting `depth` deep, as JSON text (building it as an object first would overflow the stack). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

describe('refusals stay short whatever the input (real browser-mode bridge)', () => {
  let mode: BrowserMode
  let ws: WebSocket
  const rendererDir = mkdtempSync(join(tmpdir(), 'berth-renderer-'))

  before(async () => {
    mode = await startBrowserMode({ rendererDir })
    ws = await openBridgeSocket(mode)
  })
  after(async () => {
    ws.close()
    await mode.close()
    await removeTestContainers(testDocker())
    rmSync(rendererDir, { recursive: true, force: true })
  })

  const send = (domain: string, name: string, inputJson: string): Promise<Reply> => sendRaw<Reply>(ws, callChannel(domain, name), inputJson)

  async function refused(domain: string, name: string, inputJson: string, field: RegExp): Promise<string> {
    assert.ok(inputJson.length < 1024 * 1024, 'fits in one bridge message')
    const reply = await send(domain, name, inputJson)
    assert.equal(reply.ok, false)
    assert.equal(reply.error?.code, 'invalid-input')
    const message = reply.error?.message ?? ''
    assert.ok(message.length <= MAX_MESSAGE_CHARS, `${message.length} characters: ${message.slice(0, 200)}…`)
    assert.match(message, field)
    return message
  }

  it('50,000 unknown keys: names three of them and counts the rest', async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `"unknown${i}":1`).join(',')
    const message = await refused('volumes', 'create', `{"name":"v",${keys}}`, /input has unknown fields "unknown0", "unknown1", "unknown2" and 49,997 more/)
    assert.ok(message.length < 200, message)
  })

  it('50,000 labels: one refusal, not one per label', async () => {
    const labels = Array.from({ length: 50_000 }, (_, i) => `"k${i}":"v"`).join(',')
    await refused('volumes', 'create', `{"name":"v","labels":{${labels}}}`, /labels has 50,000 labels, more than 64/)
  })

  it('10,000 bad names in a prune: three problems and a count', async () => {
    const names = JSON.stringify(Array.from({ length: 10_000 }, () => '-bad'))
    await refused('volumes', 'prune', `{"names":${names}}`, /names\[0\] is not a volume name.*names\[2\].*and 9,997 more problems/)
  })

  it('a 1 MB string value, a 1 MB key and a 1 MB label value', async () => {
    const mb = 'x'.repeat(1_000_000)
    await refused('volumes', 'create', `{"name":"${mb}"}`, /^Berth refused the request: name too big/)
    await refused('volumes', 'create', `{"name":"v","labels":{"${mb}":"v"}}`, /labels\["x{20,}…x+"\] key too big/)
    await refused('volumes', 'create', `{"name":"v","labels":{"big":"${mb}"}}`, /labels\.big too big/)
    await refused('volumes', 'create', `{"name":"v","${mb}":1}`, /input has unknown field "x+…x+"/)
    await refused('images', 'remove', `{"reference":"${mb}"}`, /reference too big/)
  })

  it('deep nesting, where a value or an unknown field is expected', async () => {
    await refused('volumes', 'create', `{"name":"v","labels":{"a":${nested(100_000)}}}`, /labels\.a expected string, received array/)
    await refused('volumes', 'create', `{"name":${nested(100_000)}}`, /name expected string, received array/)
    await refused('volumes', 'create', `{"name":"v","deep":${nested(100_000)}}`, /unknown field "deep"/)
    await refused('files', 'list', `{"target":{"kind":"volume","name":${nested(100_000)}},"path":"/"}`, /target\.name expected string/)
    const reply = await send('engine', 'status', '{}')
    assert.equal(reply.ok, true, 'the bridge keeps serving')
  })

  it('an engine error about a long path names it shortened', async () => {
    const container = await createContainer(testDocker())
    const path = `/${'deep/'.repeat(800)}missing.txt`
    const reply = await send('files', 'stat', JSON.stringify({ target: { kind: 'container', id: container.Id }, path }))
    assert.equal(reply.ok, false)
    const message = reply.error?.message ?? ''
    assert.ok(message.length <= MAX_MESSAGE_CHARS, `${message.length} characters`)
    assert.match(message, /missing\.txt/, message)
  })
})
