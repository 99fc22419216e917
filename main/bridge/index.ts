import type { Engine } from '../engine'
import { createHandlers, publishEngineEvents } from './handlers'
import { createRouter, EventHub, type Router } from './router'

export interface Bridge {
  router: Router
  hub: EventHub
  close(): void
}

/** The contract served against one engine; transports (IPC, WebSocket) attach to it. */
export function createBridge(engine: Engine): Bridge {
  const hub = new EventHub()
  const router = createRouter(createHandlers(engine))
  const unpublish = publishEngineEvents(engine, hub)
  return { router, hub, close: unpublish }
}

export type { Caller, Router } from './router'
export { EventHub } from './router'
