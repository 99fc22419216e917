// The browser mode's client derives each channel from the name a store reads, so the page needs
// neither zod nor the contract's schemas. Every call and event of the contract must still reach the
// channel main serves it on (the one contract/spec.ts derives), or the page would ask for nothing.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { api } from '@common/api'
import type { Transport } from '@common/client'
import { callChannel, eventChannel, listenerName } from '@common/contract/spec'
import { createLazyClient } from '@renderer/bridge/client'

function recording(): { transport: Transport; calls: Array<[string, unknown]>; subscriptions: string[] } {
  const calls: Array<[string, unknown]> = []
  const subscriptions: string[] = []
  const transport: Transport = {
    invoke: (channel, input) => {
      calls.push([channel, input])
      return Promise.resolve({ ok: true, value: undefined })
    },
    subscribe: (channel) => {
      subscriptions.push(channel)
      return () => {}
    },
  }
  return { transport, calls, subscriptions }
}

describe('the lazy bridge client', () => {
  it('sends every call of the contract on its channel, with its input ({} when none)', async () => {
    const { transport, calls } = recording()
    const client = createLazyClient(transport) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>
    const expected: Array<[string, unknown]> = []
    for (const [domain, spec] of Object.entries(api)) {
      for (const name of Object.keys(spec.calls)) {
        await client[domain]![name]!({ n: expected.length })
        expected.push([callChannel(domain, name), { n: expected.length }])
      }
    }
    await client.containers!.list!()
    expected.push([callChannel('containers', 'list'), {}])
    assert.deepEqual(calls, expected)
  })

  it('subscribes every event of the contract by its listener name, on its channel', () => {
    const { transport, subscriptions } = recording()
    const client = createLazyClient(transport) as unknown as Record<string, Record<string, (listener: () => void) => () => void>>
    const expected: string[] = []
    for (const [domain, spec] of Object.entries(api)) {
      for (const name of Object.keys(spec.events)) {
        client[domain]![listenerName(name)]!(() => {})
        expected.push(eventChannel(domain, name))
      }
    }
    assert.ok(expected.length > 0)
    assert.deepEqual(subscriptions, expected)
  })
})
