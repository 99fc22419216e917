// The builds domain of the contract. A build belongs to the page that started it: its progress,
// steps and output go to that page only, `cancel` reaches only its own builds, and they stop when
// the page goes away.
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../engine'
import { buildImage } from '../engine/build/build'
import { completeFolder } from '../engine/build/complete'
import { contextInfo, scanContext } from '../engine/build/context'
import type { Handlers } from './router'
import { Transfers } from './registry-handlers'

/** What the host gives the builds domain. */
export interface BuildHost {
  /** The desktop window's folder dialog; browser mode has none (the page types a path). */
  pickFolder?(): Promise<string | null>
  /** Where the cache advice keeps the last context of each Dockerfile (the app's data folder). */
  buildDataDir?: string
}

/** The data folder when the host names none (browser mode): BERTH_DATA_DIR, else the platform's place. */
function defaultDataDir(): string {
  if (process.env.BERTH_DATA_DIR) return process.env.BERTH_DATA_DIR
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Berth')
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berth')
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'berth')
}

export function createBuildHandlers(engine: Engine, host: BuildHost = {}): Handlers['builds'] {
  const builds = new Transfers()
  return {
    start: async ({ operation, request }, caller) => {
      const controller = builds.begin(caller, operation)
      try {
        const { result } = await buildImage(engine.docker, operation, request, {
          signal: controller.signal,
          dataDir: host.buildDataDir ?? defaultDataDir(),
          onContext: (context) => caller.send('builds', 'progress', { operation, phase: 'sending', context }),
          onSent: (sent) => caller.send('builds', 'progress', { operation, phase: sent.done ? 'building' : 'sending', sent }),
          onSteps: (steps) => caller.send('builds', 'steps', { operation, steps }),
          onOutput: (lines) => caller.send('builds', 'output', { operation, lines }),
        })
        return result
      } finally {
        builds.end(caller, operation)
      }
    },
    cancel: async ({ operation }, caller) => ({ cancelled: builds.cancel(caller, operation) }),
    contextInfo: async ({ folder, dockerfile }) => contextInfo(await scanContext(folder, dockerfile)),
    complete: ({ path }) => completeFolder(path),
    pickFolder: async () => (host.pickFolder ? { available: true, folder: await host.pickFolder() } : { available: false, folder: null }),
  }
}
