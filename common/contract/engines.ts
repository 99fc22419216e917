// The engines domain: every engine the user has (each docker context, as `docker context ls` shows
// it, and the well-known local sockets that answer), which one Berth shows, switching live, and
// adding or removing a context the docker CLI then sees.
import { z } from 'zod'
import { call, event } from './spec'
import { noInput } from './shared'
import type { EngineProduct } from './engine'

/**
 * A context name as the docker CLI accepts it (`^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`, and not "default",
 * which is the CLI's own).
 */
export const contextName = z
  .string()
  .min(1, 'is empty: name the engine')
  .max(255, 'is longer than 255 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/, 'is not a context name (letters, digits, "_", ".", "+" and "-", starting with a letter or digit, two characters at least)')

/** An engine as the list names it: `context:<name>` for a docker context, `socket:<path>` for a found socket. */
export const engineId = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(context:[a-zA-Z0-9][a-zA-Z0-9_.+-]*|socket:\/.+)$/, 'is not an engine from the list')

export type EngineKindOfEntry = 'context' | 'socket'

/** Whether an engine answered when Berth last asked, and as what. */
export interface EngineReach {
  state: 'checking' | 'reachable' | 'unreachable'
  /** Docker Engine 20.10.24, Podman 4.3.1…, once it answered. */
  product?: EngineProduct
  /** Why it did not answer, as a sentence (a refused certificate, an unknown host key, a closed port). */
  message?: string
}

export interface EngineEntry {
  id: string
  /** The context's name (`default` for the CLI's own), or what the socket is: "Podman (rootless)", "Colima". */
  name: string
  kind: EngineKindOfEntry
  /** As the CLI shows it in `docker context ls`'s DOCKER ENDPOINT column. */
  host: string
  description: string
  /** The engine the docker CLI uses now (the `*` of `docker context ls`). */
  cliDefault: boolean
  /** The engine Berth shows now. */
  inUse: boolean
  /** TLS files the context carries (ca, cert, key), by name only. */
  tls: Array<'ca' | 'cert' | 'key'>
  /** When the CLI is pinned by DOCKER_HOST or DOCKER_CONTEXT, the variable that pins it. */
  pinnedBy?: 'DOCKER_HOST' | 'DOCKER_CONTEXT'
  reach: EngineReach
}

export interface EngineList {
  engines: EngineEntry[]
  /** Where the contexts were read from (DOCKER_CONFIG, else ~/.docker). */
  configDir: string
  /**
   * The global flags that make a pasted docker line act on the engine Berth shows: [] when it is the
   * CLI's default, ['--context', name] for another context, ['-H', host] for a socket with no context.
   */
  cliFlags: string[]
  /** A sentence about the list itself, e.g. that the engine Berth showed last is gone, so it shows the CLI's. */
  notice?: string
}

/** A host as `docker context create --docker host=…` takes it. */
const engineHost = z
  .string()
  .min(1, 'is empty: give an address such as ssh://me@build-box, tcp://10.0.0.5:2376 or unix:///run/podman/podman.sock')
  .max(2048)
  .regex(/^(unix:\/\/\/|tcp:\/\/|ssh:\/\/|npipe:\/\/)\S+$/, 'is not an engine address: start it with unix:///, tcp:// or ssh://')

/** A file on the machine Berth runs on, by its absolute path. */
const hostFile = z.string().min(1).max(4096).regex(/^\//, 'is not an absolute path')

export const addEngineInput = z.strictObject({
  name: contextName.refine((name) => name !== 'default', 'is the name the docker CLI keeps for its own default: pick another'),
  description: z.string().max(1024).optional(),
  host: engineHost,
  /** For tcp:// with TLS: the files `docker context create --docker ca=…,cert=…,key=…` takes. */
  tls: z
    .strictObject({
      ca: hostFile.optional(),
      cert: hostFile.optional(),
      key: hostFile.optional(),
    })
    .optional(),
})
export type AddEngineInput = z.input<typeof addEngineInput>

/** An ssh host key Berth does not know yet, as ssh-keyscan gave it, for the user to accept. */
export interface UnknownHostKey {
  /** As ssh names it: `[127.0.0.1]:2222`. */
  host: string
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string
  keyType: string
}

export type AddEngineResult =
  | { added: true; entry: EngineEntry }
  /** The host's key is not in the user's known_hosts: nothing was written; accept it, then add again. */
  | { added: false; unknownHostKey: UnknownHostKey }

export const engines = {
  calls: {
    /** Every engine, each probed (with a short budget) for reachability. */
    list: call<EngineList>()(noInput),
    /** Berth shows this engine from now on (every list, page and stream moves); the CLI is left alone. */
    use: call<EngineList>()(z.strictObject({ id: engineId })),
    /** `docker context use NAME`: the CLI's default changes, as the CLI itself would change it. */
    makeCliDefault: call<EngineList>()(z.strictObject({ name: contextName })),
    /** `docker context create NAME --docker host=…[,ca=…,cert=…,key=…]`, after the engine answered. */
    add: call<AddEngineResult>()(addEngineInput),
    /** `docker context rm NAME`: refused for the engine in use and for the CLI's default. */
    remove: call<EngineList>()(z.strictObject({ name: contextName })),
    /** Adds the host key the user was shown (by fingerprint) to the known_hosts file their ssh uses. */
    acceptHostKey: call<null>()(z.strictObject({ host: engineHost, fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/=]+$/, 'is not an ssh key fingerprint') })),
    /** Opens the OS file dialog for a TLS file (desktop only; browser mode types the path). */
    pickFile: call<string | null>()(z.strictObject({ title: z.string().max(200) })),
  },
  events: {
    /** The list changed: a probe answered, a context was added or removed, the CLI's default moved. */
    changed: event<EngineList>(),
    /**
     * Berth now shows another engine. Every stream of the old one (logs, terminals, stats, builds,
     * transfers) has been closed; pages reload their lists and say what closed.
     */
    switched: event<{ from: { id: string; name: string }; to: { id: string; name: string }; list: EngineList }>(),
  },
}
