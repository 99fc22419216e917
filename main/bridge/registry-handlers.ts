// The registry domain of the contract. Pulls and pushes belong to the page that started them:
// their progress goes to that page only, `cancel` reaches only its own operations, and they stop
// when the page goes away.
import type { Engine } from '../engine'
import { CredentialStore, type SecretBox } from '../engine/registry/credentials'
import { EngineError } from '../engine/errors'
import { listLogins, login, loginStorage, logout, pullImage, pushImage, tagImage } from '../engine/registry/registry'
import type { Caller, Handlers } from './router'

/** Operations in flight, by page, by the id the page chose (pulls, pushes, builds). */
export class Transfers {
  private readonly byCaller = new Map<Caller, Map<string, AbortController>>()

  begin(caller: Caller, operation: string): AbortController {
    let mine = this.byCaller.get(caller)
    if (!mine) {
      const fresh = new Map<string, AbortController>()
      this.byCaller.set(caller, fresh)
      caller.onClose(() => {
        fresh.forEach((c) => c.abort())
        this.byCaller.delete(caller)
      })
      mine = fresh
    }
    if (mine.has(operation)) throw new EngineError('conflict', `An operation with id "${operation}" is already running.`)
    const controller = new AbortController()
    mine.set(operation, controller)
    return controller
  }

  end(caller: Caller, operation: string): void {
    this.byCaller.get(caller)?.delete(operation)
  }

  cancel(caller: Caller, operation: string): boolean {
    const controller = this.byCaller.get(caller)?.get(operation)
    controller?.abort()
    return controller !== undefined
  }
}

/** What the host gives the registry domain: Electron passes safeStorage as the secret box. */
export interface RegistryHost {
  secretBox?: SecretBox | null
  /** Tests pass their own store (config dir, PATH for helpers). */
  credentials?: CredentialStore
}

export function createRegistryHandlers(engine: Engine, host: RegistryHost = {}): Handlers['registry'] {
  const credentials = host.credentials ?? new CredentialStore({ secretBox: host.secretBox ?? null })
  const docker = () => engine.docker
  const transfers = new Transfers()

  const transfer = async <T>(caller: Caller, operation: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = transfers.begin(caller, operation)
    try {
      return await run(controller.signal)
    } finally {
      transfers.end(caller, operation)
    }
  }

  return {
    login: (input) => login(docker(), credentials, input),
    logout: ({ registry }) => logout(credentials, registry),
    logins: () => listLogins(credentials),
    storage: async ({ registry }) => loginStorage(credentials, registry),
    tag: ({ source, target }) => tagImage(docker(), source, target),
    pull: ({ reference, operation }, caller) =>
      transfer(caller, operation, (signal) =>
        pullImage(docker(), credentials, reference, { operation, signal, onProgress: (p) => caller.send('registry', 'progress', p) }),
      ),
    push: ({ reference, operation }, caller) =>
      transfer(caller, operation, (signal) =>
        pushImage(docker(), credentials, reference, { operation, signal, onProgress: (p) => caller.send('registry', 'progress', p) }),
      ),
    cancel: async ({ operation }, caller) => ({ cancelled: transfers.cancel(caller, operation) }),
  }
}
