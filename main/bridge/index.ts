import { Engine } from '../engine'
import { Engines } from '../engine/engines/engines'
import { CredentialStore } from '../engine/registry/credentials'
import { ActivityHistory } from '../engine/activity/history'
import { createHandlers, type BridgeHost } from './handlers'
import { publishEngineEvents } from './engine-handlers'
import { Generation } from './generation'
import { EventHub, type Router } from './router'

export interface Bridge {
  router: Router
  hub: EventHub
  engines: Engines
  close(): void
}

/**
 * The contract served against the engine Berth shows; transports (IPC, WebSocket) attach to it.
 * Given the host's Engines, it follows every switch: calls go to the new engine's handlers, the
 * streams pages had open on the old one close (each page told why), and every page hears
 * `engines.switched` and the new engine's status. Given one Engine, it serves that one (tests).
 */
export function createBridge(source: Engine | Engines, host: BridgeHost = {}): Bridge {
  // Around one given Engine, the switcher is the bridge's own: engines it switches to stop with it.
  const ownEngines = !(source instanceof Engines)
  const engines = source instanceof Engines ? source : new Engines({}, source)
  const hub = new EventHub()
  // One store for logins across engines, so a login made in this session stays for the next.
  // One activity history across engines too: what Berth ran on one engine stays listed after a switch.
  const activity = host.activity ?? new ActivityHistory(host.activityDir ?? null)
  const shared: BridgeHost = {
    ...host,
    credentials: host.credentials ?? new CredentialStore({ secretBox: host.secretBox ?? null }),
    activity,
    // Every window shows the settings any window saved.
    settingsSaved: (settings) => hub.emit('settings', 'changed', settings),
  }
  const generationOf = (engine: Engine) => new Generation(createHandlers(engine, engines, shared))
  let generation = generationOf(engines.current)
  let unpublish = publishEngineEvents(engines.current, hub)

  const offSwitch = engines.onSwitch(({ from, to, next }) => {
    const old = generation
    unpublish()
    generation = generationOf(next)
    unpublish = publishEngineEvents(next, hub)
    old.end({ message: `Berth switched to the engine "${to.name}": this stream on "${from.name}" closed.` })
    hub.emit('engines', 'switched', { from, to, list: engines.known() })
    hub.emit('engine', 'status', next.connection.status)
  })
  const offChanged = engines.onChanged((list) => hub.emit('engines', 'changed', list))
  // Every window's Activity panel hears what any window ran.
  const offActivity = activity.onAppended((entry) => hub.emit('activity', 'appended', entry))

  const router: Router = {
    channels: generation.router.channels,
    dispatch(channel, input, caller) {
      const current = generation
      return current.router.dispatch(channel, input, current.callerFor(caller))
    },
  }
  return {
    router,
    hub,
    engines,
    close() {
      offSwitch()
      offChanged()
      offActivity()
      unpublish()
      if (ownEngines) engines.stop()
    },
  }
}

export type { Caller, Router, StreamEnding } from './router'
export type { BridgeHost } from './handlers'
export { EventHub } from './router'
