import type { Engine } from '../engine'
import { createHandlers, type BridgeHost } from './handlers'
import { publishEngineEvents } from './engine-handlers'
import { createRouter, EventHub, type Router } from './router'

export interface Bridge {
  router: Router
  hub: EventHub
  close(): void
}

/** The contract served against one engine; transports (IPC, WebSocket) attach to it. */
export function createBridge(engine: Engine, host: BridgeHost = {}): Bridge {
  const hub = new EventHub()
  const router = createRouter(createHandlers(engine, host))
  const unpublish = publishEngineEvents(engine, hub)
  return { router, hub, close: unpublish }
}

export type { Caller, Router } from './router'
export type { BridgeHost } from './handlers'
export { EventHub } from './router'
