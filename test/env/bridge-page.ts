// The real bridge over the run's engine, called as a page calls it: through the router (input
// validation included), with a page of the test's own that records the events sent to it and can
// go away, closing what it opened. Transports are left out; test/env/ws-client.ts has the WebSocket.
import { Engine } from '@main/engine'
import { createBridge, type Bridge, type BridgeHost, type Caller } from '@main/bridge'
import { callChannel } from '@common/contract/spec'
import type { CallName, CallOutput, Domain } from '@common/api'
import type { Result } from '@common/contract/shared'

export interface PageEvent {
  domain: string
  event: string
  payload: unknown
}

/** A page as the bridge sees it: every event sent to it, in order, and what runs when it goes. */
export interface TestPage {
  caller: Caller
  events: PageEvent[]
  /** The payloads of one kind of event, in order. */
  of<T>(domain: string, event: string): T[]
  /** The page goes away (window closed, reload): everything it opened closes. */
  leave(): void
}

export function testPage(): TestPage {
  const events: PageEvent[] = []
  const cleanups: Array<() => void> = []
  return {
    caller: { send: (domain, event, payload) => void events.push({ domain, event, payload }), onClose: (cleanup) => void cleanups.push(cleanup) },
    events,
    of: <T>(domain: string, event: string) => events.filter((e) => e.domain === domain && e.event === event).map((e) => e.payload as T),
    leave: () => cleanups.splice(0).forEach((c) => c()),
  }
}

export interface TestBridge {
  engine: Engine
  bridge: Bridge
  /** The page calls go from unless another is given. */
  page: TestPage
  /** A call as the page sends it: the input is not checked here, so bad input reaches the router as it would. */
  call<D extends Domain, C extends CallName<D>>(domain: D, name: C, input: unknown, page?: TestPage): Promise<Result<CallOutput<D, C>>>
  close(): void
}

/** An engine connection and the bridge over it, as main builds them. The engine's event stream is not started. */
export function testBridge(host: BridgeHost = {}): TestBridge {
  const engine = new Engine()
  const bridge = createBridge(engine, host)
  const page = testPage()
  return {
    engine,
    bridge,
    page,
    call: (domain, name, input, from = page) => bridge.router.dispatch(callChannel(domain, name), input, from.caller) as Promise<Result<never>>,
    close: () => {
      page.leave()
      bridge.close()
      engine.stop()
    },
  }
}

/** The value of an answer that must be ok; otherwise the error, as the page would show it. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The sentence of an answer that must be refused with `code`; otherwise what came instead. */
export function refusal(result: Result<unknown>, code: string): string {
  if (result.ok) throw new Error(`expected ${code}, got an answer: ${JSON.stringify(result.value).slice(0, 300)}`)
  if (result.error.code !== code) throw new Error(`expected ${code}, got ${result.error.code}: ${result.error.message}`)
  return result.error.message
}
