// The bridge contract: every call (name, input schema, result type) and every event (name, payload
// type), written once. Main serves it, preload and the browser client expose it as `window.berth`,
// and the renderer's types come from it. Channel names are derived in contract.ts, never typed by hand.
import { z } from 'zod'
import { call, event, type CallSpec, type ContractSpec, type EventSpec } from './contract'
import type { ContainerSummary, EngineStatus, ImageSummary, Result } from '../main/engine/types'

export type * from '../main/engine/types'

/** A container id (full or short) or name, as `docker` accepts it. */
const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a container id or name')

/** An image id (sha256:…, full or short) or a reference such as registry:5000/team/app:1.0 or app@sha256:…. */
const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'is not an image id or reference')

/** Seconds the engine waits for a graceful stop before it kills, like `docker stop -t`. */
const stopTimeout = z.number().int().min(0).max(3600)

const noInput = z.strictObject({})

export const api = {
  engine: {
    calls: {
      status: call<EngineStatus>()(noInput),
    },
    events: {
      status: event<EngineStatus>(),
    },
  },
  containers: {
    calls: {
      list: call<ContainerSummary[]>()(noInput),
      start: call<void>()(z.strictObject({ id: containerRef })),
      stop: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
      restart: call<void>()(z.strictObject({ id: containerRef, timeout: stopTimeout.optional() })),
      remove: call<void>()(z.strictObject({ id: containerRef, force: z.boolean().optional() })),
    },
    events: {
      /** The whole list, after each burst of engine events that touched containers. */
      changed: event<ContainerSummary[]>(),
    },
  },
  images: {
    calls: {
      list: call<ImageSummary[]>()(noInput),
      remove: call<void>()(z.strictObject({ reference: imageRef })),
    },
    events: {
      changed: event<ImageSummary[]>(),
    },
  },
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
