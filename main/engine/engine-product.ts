// Which engine answers: Docker's and Podman's both speak the Docker Engine API, and say who they are
// in the version's components ("Engine" for Docker, "Podman Engine" for Podman's compatible service).
import type Dockerode from 'dockerode'
import type { EngineProduct } from '@common/contract/engine'

interface VersionLike {
  Version?: string
  Components?: Array<{ Name?: string; Version?: string }> | null
}

export function engineProduct(version: VersionLike): EngineProduct {
  const components = version.Components ?? []
  const podman = components.find((c) => c.Name === 'Podman Engine')
  if (podman) return { kind: 'podman', name: 'Podman', version: podman.Version ?? version.Version ?? '' }
  const docker = components.find((c) => c.Name === 'Engine')
  if (docker) return { kind: 'docker', name: 'Docker Engine', version: docker.Version ?? version.Version ?? '' }
  return { kind: 'other', name: 'Engine', version: version.Version ?? '' }
}

/** Who answers, and its version and API version, as the window shows them. */
export interface EngineIdentity {
  product: EngineProduct
  version: string
  apiVersion?: string
}

type Headers = Record<string, string | string[] | undefined>
const header = (headers: Headers, name: string): string | undefined => [headers[name]].flat()[0] || undefined

/**
 * Who answers, from the headers of its ping: Podman names its libpod API's version, Docker its own in
 * `Server` ("Docker/20.10.24 (linux)"), and both the Engine API's. Null when neither says.
 */
export function identityFromPing(headers: Headers): EngineIdentity | null {
  const apiVersion = header(headers, 'api-version')
  const libpod = header(headers, 'libpod-api-version')
  if (libpod) return { product: { kind: 'podman', name: 'Podman', version: libpod }, version: libpod, apiVersion }
  const docker = /^Docker\/(\S+)/.exec(header(headers, 'server') ?? '')?.[1]
  if (docker) return { product: { kind: 'docker', name: 'Docker Engine', version: docker }, version: docker, apiVersion }
  return null
}

function pingHeaders(docker: Dockerode): Promise<Headers> {
  return new Promise((done, fail) => {
    docker.modem.dial({ path: '/_ping', method: 'GET', isStream: true, statusCodes: { 200: true }, options: {} }, (err: unknown, res?: unknown) => {
      if (err) return fail(err)
      const response = res as { headers: Headers; resume(): void }
      response.resume()
      done(response.headers)
    })
  })
}

/**
 * Who answers, asked by a ping, not by /version: Podman 4.3 asks its runtime, conmon and the OS for
 * their versions at each /version (6 s here with the machine busy, 22 s at worst, while its ping takes
 * milliseconds). /version only for an engine whose ping names neither.
 */
export async function engineIdentity(docker: Dockerode): Promise<EngineIdentity> {
  const fromPing = identityFromPing(await pingHeaders(docker))
  if (fromPing) return fromPing
  const version = await docker.version()
  return { product: engineProduct(version), version: version.Version ?? '', apiVersion: version.ApiVersion }
}

const kinds = new WeakMap<Dockerode, Promise<EngineProduct['kind']>>()

/** Which engine this client talks to, asked once (asked again after a failure). */
export function engineKindOf(docker: Dockerode): Promise<EngineProduct['kind']> {
  let kind = kinds.get(docker)
  if (!kind) {
    kind = engineIdentity(docker).then(
      (identity) => identity.product.kind,
      () => {
        kinds.delete(docker)
        return 'other' as const
      },
    )
    kinds.set(docker, kind)
  }
  return kind
}

/**
 * The engine's kind if it says within `waitMs`, else undefined (it is still asked, and known next
 * time). For what can be worded later: a list must not wait on a busy engine's answer.
 */
export function engineKindWithin(docker: Dockerode, waitMs: number): Promise<EngineProduct['kind'] | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), waitMs)))
  return Promise.race([engineKindOf(docker), late]).finally(() => clearTimeout(timer))
}
