// The bridge contract: every call (name, input schema, result type) and every event (name, payload
// type), written once, one file per domain in contract/. Main serves it, preload and the browser
// client expose it as `window.berth`, and the renderer's types come from it. Channel names are
// derived in contract/spec.ts, never typed by hand.
import type { z } from 'zod'
import type { CallSpec, ContractSpec, EventSpec } from './contract/spec'
import type { Result } from './contract/shared'
import { engine } from './contract/engine'
import { containers } from './contract/containers'
import { images } from './contract/images'
import { logs } from './contract/logs'
import { appWindow } from './contract/window'
import { registry } from './contract/registry'
import { volumes } from './contract/volumes'
import { stats } from './contract/stats'
import { system } from './contract/system'
import { builds } from './contract/build'
import { files } from './contract/files'
import { terminal } from './contract/terminal'
import { compose } from './contract/compose'
import { networks } from './contract/networks'
import { projects } from './contract/projects'
import { engines } from './contract/engines'
import { activity } from './contract/activity'
import { settings } from './contract/settings'

export const api = {
  engine,
  containers,
  images,
  logs,
  window: appWindow,
  registry,
  volumes,
  stats,
  system,
  builds,
  files,
  terminal,
  compose,
  networks,
  projects,
  engines,
  activity,
  settings,
} as const satisfies ContractSpec

export type Api = typeof api
export type Domain = keyof Api
export type CallName<D extends Domain> = keyof Api[D]['calls'] & string
export type EventName<D extends Domain> = keyof Api[D]['events'] & string

type SpecOf<D extends Domain, C extends CallName<D>> = Api[D]['calls'][C]
export type CallInput<D extends Domain, C extends CallName<D>> =
  SpecOf<D, C> extends CallSpec<infer I, unknown> ? z.output<I> : never
export type CallOutput<D extends Domain, C extends CallName<D>> =
  SpecOf<D, C> extends CallSpec<z.ZodType, infer O> ? O : never
export type EventPayload<D extends Domain, E extends EventName<D>> =
  Api[D]['events'][E] extends EventSpec<infer P> ? P : never

type CallFunction<S> =
  S extends CallSpec<infer I, infer O>
    ? Record<string, never> extends z.input<I>
      ? (input?: z.input<I>) => Promise<Result<O>>
      : (input: z.input<I>) => Promise<Result<O>>
    : never

type Subscribe<S> = S extends EventSpec<infer P> ? (listener: (payload: P) => void) => () => void : never

export type DomainApi<D extends Domain> = {
  [C in CallName<D>]: CallFunction<Api[D]['calls'][C]>
} & {
  [E in EventName<D> as `on${Capitalize<E>}`]: Subscribe<Api[D]['events'][E]>
}

/** What the page sees as `window.berth`. */
export type BerthApi = { [D in Domain]: DomainApi<D> }
