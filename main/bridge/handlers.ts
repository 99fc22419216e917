// What each call of the contract does, in engine terms: one file per domain, as in common/contract/,
// composed here as common/api.ts composes the contract. Inputs arrive already validated.
import type { Engine } from '../engine'
import type { Engines } from '../engine/engines/engines'
import { CredentialStore } from '../engine/registry/credentials'
import type { Handlers } from './router'
import { createEngineHandlers } from './engine-handlers'
import { createContainerHandlers } from './containers-handlers'
import { createImageHandlers } from './images-handlers'
import { createLogHandlers } from './logs-handlers'
import { createWindowHandlers, type WindowHost } from './window-handlers'
import { createRegistryHandlers, type RegistryHost } from './registry-handlers'
import { createVolumeHandlers } from './volumes-handlers'
import { createStatsHandlers } from './stats-handlers'
import { createSystemHandlers } from './system-handlers'
import { createBuildHandlers, type BuildHost } from './build-handlers'
import { createFileHandlers, type FilesHost } from './files-handlers'
import { createTerminalHandlers } from './terminal-handlers'
import { createComposeHandlers, type ComposeHost, type ComposeSaveHost } from './compose-handlers'
import { createNetworkHandlers } from './networks-handlers'
import { createProjectHandlers } from './projects-handlers'
import { createEnginesHandlers, type EnginesHost } from './engines-handlers'
import { createActivityHandlers, type ActivityHost } from './activity-handlers'
import { ActivityHistory } from '../engine/activity/history'
import { createSettingsHandlers, type SettingsHost } from './settings-handlers'

/** What the host around the bridge can do beyond the engine: the desktop window more than browser mode. */
export type BridgeHost = WindowHost & RegistryHost & FilesHost & BuildHost & ComposeHost & ComposeSaveHost & EnginesHost & ActivityHost & SettingsHost

/** The handlers over the engine Berth shows now; the engines domain acts on all of them. */
export function createHandlers(engine: Engine, engines: Engines, host: BridgeHost = {}): Handlers {
  // One store for logins, so a pull before a run sees a login made in this session.
  const credentials = host.credentials ?? new CredentialStore({ secretBox: host.secretBox ?? null })
  return {
    engine: createEngineHandlers(engine),
    containers: createContainerHandlers(engine, credentials),
    images: createImageHandlers(engine),
    logs: createLogHandlers(engine),
    window: createWindowHandlers(host),
    registry: createRegistryHandlers(engine, { ...host, credentials }),
    volumes: createVolumeHandlers(engine),
    stats: createStatsHandlers(engine),
    system: createSystemHandlers(engine),
    builds: createBuildHandlers(engine, host),
    files: createFileHandlers(engine, host),
    terminal: createTerminalHandlers(engine),
    compose: createComposeHandlers(engine, host),
    networks: createNetworkHandlers(engine),
    projects: createProjectHandlers(engine),
    engines: createEnginesHandlers(engines, host),
    activity: createActivityHandlers(host.activity ?? new ActivityHistory(host.activityDir ?? null)),
    // Settings live beside the remembered engine, in the same state folder.
    settings: createSettingsHandlers(engines.stateDir, host),
  }
}
