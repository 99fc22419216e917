// The engine domain: which engine Berth reached, and whether it answers.
import { call, event } from './spec'
import { noInput } from './shared'

/** Where the engine came from: DOCKER_HOST, a docker context, the platform's default, or a socket found with no context. */
export type EngineSource = 'DOCKER_HOST' | 'context' | 'default' | 'socket'

/** The engine behind the Docker API: Docker's own, Podman's compatible service, or another. */
export interface EngineProduct {
  kind: 'docker' | 'podman' | 'other'
  /** As the window names it: "Docker Engine", "Podman". */
  name: string
  version: string
}

export interface EngineStatus {
  state: 'connecting' | 'connected' | 'unreachable'
  /** Where the engine is, as the user would write it: unix:///var/run/docker.sock, tcp://…, ssh://… */
  host: string
  source: EngineSource
  /** Name of the docker context in use, when the endpoint came from one. */
  context?: string
  /** Engine version, once connected. */
  version?: string
  /** The engine's API version (1.41 for Docker 20.10), once connected: some CLI flags need a newer one. */
  apiVersion?: string
  /** Which engine it is (Docker Engine 20.10.24, Podman 4.3.1), once connected. */
  product?: EngineProduct
  /** Why the engine cannot be reached, when it cannot. */
  message?: string
  /**
   * Reached over TLS without checking the engine's certificate, because its context says
   * SkipTLSVerify (or DOCKER_TLS is set without DOCKER_TLS_VERIFY): encrypted, but not verified.
   */
  tlsUnverified?: true
}
export const engine = {
  calls: {
    status: call<EngineStatus>()(noInput),
  },
  events: {
    status: event<EngineStatus>(),
  },
}
