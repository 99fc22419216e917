// The engines Berth knows and the one it shows: builds the Engine for an entry of the list, switches
// to another live (the new one starts, the old one stops), remembers the choice for the next launch,
// and adds, removes and selects docker contexts as the CLI does.
import { homedir } from 'node:os'
import type { AddEngineResult, EngineList, EngineReach } from '@common/contract/engines'
import { Engine } from '../index'
import type { ConnectionOptions } from '../connection'
import { parseHost, resolveEndpoint, type Endpoint, type EndpointEnv } from '../endpoint'
import { EngineError } from '../errors'
import { contextOptions, DEFAULT_CONTEXT, readContexts } from './contexts'
import { addContext, makeCliDefault, removeContext, type NewContext } from './context-store'
import { acceptHostKey } from './host-keys'
import { buildList, contextId, socketId } from './list'
import { probeEngine } from './probe'
import { rememberedEngine, rememberEngine } from './remembered'
import { findSockets, socketHost, wellKnownSockets, type SocketCandidate } from './sockets'

export interface EnginesOptions {
  /** Where the docker CLI's settings are read (DOCKER_HOST, DOCKER_CONFIG, home): this process's by default. */
  where?: EndpointEnv
  /** The host's folder for the remembered choice; null remembers nothing. */
  stateDir?: string | null
  /** Settings for every engine connection made (retry delays, burst timing). */
  connection?: Omit<ConnectionOptions, 'endpoint'>
  /** The engine to show at launch, as the host gives it: wins over the remembered one. */
  endpoint?: Endpoint
  /** Where sockets with no context are looked for (tests point one at an engine of their own). */
  sockets?: SocketCandidate[]
  probeBudgetMs?: number
}

export interface EngineSwitch {
  from: { id: string; name: string }
  to: { id: string; name: string }
  previous: Engine
  next: Engine
}

const defaultWhere = (): EndpointEnv => ({ env: process.env, home: homedir(), platform: process.platform })

export class Engines {
  readonly where: EndpointEnv
  private engine: Engine
  private id = ''
  /** Whether this class made the engine shown (and so starts and stops it). */
  private owned: boolean
  private notice: string | undefined
  /** The host's state folder (the app's data folder, browser mode's config folder); null: nothing is kept. */
  readonly stateDir: string | null
  private readonly candidates: SocketCandidate[]
  private readonly reaches = new Map<string, EngineReach>()
  private sockets: SocketCandidate[] = []
  private lastSent = ''
  private readonly switchListeners = new Set<(change: EngineSwitch) => void>()
  private readonly changeListeners = new Set<(list: EngineList) => void>()
  private queue: Promise<unknown> = Promise.resolve()

  /** `given`: an engine made (and started, stopped) elsewhere, shown first. */
  constructor(private readonly options: EnginesOptions = {}, given?: Engine) {
    this.where = options.where ?? defaultWhere()
    this.stateDir = options.stateDir ?? null
    this.candidates = options.sockets ?? wellKnownSockets(this.where)
    if (given) {
      this.engine = given
      this.owned = false
      this.id = this.idOf(given.connection.endpoint)
    } else {
      const first = this.launchChoice()
      this.engine = new Engine({ ...options.connection, endpoint: first.endpoint })
      this.owned = true
      this.id = first.id ?? this.idOf(first.endpoint)
    }
  }

  get current(): Engine {
    return this.engine
  }

  get currentId(): string {
    return this.id
  }

  start(): void {
    if (this.owned) this.engine.start()
  }

  stop(): void {
    if (this.owned) this.engine.stop()
  }

  onSwitch(listener: (change: EngineSwitch) => void): () => void {
    this.switchListeners.add(listener)
    return () => this.switchListeners.delete(listener)
  }

  onChanged(listener: (list: EngineList) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /** The list as last seen, without asking any engine. */
  known(): EngineList {
    return buildList({ contexts: readContexts(this.where), sockets: this.socketsShown(), inUse: this.id, reaches: this.reaches, notice: this.notice })
  }

  /** Every engine, each asked (all at once, with a short budget) whether it answers. */
  async list(): Promise<EngineList> {
    const contexts = readContexts(this.where)
    const budget = this.options.probeBudgetMs
    const taken = new Set(contexts.contexts.map((c) => c.host))
    const [found, reaches] = await Promise.all([
      findSockets(this.candidates, taken, budget),
      Promise.all(contexts.contexts.map((c) => (contextId(c.name) === this.id ? this.inViewReach() : null) ?? this.probe(() => contextOptions(this.where, c), budget))),
    ])
    contexts.contexts.forEach((c, i) => this.reaches.set(contextId(c.name), reaches[i] as EngineReach))
    for (const s of found) this.reaches.set(socketId(s.path), s.reach)
    this.sockets = found.map(({ name, path }) => ({ name, path }))
    const inUse = this.socketInUse()
    if (inUse && !found.some((s) => s.path === inUse.path)) this.reaches.set(socketId(inUse.path), this.inViewReach() ?? (await probeEngine({ socketPath: inUse.path }, budget)))
    const list = this.known()
    this.announce(list)
    return list
  }

  /** Berth shows this engine from now on; the old one stops once the new one is in place. */
  use(id: string): Promise<EngineList> {
    return this.serially(async () => {
      if (id === this.id) return this.known()
      const endpoint = this.endpointOf(id)
      const next = new Engine({ ...this.options.connection, endpoint })
      const previous = this.engine
      const wasOwned = this.owned
      const from = { id: this.id, name: this.nameOf(this.id) }
      this.engine = next
      this.id = id
      this.owned = true
      this.notice = undefined
      next.start()
      await rememberEngine(this.stateDir, id).catch(() => {})
      this.switchListeners.forEach((l) => l({ from, to: { id, name: this.nameOf(id) }, previous, next }))
      if (wasOwned) previous.stop()
      return this.known()
    })
  }

  add(input: NewContext): Promise<AddEngineResult> {
    return this.serially(async () => {
      const result = await addContext(this.where, input, this.options.probeBudgetMs)
      if (!result.added) return result
      // It just answered: that is its reach, no need to ask again.
      this.reaches.set(contextId(input.name), result.reach)
      const list = this.changedList()
      const entry = list.engines.find((e) => e.id === contextId(input.name))
      if (!entry) throw new EngineError('internal', `The context "${input.name}" was written but the docker config folder does not list it.`)
      return { added: true, entry }
    })
  }

  remove(name: string): Promise<EngineList> {
    return this.serially(async () => {
      if (this.id === contextId(name)) throw new EngineError('in-use', `Berth shows "${name}" now: switch to another engine first, then remove it.`)
      await removeContext(this.where, name)
      this.reaches.delete(contextId(name))
      return this.changedList()
    })
  }

  makeCliDefault(name: string): Promise<EngineList> {
    return this.serially(async () => {
      await makeCliDefault(this.where, name)
      return this.changedList()
    })
  }

  acceptHostKey(host: string, fingerprint: string): Promise<void> {
    return acceptHostKey(host, fingerprint, this.where.env)
  }

  private changedList(): EngineList {
    const list = this.known()
    this.announce(list)
    return list
  }

  private announce(list: EngineList): void {
    const text = JSON.stringify(list)
    if (text === this.lastSent) return
    this.lastSent = text
    this.changeListeners.forEach((l) => l(list))
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => {})
    return run
  }

  /**
   * The engine in view answers through its own connection: what it last said, rather than a second
   * probe that a slow /version (Podman 4.3's took 22 s on a busy machine) would call unreachable.
   */
  private inViewReach(): EngineReach | null {
    const status = this.engine.connection.status
    return status.state === 'connected' && status.product ? { state: 'reachable', product: status.product } : null
  }

  private async probe(options: () => Parameters<typeof probeEngine>[0], budget?: number): Promise<EngineReach> {
    try {
      return await probeEngine(options(), budget)
    } catch (err) {
      return { state: 'unreachable', message: err instanceof Error ? err.message : String(err) }
    }
  }

  /** What Berth shows at launch: the remembered engine if it still exists, else what the docker CLI would use. */
  private launchChoice(): { endpoint: Endpoint; id?: string } {
    if (this.options.endpoint) return { endpoint: this.options.endpoint }
    const remembered = rememberedEngine(this.stateDir)
    if (remembered) {
      try {
        return { endpoint: this.endpointOf(remembered), id: remembered }
      } catch {
        this.notice = `The engine Berth showed last (${remembered.replace(/^(context|socket):/, '')}) is gone: Berth shows the one the docker CLI uses.`
      }
    }
    return { endpoint: resolveEndpoint(this.where) }
  }

  private endpointOf(id: string): Endpoint {
    if (id.startsWith('context:')) {
      const name = id.slice('context:'.length)
      const context = readContexts(this.where).contexts.find((c) => c.name === name)
      if (!context) throw new EngineError('not-found', `There is no docker context named "${name}" any more: it was removed.`)
      const source = name !== DEFAULT_CONTEXT ? 'context' : this.where.env.DOCKER_HOST ? 'DOCKER_HOST' : 'default'
      const unverified = context.skipTlsVerify && /^tcp:/.test(context.host) ? { tlsUnverified: true as const } : {}
      return { host: context.host, source, ...(name !== DEFAULT_CONTEXT ? { context: name } : {}), options: contextOptions(this.where, context), ...unverified }
    }
    const path = id.slice('socket:'.length)
    const known = [...this.sockets, ...this.candidates].some((s) => s.path === path) || path === this.socketInUse()?.path
    if (!id.startsWith('socket:') || !known) throw new EngineError('not-found', `Berth does not know the engine "${id}": pick one from the list.`)
    return { host: socketHost(path), source: 'socket', options: parseHost(socketHost(path), {}) }
  }

  /** The list's id for an endpoint: the context it came from, else the context or socket with its host. */
  private idOf(endpoint: Endpoint): string {
    if (endpoint.context) return contextId(endpoint.context)
    const contexts = readContexts(this.where)
    const current = contexts.contexts.find((c) => c.name === contexts.current)
    if (current?.host === endpoint.host) return contextId(current.name)
    const same = contexts.contexts.find((c) => c.host === endpoint.host)
    if (same) return contextId(same.name)
    return endpoint.host.startsWith('unix://') ? socketId(endpoint.host.slice('unix://'.length)) : contextId(DEFAULT_CONTEXT)
  }

  private socketInUse(): SocketCandidate | undefined {
    if (!this.id.startsWith('socket:')) return undefined
    const path = this.id.slice('socket:'.length)
    return this.candidates.find((c) => c.path === path) ?? { name: `Engine at ${path}`, path }
  }

  private socketsShown(): SocketCandidate[] {
    const inUse = this.socketInUse()
    return inUse && !this.sockets.some((s) => s.path === inUse.path) ? [...this.sockets, inUse] : this.sockets
  }

  private nameOf(id: string): string {
    if (id.startsWith('context:')) return id.slice('context:'.length)
    const path = id.slice('socket:'.length)
    return [...this.sockets, ...this.candidates].find((s) => s.path === path)?.name ?? `Engine at ${path}`
  }
}
